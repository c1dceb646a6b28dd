package api

import (
	"fmt"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

// personFactsJSON are the facts of a registration the 2026-12 rule sets read
// (protocol-contract.md, "Additions 2026-12"). Each may be left out; when a person is corrected
// the whole registration is sent again, these included.
type personFactsJSON struct {
	// Citizenships held besides the nationality (ISO 3166-1 alpha-2).
	Citizenships []string `json:"citizenships"`
	// Stays are periods spent in a country, both days included; "to" empty while it goes on.
	Stays []stayJSON `json:"stays"`
	// Occupation: health_worker | other; "" when not recorded.
	Occupation string `json:"occupation"`
	// IMEType: the type of Canadian IME IRCC asked for, full | streamlined; "" = full.
	IMEType string `json:"ime_type"`
	// PreviousCXRDate is the issue date of the last chest X-ray certificate held (YYYY-MM-DD).
	PreviousCXRDate string `json:"previous_cxr_date"`
}

// stayJSON is one stay in a country.
type stayJSON struct {
	Country string `json:"country"`
	From    string `json:"from"`
	To      string `json:"to"`
}

// domain reads the facts into a person; unreadable dates are field problems under at.
func (j personFactsJSON) domain(p *clinic.Problems, at string, m *clinic.Applicant) {
	m.Citizenships = append([]string(nil), j.Citizenships...)
	for i, s := range j.Stays {
		f := fmt.Sprintf("%sstays[%d].", at, i)
		m.Stays = append(m.Stays, clinic.Stay{Country: s.Country, From: dateField(p, f+"from", s.From), To: dateField(p, f+"to", s.To)})
	}
	m.Occupation, m.IMEType = j.Occupation, j.IMEType
	if d := dateField(p, at+"previous_cxr_date", j.PreviousCXRDate); !d.IsZero() {
		m.PreviousCXRDate = &d
	}
}

// toPersonFactsJSON shows the facts the registration holds; empty lists are [].
func toPersonFactsJSON(a clinic.Applicant) personFactsJSON {
	j := personFactsJSON{Citizenships: []string{}, Stays: []stayJSON{}, Occupation: a.Occupation, IMEType: a.IMEType}
	j.Citizenships = append(j.Citizenships, a.Citizenships...)
	for _, s := range a.Stays {
		sj := stayJSON{Country: s.Country, From: s.From.Format(time.DateOnly)}
		if !s.To.IsZero() {
			sj.To = s.To.Format(time.DateOnly)
		}
		j.Stays = append(j.Stays, sj)
	}
	if d := a.PreviousCXRDate; d != nil {
		j.PreviousCXRDate = d.Format(time.DateOnly)
	}
	return j
}
