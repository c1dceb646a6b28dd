package protocols

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

// TestSpecialistReportFromTheRules: a specialist's report is a step a rule file requires, not
// code. New Zealand's 2026-12-04 version requires a nephrologist's report under an eGFR of 30 and
// an endocrinologist's report over an HbA1c of 80 mmol/mol; the step is pending until the facts
// hold a report of that specialty; the 2026-12-01 version, in force the day before, does not ask
// for it; and another specialty's report does not complete it.
func TestSpecialistReportFromTheRules(t *testing.T) {
	e := engine(t)
	dec3 := time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC)
	dec4 := time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC)
	num := func(v float64) *float64 { return &v }
	at := func(day time.Time, r clinic.Results) clinic.Facts {
		f := applicant("NZ", "immigrant", 52, results(r))
		f.ExamDate, f.BirthDate = day, day.AddDate(-52, 0, 0)
		return f
	}
	for _, c := range []struct {
		name        string
		facts       clinic.Facts
		version     string
		required    []string // the referral steps required
		pending     []string // the referral steps pending
		rule        string
		outcomeCode string
	}{
		{"eGFR 29 on 2026-12-04, no report", at(dec4, clinic.Results{EGFR: num(29)}), "2026-12-04",
			[]string{"referral_nephrology"}, []string{"referral_nephrology"}, "nz.renal.nephrologist_report", "refer_renal"},
		{"eGFR 29 on 2026-12-04, the nephrologist reported", at(dec4, clinic.Results{EGFR: num(29), SpecialistReports: []string{"nephrology"}}), "2026-12-04",
			[]string{"referral_nephrology"}, nil, "nz.renal.nephrologist_report", "refer_renal"},
		{"eGFR 29 on 2026-12-04, a cardiologist reported", at(dec4, clinic.Results{EGFR: num(29), SpecialistReports: []string{"cardiology"}}), "2026-12-04",
			[]string{"referral_nephrology"}, []string{"referral_nephrology"}, "nz.renal.nephrologist_report", "refer_renal"},
		{"eGFR 30 on 2026-12-04", at(dec4, clinic.Results{EGFR: num(30)}), "2026-12-04", nil, nil, "", ""},
		{"eGFR 29 on 2026-12-03 (the earlier version)", at(dec3, clinic.Results{EGFR: num(29)}), "2026-12-01", nil, nil, "", "refer_renal"},
		{"HbA1c 81 on 2026-12-04", at(dec4, clinic.Results{HbA1cMmolMol: num(81)}), "2026-12-04",
			[]string{"referral_endocrinology"}, []string{"referral_endocrinology"}, "nz.diabetes.endocrinologist_report", "refer_diabetes"},
		{"HbA1c 80 on 2026-12-04", at(dec4, clinic.Results{HbA1cMmolMol: num(80)}), "2026-12-04", nil, nil, "", ""},
		{"HbA1c 81 and eGFR 20, both reported", at(dec4, clinic.Results{HbA1cMmolMol: num(81), EGFR: num(20), SpecialistReports: []string{"endocrinology", "nephrology"}}), "2026-12-04",
			[]string{"referral_nephrology", "referral_endocrinology"}, nil, "", "refer_diabetes"},
	} {
		p, err := e.Evaluate(context.Background(), "", c.facts)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if p.ProtocolVersion != c.version {
			t.Errorf("%s: version %s, want %s", c.name, p.ProtocolVersion, c.version)
		}
		referralsOnly := func(steps []string) []string {
			var out []string
			for _, s := range steps {
				if len(s) > 9 && s[:9] == "referral_" {
					out = append(out, s)
				}
			}
			slices.Sort(out)
			return out
		}
		want := slices.Clone(c.required)
		slices.Sort(want)
		if got := referralsOnly(stepCodes(p)); !slices.Equal(got, want) {
			t.Errorf("%s: referral steps required %v, want %v", c.name, got, want)
		}
		wantPending := slices.Clone(c.pending)
		slices.Sort(wantPending)
		if got := referralsOnly(p.Pending); !slices.Equal(got, wantPending) {
			t.Errorf("%s: referral steps pending %v, want %v", c.name, got, wantPending)
		}
		for _, r := range p.Required {
			if c.rule != "" && r.Step == c.required[0] && (r.Rule != c.rule || r.Source.Doc == "" || r.Source.Section == "") {
				t.Errorf("%s: %s required by %s from %+v", c.name, r.Step, r.Rule, r.Source)
			}
		}
		if c.outcomeCode != "" && !slices.Contains(p.Outcome.Codes, c.outcomeCode) {
			t.Errorf("%s: outcome %v, want %s among them", c.name, p.Outcome.Codes, c.outcomeCode)
		}
	}
}

// TestSpecialistReportsOnTheWire: the command line reads results.specialist_reports.
func TestSpecialistReportsOnTheWire(t *testing.T) {
	f, err := DecodeFacts([]byte(`{"destination":"NZ","program":"immigrant","exam_date":"2026-12-03","birth_date":"1974-12-03","results":{"egfr":29,"specialist_reports":["nephrology"]}}`))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(f.Results.SpecialistReports, []string{"nephrology"}) {
		t.Fatalf("specialist_reports read as %v", f.Results.SpecialistReports)
	}
	if _, err := DecodeFacts([]byte(`{"destination":"NZ","program":"immigrant","exam_date":"2026-12-03","birth_date":"1974-12-03","results":{"specialist_reports":"nephrology"}}`)); err == nil {
		t.Fatal("a string for specialist_reports was accepted")
	}
}
