package clinic

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"strings"
	"time"
)

// Session is a logged-in browser. Only an HMAC of its token is stored, so the table alone does
// not let anyone log in.
type Session struct {
	Hash      string
	UserID    string
	CSRFToken string
	CreatedAt time.Time
	ExpiresAt time.Time
}

// Login limits and session lifetime.
const (
	SessionIdle         = 12 * time.Hour // a clinic shift; any request extends it
	loginWindow         = 15 * time.Minute
	maxFailuresPerUser  = 5
	maxFailuresPerIP    = 20
	sessionTokenEntropy = 32
)

// NewToken returns a random URL-safe token with n bytes of entropy.
func NewToken(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic("clinic: crypto/rand failed: " + err.Error())
	}
	return strings.TrimRight(base64.URLEncoding.EncodeToString(b), "=")
}

func (s *Service) sessionHash(token string) string {
	m := hmac.New(sha256.New, s.sessionSecret)
	m.Write([]byte(token))
	return hex.EncodeToString(m.Sum(nil))
}

// Login checks a username and password and opens a session. Failed attempts are counted per
// username and per address; past the limit, even a right password waits out the window.
//
// Errors: validation (a missing field), unauthenticated (wrong username or password), rate_limited.
func (s *Service) Login(ctx context.Context, username, password, ip, requestID string) (token string, sess Session, u User, err error) {
	now := s.clock.Now()
	username = strings.TrimSpace(strings.ToLower(username))
	var p Problems
	if username == "" {
		p.Add("username", "required", "Enter your username.")
	}
	if password == "" {
		p.Add("password", "required", "Enter your password.")
	}
	if err := p.Err(); err != nil {
		return "", Session{}, User{}, err
	}
	err = s.store.Tx(ctx, func(tx Tx) error {
		byUser, byIP, err := tx.FailedLogins(ctx, username, ip, now.Add(-loginWindow))
		if err != nil {
			return err
		}
		if byUser >= maxFailuresPerUser || byIP >= maxFailuresPerIP {
			return Errorf(ERateLimited, "Too many failed logins. Wait 15 minutes and try again.")
		}
		u, err = tx.UserByUsername(ctx, username)
		ok := false
		if err == nil && !u.Disabled {
			ok, err = s.hasher.Verify(u.PasswordHash, password)
			if err != nil {
				return Internal(err, "check password")
			}
		} else if err != nil && !IsCode(err, ENotFound) {
			return err
		}
		if !ok {
			return errBadLogin
		}
		if err := tx.RecordLogin(ctx, username, ip, true, now); err != nil {
			return err
		}
		token = NewToken(sessionTokenEntropy)
		sess = Session{Hash: s.sessionHash(token), UserID: u.ID, CSRFToken: NewToken(24),
			CreatedAt: now, ExpiresAt: now.Add(SessionIdle)}
		if err := tx.CreateSession(ctx, sess); err != nil {
			return err
		}
		return tx.Audit(ctx, AuditEntry{At: now, UserID: u.ID, Username: u.Username, Role: u.Role,
			SiteID: u.Site.ID, Action: "session.login", Record: "user", RecordID: u.ID, RequestID: requestID, IP: ip})
	})
	if errors.Is(err, errBadLogin) {
		// The transaction above rolled back; the failed attempt is kept in one of its own.
		return "", Session{}, User{}, s.loginFailed(ctx, username, ip, now)
	}
	return token, sess, u, err
}

// errBadLogin says the same for an unknown user and a wrong password, so names cannot be probed.
var errBadLogin = Errorf(EUnauthorized, "Wrong username or password.")

func (s *Service) loginFailed(ctx context.Context, username, ip string, now time.Time) error {
	err := s.store.Tx(ctx, func(tx Tx) error { return tx.RecordLogin(ctx, username, ip, false, now) })
	if err != nil {
		return err
	}
	return errBadLogin
}

// SessionUser returns the user of a session token and extends the session.
//
// Errors: unauthenticated (no session, an ended one, a disabled account).
func (s *Service) SessionUser(ctx context.Context, token string) (User, Session, error) {
	if token == "" {
		return User{}, Session{}, Errorf(EUnauthorized, "Please log in.")
	}
	now := s.clock.Now()
	var u User
	var sess Session
	err := s.store.Tx(ctx, func(tx Tx) error {
		var err error
		sess, err = tx.SessionByHash(ctx, s.sessionHash(token))
		if IsCode(err, ENotFound) || (err == nil && now.After(sess.ExpiresAt)) {
			return Errorf(EUnauthorized, "Your session has ended. Please log in again.")
		}
		if err != nil {
			return err
		}
		if u, err = tx.UserByID(ctx, sess.UserID); err != nil {
			return err
		}
		if u.Disabled {
			return Errorf(EUnauthorized, "This account is disabled.")
		}
		// Extend at most once a minute, so a busy worklist does not write on every poll.
		if sess.ExpiresAt.Sub(now) < SessionIdle-time.Minute {
			sess.ExpiresAt = now.Add(SessionIdle)
			return tx.TouchSession(ctx, sess.Hash, sess.ExpiresAt)
		}
		return nil
	})
	return u, sess, err
}

// Logout ends a session.
//
// Errors: internal only.
func (s *Service) Logout(ctx context.Context, token string) error {
	return s.store.Tx(ctx, func(tx Tx) error { return tx.DeleteSession(ctx, s.sessionHash(token)) })
}
