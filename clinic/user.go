package clinic

import "time"

// Role is what a user does at the clinic; Permissions says what each role may do.
type Role string

// The roles of the clinic.
const (
	RoleRegistrar  Role = "registrar"
	RoleNurse      Role = "nurse"
	RoleLab        Role = "lab"
	RoleRadiology  Role = "radiology"
	RolePhysician  Role = "physician"
	RoleCaseworker Role = "caseworker"
	RolePanel      Role = "panel" // a receiving country's panel, scoped to User.Country
	RoleAdmin      Role = "admin"
)

// Roles lists every role, in the order screens show them.
var Roles = []Role{RoleRegistrar, RoleNurse, RoleLab, RoleRadiology, RolePhysician, RoleCaseworker, RolePanel, RoleAdmin}

// Valid reports whether r is one of Roles.
func (r Role) Valid() bool {
	for _, x := range Roles {
		if x == r {
			return true
		}
	}
	return false
}

// Site is one clinic location; every clinical record belongs to one.
type Site struct {
	ID           string
	Code         string // short code printed on forms, e.g. KGL
	Name         string
	City         string
	Country      string // ISO 3166-1 alpha-2
	Timezone     string // IANA, e.g. Africa/Kigali: clinic-local dates are computed in it
	Organisation string
}

// Location returns the site's time zone, falling back to UTC for an unknown name.
func (s Site) Location() *time.Location {
	if loc, err := time.LoadLocation(s.Timezone); err == nil {
		return loc
	}
	return time.UTC
}

// Today returns the clinic-local calendar date at now, as 00:00 UTC of that date.
func (s Site) Today(now time.Time) time.Time {
	y, m, d := now.In(s.Location()).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// User is a person who logs in.
type User struct {
	ID             string
	Username       string
	Name           string
	Role           Role
	Site           Site
	Country        string // for panel users: the receiving country they act for (US, CA, AU, NZ)
	RegistrationID string // for physicians: the medical registration printed on forms
	PasswordHash   string
	Disabled       bool
	CreatedAt      time.Time
	// DeploymentWide is an administrator of every site (sites, panel accounts, any site's
	// users); other administrators manage their own site's accounts only.
	DeploymentWide bool
	SecondFactor   SecondFactor
	// MustEnrol is computed, not stored: the user's role must use a second factor and the
	// user has none yet, so the session may do nothing but enrol.
	MustEnrol bool
}

// SecondFactor is a user's TOTP enrolment.
type SecondFactor struct {
	Secret  string // base32; set when enrolment begins
	Enabled bool   // confirmed with a right code: logins need one
	Step    int64  // the last 30-second step accepted, so a code is used once
}

// Actor is who is doing something, as every service call and audit row records it.
type Actor struct {
	UserID    string
	Username  string
	Name      string
	Role      Role
	SiteID    string
	SiteCode  string
	Country   string
	RequestID string
	IP        string
	// DeploymentWide: an administrator of every site (User.DeploymentWide).
	DeploymentWide bool
}

// ActorOf builds the actor of a logged-in user for one request.
func ActorOf(u User, requestID, ip string) Actor {
	return Actor{UserID: u.ID, Username: u.Username, Name: u.Name, Role: u.Role, SiteID: u.Site.ID,
		SiteCode: u.Site.Code, Country: u.Country, RequestID: requestID, IP: ip, DeploymentWide: u.DeploymentWide}
}

// Hasher hashes and checks passwords; the password package implements it with argon2id.
type Hasher interface {
	Hash(password string) (string, error)
	Verify(encoded, password string) (bool, error)
}

// Clock tells the time; tests and the seed command can fix it.
type Clock interface{ Now() time.Time }

// SystemClock is the real clock.
type SystemClock struct{}

// Now returns the current time in UTC.
func (SystemClock) Now() time.Time { return time.Now().UTC() }
