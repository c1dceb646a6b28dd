package api_test

import (
	"testing"

	"github.com/mhac-clinic/mhac/internal/clinictest"
)

// TestVitalsRanges: the nurse gets the ranges that flag vitals with each one's source, from the
// data file; a registrar, who records no vitals, is refused.
func TestVitalsRanges(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1})
	var r struct {
		AdultFromYears int `json:"adult_from_years"`
		Checks         []struct {
			Code    string   `json:"code"`
			Measure string   `json:"measure"`
			AtLeast *float64 `json:"at_least"`
			Source  struct {
				Doc string `json:"doc"`
			} `json:"source"`
		} `json:"checks"`
	}
	st.Login(t, "nurse").Must(200, "GET", "/api/reference/vitals-ranges", nil, &r)
	fever := false
	for _, c := range r.Checks {
		if c.Source.Doc == "" {
			t.Errorf("%s: no source", c.Code)
		}
		if c.Code == "fever" && c.Measure == "temperature_c" && c.AtLeast != nil && *c.AtLeast == 38 {
			fever = true
		}
	}
	if !fever || r.AdultFromYears != 18 {
		t.Errorf("ranges: %+v", r)
	}
	st.Login(t, "registrar").Must(403, "GET", "/api/reference/vitals-ranges", nil, nil)
}
