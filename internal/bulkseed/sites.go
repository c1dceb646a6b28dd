package bulkseed

import (
	"context"
	"fmt"
	"strings"

	"github.com/google/uuid"
)

// Person is a user who records at a site.
type Person struct {
	ID, Username, Name, RegistrationID string
	SiteID, SiteCode                   string
}

// site is one clinic location with a user per role.
type site struct {
	ID, Code, Timezone string
	users              map[string]Person // by role
}

// siteRoles get one user on every seeded site (username ROLE.code, the demo password).
var siteRoles = []string{"registrar", "nurse", "lab", "radiology", "physician", "caseworker", "admin"}

// centres are assessment centres in the regions IOM works in; beyond them, numbered sites.
var centres = []struct{ code, city, country, tz string }{
	{"NBO", "Nairobi", "KE", "Africa/Nairobi"}, {"KLA", "Kampala", "UG", "Africa/Kampala"},
	{"ADD", "Addis Ababa", "ET", "Africa/Addis_Ababa"}, {"DAR", "Dar es Salaam", "TZ", "Africa/Dar_es_Salaam"},
	{"LUN", "Lusaka", "ZM", "Africa/Lusaka"}, {"JNB", "Johannesburg", "ZA", "Africa/Johannesburg"},
	{"ACC", "Accra", "GH", "Africa/Accra"}, {"CAI", "Cairo", "EG", "Africa/Cairo"},
	{"AMM", "Amman", "JO", "Asia/Amman"}, {"BEY", "Beirut", "LB", "Asia/Beirut"},
	{"IST", "Istanbul", "TR", "Europe/Istanbul"}, {"EBL", "Erbil", "IQ", "Asia/Baghdad"},
	{"ISB", "Islamabad", "PK", "Asia/Karachi"}, {"DAC", "Dhaka", "BD", "Asia/Dhaka"},
	{"KUL", "Kuala Lumpur", "MY", "Asia/Kuala_Lumpur"}, {"BKK", "Bangkok", "TH", "Asia/Bangkok"},
	{"MNL", "Manila", "PH", "Asia/Manila"}, {"KTM", "Kathmandu", "NP", "Asia/Kathmandu"},
	{"KBL", "Kabul", "AF", "Asia/Kabul"}, {"SAL", "San Salvador", "SV", "America/El_Salvador"},
}

func siteFor(i int) (code, name, city, country, tz string) {
	if i < len(centres) {
		c := centres[i]
		return c.code, c.city + " MHAC", c.city, c.country, c.tz
	}
	code = fmt.Sprintf("S%02d", i+1)
	return code, "Assessment centre " + code, "", "KE", "Africa/Nairobi"
}

// ensureSites returns n sites: the existing first site (the demo site), then seeded ones, each
// with a user per role.
func (w *writer) ensureSites(ctx context.Context, n int) ([]site, error) {
	var first site
	if err := w.conn.QueryRow(ctx, `SELECT id::text, code, timezone FROM sites ORDER BY created_at, code LIMIT 1`).
		Scan(&first.ID, &first.Code, &first.Timezone); err != nil {
		return nil, fmt.Errorf("no site yet: run `mhac seed` first: %w", err)
	}
	var hash string
	if err := w.conn.QueryRow(ctx, `SELECT password_hash FROM users WHERE site_id = $1 AND role = 'nurse' ORDER BY created_at LIMIT 1`,
		first.ID).Scan(&hash); err != nil {
		return nil, fmt.Errorf("the first site has no nurse: run `mhac seed` first: %w", err)
	}
	for i := 0; i < n-1; i++ {
		code, name, city, country, tz := siteFor(i)
		if _, err := w.conn.Exec(ctx, `INSERT INTO sites (id, code, name, city, country, timezone, organisation)
			VALUES ($1, $2, $3, $4, $5, $6, 'Migration Health Assessment Centre') ON CONFLICT (code) DO NOTHING`,
			uuid.NewString(), code, name, city, country, tz); err != nil {
			return nil, err
		}
		for _, role := range siteRoles {
			reg := ""
			if role == "physician" {
				reg = "REG-" + code + "-001"
			}
			if _, err := w.conn.Exec(ctx, `INSERT INTO users (id, username, name, role, site_id, registration_id, password_hash, created_at)
				SELECT $1, $2, $3, $4, id, $5, $6, now() FROM sites WHERE code = $7 ON CONFLICT (username) DO NOTHING`,
				uuid.NewString(), role+"."+strings.ToLower(code), personName(role, code), role, reg, hash, code); err != nil {
				return nil, err
			}
		}
	}
	rows, err := w.conn.Query(ctx, `SELECT s.id::text, s.code, s.timezone, u.role, u.id::text, u.username, u.name, u.registration_id
		FROM sites s JOIN users u ON u.site_id = s.id AND NOT u.disabled
		ORDER BY s.created_at, s.code, u.created_at`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	byCode := map[string]*site{}
	var order []string
	for rows.Next() {
		var s site
		var role string
		var p Person
		if err := rows.Scan(&s.ID, &s.Code, &s.Timezone, &role, &p.ID, &p.Username, &p.Name, &p.RegistrationID); err != nil {
			return nil, err
		}
		if byCode[s.Code] == nil {
			s.users = map[string]Person{}
			byCode[s.Code] = &s
			order = append(order, s.Code)
		}
		p.SiteID, p.SiteCode = s.ID, s.Code
		if _, ok := byCode[s.Code].users[role]; !ok {
			byCode[s.Code].users[role] = p
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := []site{*byCode[first.Code]}
	for _, code := range order {
		if code != first.Code && len(out) < n {
			out = append(out, *byCode[code])
		}
	}
	for _, s := range out {
		for _, role := range siteRoles {
			if _, ok := s.users[role]; !ok {
				return nil, fmt.Errorf("site %s has no %s", s.Code, role)
			}
		}
	}
	return out, nil
}

func personName(role, code string) string {
	return strings.ToUpper(role[:1]) + role[1:] + " of " + code
}
