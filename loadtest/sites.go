package loadtest

import (
	"fmt"
	"strings"
)

// siteDay is one site's users and the charts and surnames its requests pick from.
type siteDay struct {
	nurse, registrar, caseworker string // usernames
	charts                       []string
	surnames                     []string
}

// openSite signs in the site's nurse, registrar and caseworker (role + suffix, e.g. "nurse.nbo";
// the demo site's users have no suffix) and reads the nurse's worklist for the charts.
func (d *day) openSite(o OpenOptions, suffix string) (*siteDay, error) {
	sd := &siteDay{nurse: "nurse" + suffix, registrar: "registrar" + suffix, caseworker: "caseworker" + suffix}
	for _, u := range []string{sd.nurse, sd.registrar, sd.caseworker} {
		s, err := openSession(o.BaseURL, u, o.Password, o.MaxInFlight)
		if err != nil {
			return nil, err
		}
		d.sessions[u] = s
	}
	var list struct {
		Items []struct {
			AssessmentID string `json:"assessment_id"`
			Name         string `json:"name"`
		} `json:"items"`
	}
	if err := d.getJSON(sd.nurse, "/api/worklist?station=nurse&limit=200", &list); err != nil {
		return nil, err
	}
	for _, it := range list.Items {
		sd.charts = append(sd.charts, it.AssessmentID)
		if f := strings.Fields(it.Name); len(f) > 0 && len(f[0]) >= 3 {
			sd.surnames = append(sd.surnames, strings.Trim(f[0][:3], ","))
		}
	}
	if len(sd.charts) == 0 {
		return nil, fmt.Errorf("the worklist of %s is empty: seed data first (mhac seed --cases 300, or --applicants N --sites S)", sd.nurse)
	}
	return sd, nil
}
