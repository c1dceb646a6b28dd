package clinic

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
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

// Session and login settings. The lifetimes are clinic settings (Deps); these are their defaults.
const (
	DefaultSessionIdle     = 30 * time.Minute // a session unused this long ends
	DefaultSessionLifetime = 12 * time.Hour   // a clinic shift: no session lives longer, used or not
	loginWindow            = 15 * time.Minute
	maxFailuresPerUserIP   = 5  // per username from one address: a guesser elsewhere cannot lock the user out
	maxFailuresPerIP       = 20 // from one address, whatever the username
	sessionTokenEntropy    = 32
	// MaxUsernameLen is the longest username an account may have; a longer one is refused
	// before the database is asked.
	MaxUsernameLen = 40
	maxPasswordLen = 1024
)

// LoginClaim is one login attempt, counted before its password is checked, with the failures
// (this one included) already counted in the window.
type LoginClaim struct {
	ID             int64
	ByUserIP, ByIP int
}

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

// Login checks a username and password and opens a session; LoginCode with no code.
//
// Errors: validation, unauthenticated, second_factor_required, rate_limited.
func (s *Service) Login(ctx context.Context, username, password, ip, requestID string) (token string, sess Session, u User, err error) {
	return s.LoginCode(ctx, username, password, "", ip, requestID)
}

// LoginCode checks a username, a password and, for an account with a second factor, a code
// (from the authenticator app, or a recovery code), and opens a session.
//
// The attempt is claimed first, atomically, as a failure (ClaimLogin); past the limit of the
// username from this address, or of the address, the password is not even checked. The password
// hash is then checked outside any transaction, behind a semaphore of a few slots, against the
// user's hash or a dummy one when there is no such user, so both cost the same. Only a right
// password (and a right code when the account has a second factor) turns the claimed failure
// into a success. A right password without a code answers second_factor_required, and the
// attempt does not count as a failure; a wrong code does.
//
// Errors: validation (a missing field), unauthenticated (wrong username, password or code),
// second_factor_required, rate_limited.
func (s *Service) LoginCode(ctx context.Context, username, password, code, ip, requestID string) (token string, sess Session, u User, err error) {
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
	if len(username) > MaxUsernameLen || len(password) > maxPasswordLen {
		return "", Session{}, User{}, errBadLogin // no account has such a name or password
	}
	claim, u, found, err := s.claimLogin(ctx, username, ip, now)
	if err != nil {
		return "", Session{}, User{}, err
	}
	hash := u.PasswordHash
	if !found {
		hash = s.dummyHash()
	}
	ok, err := s.checkPassword(ctx, hash, password)
	if err != nil {
		return "", Session{}, User{}, err
	}
	if !ok || !found || u.Disabled {
		return "", Session{}, User{}, errBadLogin // the claimed failure stands
	}
	if u.SecondFactor.Enabled && strings.TrimSpace(code) == "" {
		if err := s.store.Tx(ctx, func(tx Tx) error { return tx.LoginSucceeded(ctx, claim.ID) }); err != nil {
			return "", Session{}, User{}, err
		}
		return "", Session{}, User{}, Errorf(ESecondFactor, "Enter the code from your authenticator app, or a recovery code.")
	}
	token, sess, u, err = s.openSession(ctx, claim, u, code, ip, requestID, now)
	if err != nil {
		return "", Session{}, User{}, err
	}
	return token, sess, u, nil
}

// claimLogin claims the attempt and, within the limits, reads the account (found is false when
// there is none). Past a limit it answers rate_limited, and nothing is hashed.
func (s *Service) claimLogin(ctx context.Context, username, ip string, now time.Time) (claim LoginClaim, u User, found bool, err error) {
	err = s.store.Tx(ctx, func(tx Tx) error {
		var err error
		if claim, err = tx.ClaimLogin(ctx, username, ip, now, now.Add(-loginWindow)); err != nil {
			return err
		}
		if claim.ByUserIP > maxFailuresPerUserIP || claim.ByIP > maxFailuresPerIP {
			return nil // committed: the refused attempt counts too
		}
		u, err = tx.UserByUsername(ctx, username)
		found = err == nil
		if IsCode(err, ENotFound) {
			err = nil
		}
		return err
	})
	if err == nil && (claim.ByUserIP > maxFailuresPerUserIP || claim.ByIP > maxFailuresPerIP) {
		err = Errorf(ERateLimited, "Too many failed logins. Wait 15 minutes and try again.")
	}
	return claim, u, found, err
}

// openSession checks the second factor of an account that has one, turns the claimed attempt
// into a success and opens the session, with its audit row. A wrong code leaves the claimed
// failure standing.
func (s *Service) openSession(ctx context.Context, claim LoginClaim, u User, code, ip, requestID string, now time.Time) (string, Session, User, error) {
	token := NewToken(sessionTokenEntropy)
	sess := Session{Hash: s.sessionHash(token), UserID: u.ID, CSRFToken: NewToken(24),
		CreatedAt: now, ExpiresAt: s.sessionExpiry(now, now)}
	detail := ""
	err := s.store.Tx(ctx, func(tx Tx) error {
		if u.SecondFactor.Enabled {
			how, err := s.checkSecondFactor(ctx, tx, u, code, now)
			if err != nil {
				return err
			}
			detail = "second factor: " + how
		}
		var err error
		if u.MustEnrol, err = mustEnrol(ctx, tx, u); err != nil {
			return err
		}
		if err := tx.LoginSucceeded(ctx, claim.ID); err != nil {
			return err
		}
		if err := tx.CreateSession(ctx, sess); err != nil {
			return err
		}
		return tx.Audit(ctx, AuditEntry{At: now, UserID: u.ID, Username: u.Username, Role: u.Role,
			SiteID: u.Site.ID, Action: "session.login", Record: "user", RecordID: u.ID, RequestID: requestID, IP: ip, Detail: detail})
	})
	return token, sess, u, err
}

// errBadLogin says the same for an unknown user and a wrong password, so names cannot be probed.
var errBadLogin = Errorf(EUnauthorized, "Wrong username or password.")

// checkPassword runs the password hash in one of the service's few hashing slots, so a flood of
// logins queues here (and gives up with the request) instead of exhausting memory and CPU.
func (s *Service) checkPassword(ctx context.Context, hash, password string) (bool, error) {
	select {
	case s.hashSlots <- struct{}{}:
	case <-ctx.Done():
		return false, Errorf(EUnavailable, "The server is busy checking other logins; try again.")
	}
	defer func() { <-s.hashSlots }()
	ok, err := s.hasher.Verify(hash, password)
	if err != nil {
		return false, Internal(err, "check password")
	}
	return ok, nil
}

// dummyHash is a hash of a random password made once, checked when the username is unknown so
// that an unknown name costs as much as a known one.
func (s *Service) dummyHash() string {
	s.dummyOnce.Do(func() {
		h, err := s.hasher.Hash(NewToken(16))
		if err != nil {
			panic("clinic: hashing the dummy password: " + err.Error())
		}
		s.dummy = h
	})
	return s.dummy
}

// sessionExpiry is when a session created at created and used at now ends: the idle timeout
// from now, but never past the absolute lifetime.
func (s *Service) sessionExpiry(created, now time.Time) time.Time {
	e := now.Add(s.sessionIdle)
	if limit := created.Add(s.sessionLifetime); e.After(limit) {
		return limit
	}
	return e
}

// SessionLifetime is the absolute lifetime of a session, for the cookie's Max-Age.
//
// Errors: none.
func (s *Service) SessionLifetime() time.Duration { return s.sessionLifetime }

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
		if IsCode(err, ENotFound) || (err == nil && (!now.Before(sess.ExpiresAt) || !now.Before(sess.CreatedAt.Add(s.sessionLifetime)))) {
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
		if u.MustEnrol, err = mustEnrol(ctx, tx, u); err != nil {
			return err
		}
		// Extend at most once a minute, so a busy worklist does not write on every poll.
		if next := s.sessionExpiry(sess.CreatedAt, now); next.Sub(sess.ExpiresAt) >= time.Minute {
			sess.ExpiresAt = next
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
