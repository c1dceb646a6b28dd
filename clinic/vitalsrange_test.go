package clinic

import (
	"strings"
	"testing"
)

// TestVitalsRangeFile: every check of the file names its source; the thresholds the browser
// flags come from the file (a fever from 38 °C, WHO's BMI classes, hypertension from 140/90).
func TestVitalsRangeFile(t *testing.T) {
	r := VitalsRangeFile
	byCode := map[string][]VitalsCheck{}
	for _, c := range r.Checks {
		byCode[c.Code] = append(byCode[c.Code], c)
	}
	cases := []struct {
		code    string
		v       float64
		flagged bool
	}{
		{"fever", 38, true}, {"fever", 37.9, false}, {"bmi_low", 18.4, true}, {"bmi_low", 18.5, false},
		{"bmi_high", 30, true}, {"bmi_high", 29.9, false}, {"height", 39, true}, {"height", 170, false},
	}
	for _, c := range cases {
		checks := byCode[c.code]
		if len(checks) != 1 {
			t.Fatalf("%s: %d checks", c.code, len(checks))
		}
		if got := checks[0].Flagged(c.v); got != c.flagged {
			t.Errorf("%s at %v: flagged %v, want %v", c.code, c.v, got, c.flagged)
		}
	}
	if bp := byCode["bp_high"]; len(bp) != 2 || !bp[0].AdultsOnly || !strings.Contains(bp[0].Source.Doc, "WHO") {
		t.Errorf("bp_high: %+v", bp)
	}
	if r.AdultFromYears != 18 {
		t.Errorf("adult from %d", r.AdultFromYears)
	}
}

// TestVitalsRangeFileRefused: a file with a check lacking its source, bound or known measure is
// refused at load, with the check named.
func TestVitalsRangeFileRefused(t *testing.T) {
	for _, tc := range []struct{ json, want string }{
		{`{"adult_from_years":18,"checks":[{"code":"x","kind":"abnormal","measure":"pulse","at_least":1,"source":{}}]}`, "check x: no source"},
		{`{"adult_from_years":18,"checks":[{"code":"x","kind":"abnormal","measure":"pulse","source":{"doc":"d"}}]}`, "check x: no bound"},
		{`{"adult_from_years":18,"checks":[{"code":"x","kind":"abnormal","measure":"shoe","below":1,"source":{"doc":"d"}}]}`, `unknown measure "shoe"`},
		{`{"adult_from_years":18,"checks":[{"code":"x","kind":"odd","measure":"pulse","below":1,"source":{"doc":"d"}}]}`, `kind "odd"`},
		{`{"checks":[]}`, "no adult age"},
	} {
		_, err := parseVitalsRanges([]byte(tc.json))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", tc.json, err, tc.want)
		}
	}
}
