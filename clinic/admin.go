package clinic

import (
	"context"
	"strings"
)

// NewUser is an account as an administrator creates it.
type NewUser struct {
	Username       string
	Name           string
	Role           Role
	SiteCode       string
	Country        string
	RegistrationID string
	Password       string
}

// CreateUser adds an account. Passwords are stored as argon2id hashes only.
//
// Errors: forbidden (not an admin), validation (a field, an unknown site), duplicate (the username
// exists), conflict (the Idempotency-Key).
func (s *Service) CreateUser(ctx context.Context, a Actor, n NewUser) (User, error) {
	if a.Role != "" { // the seed command runs without an actor
		if err := a.May(PermManageAccounts); err != nil {
			return User{}, err
		}
	}
	n.Username = strings.ToLower(strings.TrimSpace(n.Username))
	var p Problems
	if len(n.Username) < 3 || len(n.Username) > MaxUsernameLen || strings.ContainsAny(n.Username, " /\\@") {
		p.Add("username", "invalid", "Use 3 to 40 letters, digits, dots or dashes.")
	}
	if strings.TrimSpace(n.Name) == "" {
		p.Add("name", "required", "Enter the person's name.")
	}
	if !n.Role.Valid() {
		p.Add("role", "not_allowed", "Choose a role.")
	}
	if n.Role == RolePanel && !oneOf(n.Country, Destinations) {
		p.Add("country", "required", "A panel account needs its receiving country: US, CA, AU or NZ.")
	}
	if len(n.Password) < 12 {
		p.Add("password", "too_short", "Use a password of at least 12 characters.")
	}
	if err := p.Err(); err != nil {
		return User{}, err
	}
	hash, err := s.hasher.Hash(n.Password)
	if err != nil {
		return User{}, Internal(err, "hash password")
	}
	var u User
	err = s.tx(ctx, func(tx Tx) error {
		site, err := tx.SiteByCode(ctx, n.SiteCode)
		if IsCode(err, ENotFound) {
			return (&Problems{{Field: "site_code", Code: "unknown_site", Message: "No site has this code."}}).Err()
		} else if err != nil {
			return err
		}
		u = User{ID: NewID(), Username: n.Username, Name: strings.TrimSpace(n.Name), Role: n.Role, Site: site,
			Country: n.Country, RegistrationID: n.RegistrationID, PasswordHash: hash, CreatedAt: s.clock.Now()}
		if err := tx.CreateUser(ctx, &u); err != nil {
			return err
		}
		return tx.Audit(ctx, s.audit(a, "user.create", "user", u.ID))
	})
	return u, err
}

// Users lists the accounts.
//
// Errors: forbidden.
func (s *Service) Users(ctx context.Context, a Actor) ([]User, error) {
	if err := a.May(PermManageAccounts); err != nil {
		return nil, err
	}
	var us []User
	err := s.store.Tx(ctx, func(tx Tx) error {
		var err error
		us, err = tx.Users(ctx)
		return err
	})
	return us, err
}

// Sites lists the clinic locations.
//
// Errors: forbidden.
func (s *Service) Sites(ctx context.Context, a Actor) ([]Site, error) {
	if err := a.May(PermManageAccounts); err != nil {
		return nil, err
	}
	var ss []Site
	err := s.store.Tx(ctx, func(tx Tx) error {
		var err error
		ss, err = tx.Sites(ctx)
		return err
	})
	return ss, err
}

// EnsureSite creates a site unless one with its code exists; the seed command uses it.
//
// Errors: internal only.
func (s *Service) EnsureSite(ctx context.Context, site Site) (Site, error) {
	err := s.store.Tx(ctx, func(tx Tx) error {
		got, err := tx.SiteByCode(ctx, site.Code)
		if err == nil {
			site = got
			return nil
		}
		if !IsCode(err, ENotFound) {
			return err
		}
		site.ID = NewID()
		return tx.CreateSite(ctx, &site)
	})
	return site, err
}

// UserNamed returns an account by username, for operator commands (seed, load) that act as a
// known user; it is not exposed over HTTP.
//
// Errors: not_found.
func (s *Service) UserNamed(ctx context.Context, username string) (User, error) {
	var u User
	err := s.store.Tx(ctx, func(tx Tx) error {
		var err error
		u, err = tx.UserByUsername(ctx, strings.ToLower(username))
		return err
	})
	return u, err
}
