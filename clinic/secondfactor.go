package clinic

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
	"time"
)

// TOTP makes and checks time-based one-time passwords (RFC 6238: six digits, 30-second steps);
// the password package implements it with a maintained library.
type TOTP interface {
	// NewSecret returns a new base32 secret and its otpauth:// URL for an authenticator app.
	NewSecret(issuer, account string) (secret, url string, err error)
	// Match returns the 30-second step a code is right for at t (one step either side allowed
	// for clock drift), or false.
	Match(secret, code string, at time.Time) (step int64, ok bool)
}

// Enrolment is a second factor being set up: the secret to load into an authenticator app, as
// text and as an otpauth:// URL (the screen draws it as a QR code).
type Enrolment struct {
	Secret string
	URL    string
}

// recoveryCodeCount is how many recovery codes an enrolment gives; each logs in once.
const recoveryCodeCount = 10

// recoveryAlphabet has no letters that read alike (0/O, 1/I/L).
const recoveryAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"

// errBadCode says the same for a wrong code and a used one.
var errBadCode = Errorf(EUnauthorized, "The code is wrong or was used already. Enter the code your app shows now, or a recovery code.")

func (s *Service) totpReady() error {
	if s.totp == nil {
		return Errorf(EUnavailable, "Second factors are not configured on this server.")
	}
	return nil
}

// BeginSecondFactor starts the caller's TOTP enrolment: a new secret, kept until confirmed.
// Beginning again replaces a secret not yet confirmed.
//
// Errors: invalid_state (a second factor is already in use: an administrator resets
// it first), unavailable (not configured).
func (s *Service) BeginSecondFactor(ctx context.Context, a Actor) (Enrolment, error) {
	if err := s.totpReady(); err != nil {
		return Enrolment{}, err
	}
	var e Enrolment
	err := s.tx(ctx, func(tx Tx) error {
		u, err := tx.UserByID(ctx, a.UserID)
		if err != nil {
			return err
		}
		if u.SecondFactor.Enabled {
			return Errorf(EInvalidState, "A second factor is already in use for this account; an administrator can reset it.")
		}
		issuer := "MHAC " + u.Site.Code
		if e.Secret, e.URL, err = s.totp.NewSecret(issuer, u.Username); err != nil {
			return Internal(err, "totp secret")
		}
		if err := tx.SetSecondFactor(ctx, u.ID, SecondFactor{Secret: e.Secret}); err != nil {
			return err
		}
		return tx.Audit(ctx, s.audit(a, "second_factor.begin", "user", u.ID))
	})
	return e, err
}

// ConfirmSecondFactor turns the enrolment on with a code from the app, and returns the
// recovery codes: they are shown this once and stored as keyed hashes only.
//
// Errors: validation (the code is missing or wrong), invalid_state (no enrolment
// begun, or one already in use), unavailable.
func (s *Service) ConfirmSecondFactor(ctx context.Context, a Actor, code string) ([]string, error) {
	if err := s.totpReady(); err != nil {
		return nil, err
	}
	code = strings.TrimSpace(code)
	if code == "" {
		return nil, (&Problems{{Field: "code", Code: "required", Message: "Enter the six-digit code your app shows."}}).Err()
	}
	codes := make([]string, recoveryCodeCount)
	hashes := make([]string, recoveryCodeCount)
	for i := range codes {
		codes[i] = newRecoveryCode()
		hashes[i] = s.recoveryHash(codes[i])
	}
	err := s.tx(ctx, func(tx Tx) error {
		u, err := tx.UserByID(ctx, a.UserID)
		if err != nil {
			return err
		}
		f := u.SecondFactor
		if f.Enabled || f.Secret == "" {
			return Errorf(EInvalidState, "Begin the enrolment first (a second factor in use is reset by an administrator).")
		}
		step, ok := s.totp.Match(f.Secret, code, s.clock.Now())
		if !ok {
			return (&Problems{{Field: "code", Code: "wrong_code", Message: "This code is not right. Check the app's clock and enter the code it shows now."}}).Err()
		}
		if err := tx.SetSecondFactor(ctx, u.ID, SecondFactor{Secret: f.Secret, Enabled: true, Step: step}); err != nil {
			return err
		}
		if err := tx.ReplaceRecoveryCodes(ctx, u.ID, hashes); err != nil {
			return err
		}
		return tx.Audit(ctx, s.audit(a, "second_factor.enable", "user", u.ID))
	})
	if err != nil {
		return nil, err
	}
	return codes, nil
}

// ResetSecondFactor removes a user's second factor and recovery codes (a lost phone); the user
// enrols again at the next login if the role requires one.
//
// Errors: forbidden (not an admin of the user's site), not_found.
func (s *Service) ResetSecondFactor(ctx context.Context, a Actor, userID string) error {
	if err := a.May(PermManageAccounts); err != nil {
		return err
	}
	return s.tx(ctx, func(tx Tx) error {
		u, err := s.managedUser(ctx, tx, a, userID)
		if err != nil {
			return err
		}
		if err := tx.SetSecondFactor(ctx, u.ID, SecondFactor{}); err != nil {
			return err
		}
		if err := tx.ReplaceRecoveryCodes(ctx, u.ID, nil); err != nil {
			return err
		}
		return tx.Audit(ctx, s.audit(a, "second_factor.reset", "user", u.ID))
	})
}

// SecondFactorPolicy returns the roles that must log in with a second factor.
//
// Errors: forbidden.
func (s *Service) SecondFactorPolicy(ctx context.Context, a Actor) ([]Role, error) {
	if err := a.May(PermManageAccounts); err != nil {
		return nil, err
	}
	var roles []Role
	err := s.store.Tx(ctx, func(tx Tx) error {
		var err error
		roles, err = tx.SecondFactorRoles(ctx)
		return err
	})
	return roles, err
}

// SetSecondFactorPolicy sets the roles that must log in with a second factor. It holds for
// every site, so only a deployment-wide administrator sets it. Users of those roles without a
// second factor may only enrol until they have one.
//
// Errors: forbidden (not a deployment-wide admin), validation (an unknown role).
func (s *Service) SetSecondFactorPolicy(ctx context.Context, a Actor, roles []Role) ([]Role, error) {
	if err := a.May(PermManageSecurity); err != nil {
		return nil, err
	}
	if err := a.deploymentWide(); err != nil {
		return nil, err
	}
	var p Problems
	seen := map[Role]bool{}
	var clean []Role
	for i, r := range roles {
		if !r.Valid() {
			p.Add(fmt.Sprintf("roles[%d]", i), "not_allowed", "Choose roles of the clinic.")
		} else if !seen[r] {
			seen[r] = true
			clean = append(clean, r)
		}
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	sort.Slice(clean, func(i, j int) bool { return clean[i] < clean[j] })
	err := s.tx(ctx, func(tx Tx) error {
		if err := tx.SetSecondFactorRoles(ctx, clean, a.UserID, s.clock.Now()); err != nil {
			return err
		}
		e := s.audit(a, "second_factor.policy", "settings", "second_factor_roles")
		e.Detail = "roles: " + joinRoles(clean)
		return tx.Audit(ctx, e)
	})
	return clean, err
}

// checkSecondFactor checks a login's code: a TOTP code (recorded as used) or a recovery code
// (marked used), in the transaction that opens the session. It returns how the user proved it.
func (s *Service) checkSecondFactor(ctx context.Context, tx Tx, u User, code string, now time.Time) (string, error) {
	code = strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(code), " ", ""))
	if s.totp != nil {
		if step, ok := s.totp.Match(u.SecondFactor.Secret, code, now); ok {
			fresh, err := tx.AdvanceSecondFactorStep(ctx, u.ID, step)
			if err != nil {
				return "", err
			}
			if !fresh {
				return "", errBadCode
			}
			return "totp", nil
		}
	}
	if len(code) > 32 {
		return "", errBadCode
	}
	used, err := tx.UseRecoveryCode(ctx, u.ID, s.recoveryHash(code), now)
	if err != nil {
		return "", err
	}
	if !used {
		return "", errBadCode
	}
	return "recovery code", nil
}

// mustEnrol reports whether the user's role requires a second factor the user does not have.
func mustEnrol(ctx context.Context, tx Tx, u User) (bool, error) {
	if u.SecondFactor.Enabled {
		return false, nil
	}
	roles, err := tx.SecondFactorRoles(ctx)
	if err != nil {
		return false, err
	}
	for _, r := range roles {
		if r == u.Role {
			return true, nil
		}
	}
	return false, nil
}

// recoveryHash keys the hash of a recovery code with the session secret, so the table alone
// does not give the codes even to a brute force over their small alphabet.
func (s *Service) recoveryHash(code string) string {
	m := hmac.New(sha256.New, s.sessionSecret)
	m.Write([]byte("recovery-code:"))
	m.Write([]byte(strings.ToUpper(strings.ReplaceAll(code, "-", ""))))
	return hex.EncodeToString(m.Sum(nil))
}

// newRecoveryCode returns ten random characters of recoveryAlphabet as XXXXX-XXXXX (49 bits).
func newRecoveryCode() string {
	out := make([]byte, 0, 11)
	var b [1]byte
	for len(out) < 11 {
		if len(out) == 5 {
			out = append(out, '-')
		}
		if _, err := rand.Read(b[:]); err != nil {
			panic("clinic: crypto/rand failed: " + err.Error())
		}
		if int(b[0]) >= 256/len(recoveryAlphabet)*len(recoveryAlphabet) {
			continue // rejection keeps every character equally likely
		}
		out = append(out, recoveryAlphabet[int(b[0])%len(recoveryAlphabet)])
	}
	return string(out)
}

func joinRoles(rs []Role) string {
	if len(rs) == 0 {
		return "none"
	}
	ss := make([]string, len(rs))
	for i, r := range rs {
		ss[i] = string(r)
	}
	return strings.Join(ss, ",")
}
