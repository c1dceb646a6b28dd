package protocols

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

// TestResultDisclosureFromTheRules: the disclosure of a result that changes travel is required by
// a rule file, not by code. Canada's 2026-12-04 version requires it when the person is placed
// under medical surveillance (inactive TB); the 2026-12-01 version, in force the day before, does
// not; and nobody else is asked for it.
func TestResultDisclosureFromTheRules(t *testing.T) {
	e := engine(t)
	dec3 := time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC)
	dec4 := time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC)
	inactive := results(clinic.Results{CXR: "inactive_tb"})
	at := func(day time.Time, f clinic.Facts) clinic.Facts {
		f.ExamDate, f.BirthDate = day, day.AddDate(-41, 0, 0)
		return f
	}
	for _, c := range []struct {
		name    string
		facts   clinic.Facts
		version string
		want    bool
	}{
		{"CA inactive TB, exam on 2026-12-04", at(dec4, applicant("CA", "immigrant", 41, inactive)), "2026-12-04", true},
		{"CA previous TB treatment, exam on 2026-12-04", at(dec4, applicant("CA", "immigrant", 41, findings(clinic.Findings{PreviousTBTreatment: true}))), "2026-12-04", true},
		{"CA inactive TB, exam on 2026-12-03", at(dec3, applicant("CA", "immigrant", 41, inactive)), "2026-12-01", false},
		{"CA normal X-ray, exam on 2026-12-04", at(dec4, applicant("CA", "immigrant", 41, results(clinic.Results{CXR: "normal"}))), "2026-12-04", false},
		{"US inactive TB, exam on 2026-12-04", at(dec4, applicant("US", "immigrant", 41, inactive)), "2026-12-01", false},
	} {
		p, err := e.Evaluate(context.Background(), "", c.facts)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if p.ProtocolVersion != c.version {
			t.Errorf("%s: version %s, want %s", c.name, p.ProtocolVersion, c.version)
		}
		if got := slices.Contains(stepCodes(p), "result_disclosure"); got != c.want {
			t.Errorf("%s: result_disclosure required = %v, want %v (%v)", c.name, got, c.want, stepCodes(p))
		}
		for _, r := range p.Required {
			if r.Step == "result_disclosure" && (r.Rule != "ca.tb.surveillance_disclosure" || r.Source.Doc == "") {
				t.Errorf("%s: required by %s from %+v", c.name, r.Rule, r.Source)
			}
		}
	}
}
