package postgres

import (
	"encoding/json"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

// stayJSON is one stay as the applicants.stays column holds it: calendar dates, "to" empty while
// the stay goes on (migration 0023).
type stayJSON struct {
	Country string `json:"country"`
	From    string `json:"from"`
	To      string `json:"to,omitempty"`
}

// staysToJSON writes a person's stays; an empty list is [].
func staysToJSON(ss []clinic.Stay) jsonb {
	out := make([]stayJSON, len(ss))
	for i, s := range ss {
		out[i] = stayJSON{Country: s.Country, From: s.From.Format(time.DateOnly)}
		if !s.To.IsZero() {
			out[i].To = s.To.Format(time.DateOnly)
		}
	}
	b, _ := json.Marshal(out) // a slice of strings always encodes
	return jsonb(b)
}

// staysOf reads the column. The clinic alone writes it (staysToJSON), so a stay that cannot be
// read is kept with the dates it has rather than dropped: its country stays on the record.
func staysOf(j jsonb) []clinic.Stay {
	var in []stayJSON
	if len(j) == 0 || json.Unmarshal(j, &in) != nil || len(in) == 0 {
		return nil
	}
	out := make([]clinic.Stay, len(in))
	for i, s := range in {
		out[i].Country = s.Country
		out[i].From, _ = time.Parse(time.DateOnly, s.From)
		if s.To != "" {
			out[i].To, _ = time.Parse(time.DateOnly, s.To)
		}
	}
	return out
}
