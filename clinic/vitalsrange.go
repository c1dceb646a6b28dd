package clinic

import (
	_ "embed"
	"encoding/json"
	"fmt"
)

// The ranges that flag vitals as the nurse types them — implausible values (probably typing
// errors) and abnormal ones (outside the usual adult range) — are data with their sources
// (reference/vitals-ranges.json), served to the browser; the code holds no threshold.

//go:embed reference/vitals-ranges.json
var vitalsRangesJSON []byte

// VitalsRanges is the file's content: which value of which measure is flagged, and why.
type VitalsRanges struct {
	Title          string        `json:"title"`
	Note           string        `json:"note"`
	AdultFromYears int           `json:"adult_from_years"`
	Checks         []VitalsCheck `json:"checks"`
}

// VitalsCheck flags a measure below Below, above Above, or at AtLeast or more (each when set).
type VitalsCheck struct {
	Code       string      `json:"code"`    // the flag's words in the browser (vflag.<code>)
	Kind       string      `json:"kind"`    // implausible or abnormal
	Measure    string      `json:"measure"` // height_cm, weight_kg, bmi, bp_systolic, bp_diastolic, pulse, temperature_c
	Below      *float64    `json:"below,omitempty"`
	Above      *float64    `json:"above,omitempty"`
	AtLeast    *float64    `json:"at_least,omitempty"`
	AdultsOnly bool        `json:"adults_only"`
	Source     RangeSource `json:"source"`
}

// RangeSource names the document a range comes from.
type RangeSource struct {
	Doc     string `json:"doc"`
	Section string `json:"section,omitempty"`
	Edition string `json:"edition,omitempty"`
	URL     string `json:"url,omitempty"`
}

var vitalsMeasures = map[string]bool{"height_cm": true, "weight_kg": true, "bmi": true, "bp_systolic": true,
	"bp_diastolic": true, "pulse": true, "temperature_c": true}

// Flagged says whether the check flags the value.
func (c VitalsCheck) Flagged(v float64) bool {
	return (c.Below != nil && v < *c.Below) || (c.Above != nil && v > *c.Above) || (c.AtLeast != nil && v >= *c.AtLeast)
}

func parseVitalsRanges(b []byte) (VitalsRanges, error) {
	var r VitalsRanges
	if err := json.Unmarshal(b, &r); err != nil {
		return r, err
	}
	if r.AdultFromYears <= 0 || len(r.Checks) == 0 {
		return r, fmt.Errorf("no adult age or no checks")
	}
	for i, c := range r.Checks {
		switch {
		case c.Code == "":
			return r, fmt.Errorf("check %d: no code", i)
		case c.Kind != "implausible" && c.Kind != "abnormal":
			return r, fmt.Errorf("check %s: kind %q is neither implausible nor abnormal", c.Code, c.Kind)
		case !vitalsMeasures[c.Measure]:
			return r, fmt.Errorf("check %s: unknown measure %q", c.Code, c.Measure)
		case c.Below == nil && c.Above == nil && c.AtLeast == nil:
			return r, fmt.Errorf("check %s: no bound", c.Code)
		case c.Source.Doc == "":
			return r, fmt.Errorf("check %s: no source", c.Code)
		}
	}
	return r, nil
}

// VitalsRangeFile is reference/vitals-ranges.json as loaded.
var VitalsRangeFile = func() VitalsRanges {
	r, err := parseVitalsRanges(vitalsRangesJSON)
	if err != nil {
		panic(fmt.Sprintf("clinic: reference/vitals-ranges.json: %v", err))
	}
	return r
}()

// VitalsRanges answers the ranges that flag vitals, with their sources, for the station that
// records them.
//
// Errors: forbidden.
func (s *Service) VitalsRanges(a Actor) (VitalsRanges, error) {
	if err := a.May(PermRecordVitals); err != nil {
		return VitalsRanges{}, err
	}
	return VitalsRangeFile, nil
}
