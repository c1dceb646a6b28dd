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
	// DeploymentWide makes an administrator of every site; only such an administrator grants it.
	DeploymentWide bool
}

// CreateUser adds an account. Passwords are stored as argon2id hashes only.
//
// An administrator of one site creates accounts of that site only; panel accounts (which act
// for a country, not a site) and deployment-wide administrators are created by a
// deployment-wide administrator.
//
// Errors: forbidden (not an admin, or beyond the admin's scope), validation (a field, an unknown
// site), duplicate (the username exists), conflict (the Idempotency-Key).
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
	if n.DeploymentWide && n.Role != RoleAdmin {
		p.Add("deployment_wide", "not_allowed", "Only an administrator can be deployment-wide.")
	}
	checkNewPassword(&p, "password", n.Password)
	if err := p.Err(); err != nil {
		return User{}, err
	}
	if a.Role != "" && !a.DeploymentWide {
		switch {
		case n.Role == RolePanel:
			return User{}, Errorf(EForbidden, "A panel account acts for a country, not a site: only a deployment-wide administrator creates one.")
		case n.DeploymentWide:
			return User{}, Errorf(EForbidden, "Only a deployment-wide administrator makes another.")
		case n.SiteCode != a.SiteCode:
			return User{}, Errorf(EForbidden, "You manage the accounts of site %s only.", a.SiteCode)
		}
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
			Country: n.Country, RegistrationID: n.RegistrationID, PasswordHash: hash, CreatedAt: s.clock.Now(),
			DeploymentWide: n.DeploymentWide}
		if err := tx.CreateUser(ctx, &u); err != nil {
			return err
		}
		return tx.Audit(ctx, s.audit(a, "user.create", "user", u.ID))
	})
	return u, err
}

// Users lists the accounts: of every site for a deployment-wide administrator, of the admin's
// own site otherwise.
//
// Errors: forbidden.
func (s *Service) Users(ctx context.Context, a Actor) ([]User, error) {
	if err := a.May(PermManageAccounts); err != nil {
		return nil, err
	}
	site := a.SiteID
	if a.DeploymentWide {
		site = ""
	}
	var us []User
	err := s.store.Tx(ctx, func(tx Tx) error {
		var err error
		us, err = tx.Users(ctx, site)
		return err
	})
	return us, err
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

// managedUser loads an account the administrator may manage: any for a deployment-wide one;
// otherwise one of the admin's site that is neither a panel account nor deployment-wide (those
// answer not found, as records of other sites do).
func (s *Service) managedUser(ctx context.Context, tx Tx, a Actor, id string) (User, error) {
	if !isUUID(id) {
		return User{}, NotFound("User")
	}
	u, err := tx.UserByID(ctx, id)
	if err != nil {
		return User{}, err
	}
	if !a.DeploymentWide && (u.Site.ID != a.SiteID || u.Role == RolePanel || u.DeploymentWide) {
		return User{}, NotFound("User")
	}
	return u, nil
}

// SetUserDisabled disables an account (its sessions end at once) or enables it again. An
// administrator cannot disable their own account.
//
// Errors: forbidden, not_found (no such user, or not the admin's to manage), invalid_state (one's own account).
func (s *Service) SetUserDisabled(ctx context.Context, a Actor, id string, disabled bool) (User, error) {
	if err := a.May(PermManageAccounts); err != nil {
		return User{}, err
	}
	var u User
	err := s.tx(ctx, func(tx Tx) error {
		var err error
		if u, err = s.managedUser(ctx, tx, a, id); err != nil {
			return err
		}
		if u.ID == a.UserID {
			return Errorf(EInvalidState, "You cannot disable your own account.")
		}
		if err := tx.SetUserDisabled(ctx, u.ID, disabled); err != nil {
			return err
		}
		if disabled {
			if err := tx.EndSessions(ctx, u.ID, ""); err != nil {
				return err
			}
		}
		u.Disabled = disabled
		action := "user.enable"
		if disabled {
			action = "user.disable"
		}
		return tx.Audit(ctx, s.audit(a, action, "user", u.ID))
	})
	return u, err
}

// ResetPassword sets a new password for an account an administrator manages; the user's
// sessions end.
//
// Errors: forbidden, not_found, validation (the password).
func (s *Service) ResetPassword(ctx context.Context, a Actor, id, password string) error {
	if err := a.May(PermManageAccounts); err != nil {
		return err
	}
	var p Problems
	checkNewPassword(&p, "password", password)
	if err := p.Err(); err != nil {
		return err
	}
	hash, err := s.hasher.Hash(password)
	if err != nil {
		return Internal(err, "hash password")
	}
	return s.tx(ctx, func(tx Tx) error {
		u, err := s.managedUser(ctx, tx, a, id)
		if err != nil {
			return err
		}
		if err := tx.SetPassword(ctx, u.ID, hash, s.clock.Now()); err != nil {
			return err
		}
		if err := tx.EndSessions(ctx, u.ID, ""); err != nil {
			return err
		}
		return tx.Audit(ctx, s.audit(a, "user.password_reset", "user", u.ID))
	})
}

// ChangePassword changes the caller's own password after checking the current one; the
// caller's other sessions end, the current one (sessionHash) stays.
//
// Errors: validation (the current password is wrong, or the new one too short).
func (s *Service) ChangePassword(ctx context.Context, a Actor, sessionHash, current, next string) error {
	var p Problems
	if current == "" {
		p.Add("current_password", "required", "Enter your current password.")
	}
	checkNewPassword(&p, "new_password", next)
	if current != "" && current == next {
		p.Add("new_password", "unchanged", "Choose a password other than the current one.")
	}
	if err := p.Err(); err != nil {
		return err
	}
	var u User
	if err := s.store.Tx(ctx, func(tx Tx) error {
		var err error
		u, err = tx.UserByID(ctx, a.UserID)
		return err
	}); err != nil {
		return err
	}
	ok, err := s.checkPassword(ctx, u.PasswordHash, current)
	if err != nil {
		return err
	}
	if !ok {
		return (&Problems{{Field: "current_password", Code: "wrong", Message: "This is not your current password."}}).Err()
	}
	hash, err := s.hasher.Hash(next)
	if err != nil {
		return Internal(err, "hash password")
	}
	return s.tx(ctx, func(tx Tx) error {
		if err := tx.SetPassword(ctx, u.ID, hash, s.clock.Now()); err != nil {
			return err
		}
		if err := tx.EndSessions(ctx, u.ID, sessionHash); err != nil {
			return err
		}
		return tx.Audit(ctx, s.audit(a, "user.password_change", "user", u.ID))
	})
}

func checkNewPassword(p *Problems, field, pw string) {
	switch {
	case len(pw) < 12:
		p.Add(field, "too_short", "Use a password of at least 12 characters.")
	case len(pw) > maxPasswordLen:
		p.Add(field, "too_long", "Use a password of at most 1024 characters.")
	}
}
