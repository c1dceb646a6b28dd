package clinic

import (
	"context"
	"regexp"
	"strings"
	"time"
)

// A site is one clinic location; each signs its own forms with its own key and certificate,
// issued by the deployment's CA. A deployment-wide administrator creates sites and rotates their
// keys; the keys live outside the database (SiteKeys), where every worker reads them.

// SiteKeys keeps the sites' signing keys and certificates (the keys directory of `mhac keys init`).
type SiteKeys interface {
	// Ensure gives the site a key pair and a certificate unless it has one already (made with
	// `mhac keys init` beforehand); created says which.
	Ensure(ctx context.Context, code, name string) (cert SiteCertificate, created bool, err error)
	// Rotate replaces the site's key and certificate with new ones from the same CA; the old
	// certificate stays trusted, so forms signed before still verify.
	Rotate(ctx context.Context, code string) (SiteCertificate, error)
	// Certificate describes the site's current certificate; not_found when it has none.
	Certificate(ctx context.Context, code string) (SiteCertificate, error)
}

// SiteCertificate describes a site's current signing certificate.
type SiteCertificate struct {
	Subject     string
	Issuer      string
	Serial      string
	Fingerprint string // SHA-256, colon-separated hex
	NotBefore   time.Time
	NotAfter    time.Time
	KeyType     string
	Retired     int // earlier certificates of the site, still trusted for old forms
}

// SiteEntry is a site with its signing certificate (nil: none, or keys not managed here).
type SiteEntry struct {
	Site        Site
	Certificate *SiteCertificate
}

// NewSite is a site as a deployment-wide administrator creates it.
type NewSite struct {
	Code         string // 2 to 10 capital letters or digits, printed on forms
	Name         string
	City         string
	Country      string // ISO 3166-1 alpha-2
	Timezone     string // IANA
	Organisation string
}

var siteCodeRE = regexp.MustCompile(`^[A-Z0-9]{2,10}$`)

// CreateSite adds a clinic location and gives it its signing key and certificate (or adopts the
// ones made for its code with `mhac keys init`), in one step: when the key cannot be made, no
// site is created. Audited as site.create.
//
// Errors: forbidden (not a deployment-wide administrator), validation (code, name, country,
// timezone), duplicate (a site with this code exists), conflict (the Idempotency-Key).
func (s *Service) CreateSite(ctx context.Context, a Actor, n NewSite) (SiteEntry, error) {
	if err := a.May(PermManageSecurity); err != nil {
		return SiteEntry{}, err
	}
	if err := a.deploymentWide(); err != nil {
		return SiteEntry{}, err
	}
	n.Code = strings.ToUpper(strings.TrimSpace(n.Code))
	n.Name, n.City = strings.TrimSpace(n.Name), strings.TrimSpace(n.City)
	n.Country, n.Timezone = strings.ToUpper(strings.TrimSpace(n.Country)), strings.TrimSpace(n.Timezone)
	var p Problems
	if !siteCodeRE.MatchString(n.Code) {
		p.Add("code", "invalid", "Use 2 to 10 capital letters or digits, e.g. NBO.")
	}
	if n.Name == "" {
		p.Add("name", "required", "Enter the site's name, as its certificate and forms will show it.")
	} else if len(n.Name) > 120 {
		p.Add("name", "too_long", "Use at most 120 characters.")
	}
	if !isCountryCode(n.Country) {
		p.Add("country", "invalid", "Enter the country as two letters (ISO 3166-1), e.g. KE.")
	}
	if !validTimezone(n.Timezone) {
		p.Add("timezone", "invalid", "Enter a time zone of the IANA database, e.g. Africa/Nairobi.")
	}
	if err := p.Err(); err != nil {
		return SiteEntry{}, err
	}
	site := Site{ID: NewID(), Code: n.Code, Name: n.Name, City: n.City, Country: n.Country, Timezone: n.Timezone,
		Organisation: strings.TrimSpace(n.Organisation)}
	var out SiteEntry
	err := s.tx(ctx, func(tx Tx) error {
		if _, err := tx.SiteByCode(ctx, site.Code); err == nil {
			return duplicateSite()
		} else if !IsCode(err, ENotFound) {
			return err
		}
		if err := tx.CreateSite(ctx, &site); err != nil {
			if IsCode(err, EDuplicate) {
				return duplicateSite()
			}
			return err
		}
		out = SiteEntry{Site: site}
		if err := tx.Audit(ctx, s.audit(a, "site.create", "site", site.ID)); err != nil {
			return err
		}
		if s.siteKeys == nil {
			return nil
		}
		// The key is made last, inside the transaction: when it fails, no site is left without
		// a key; a site that exists has its key.
		cert, _, err := s.siteKeys.Ensure(ctx, site.Code, site.Name)
		if err != nil {
			return Internal(err, "make the site's signing key")
		}
		out.Certificate = &cert
		return nil
	})
	return out, err
}

func duplicateSite() error {
	return &Error{Code: EDuplicate, Message: "A site with this code exists.",
		Fields: []FieldError{{Field: "code", Code: "duplicate", Message: "A site with this code exists; choose another code."}}}
}

// validTimezone accepts a named IANA zone; "" and "Local" (the server's own zone) are refused.
func validTimezone(tz string) bool {
	if tz == "" || tz == "Local" || len(tz) > 64 {
		return false
	}
	_, err := time.LoadLocation(tz)
	return err == nil
}

// RotateSiteKey gives a site a new signing key and certificate from the same CA. Forms signed
// before keep verifying (the old certificate is kept); the workers sign with the new key from
// their next form. Audited as site.key_rotate.
//
// Errors: forbidden (not a deployment-wide administrator), not_found (no such site),
// unavailable (keys are not managed by this deployment: one key is configured).
func (s *Service) RotateSiteKey(ctx context.Context, a Actor, code string) (SiteEntry, error) {
	if err := a.May(PermManageSecurity); err != nil {
		return SiteEntry{}, err
	}
	if err := a.deploymentWide(); err != nil {
		return SiteEntry{}, err
	}
	if s.siteKeys == nil {
		return SiteEntry{}, Errorf(EUnavailable, "This deployment signs with one configured key (MHAC_SIGNING_CERT); rotate it outside the clinic.")
	}
	var out SiteEntry
	err := s.tx(ctx, func(tx Tx) error {
		site, err := tx.SiteByCode(ctx, strings.ToUpper(code))
		if err != nil {
			return err
		}
		if err := tx.Audit(ctx, s.audit(a, "site.key_rotate", "site", site.ID)); err != nil {
			return err
		}
		cert, err := s.siteKeys.Rotate(ctx, site.Code) // last: a failed rotation leaves no audit row
		if err != nil {
			return err
		}
		out = SiteEntry{Site: site, Certificate: &cert}
		return nil
	})
	return out, err
}

// Sites lists the clinic locations with their signing certificates.
//
// Errors: forbidden.
func (s *Service) Sites(ctx context.Context, a Actor) ([]SiteEntry, error) {
	if err := a.May(PermManageAccounts); err != nil {
		return nil, err
	}
	var ss []Site
	err := s.store.Tx(ctx, func(tx Tx) error {
		var err error
		ss, err = tx.Sites(ctx)
		return err
	})
	if err != nil {
		return nil, err
	}
	out := make([]SiteEntry, len(ss))
	for i, st := range ss {
		out[i].Site = st
		if s.siteKeys == nil {
			continue
		}
		cert, err := s.siteKeys.Certificate(ctx, st.Code)
		switch {
		case err == nil:
			out[i].Certificate = &cert
		case !IsCode(err, ENotFound):
			return nil, err
		}
	}
	return out, nil
}
