package cdsi

import (
	"testing"
	"time"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// TestSpanAddTo checks the spec's date calculation rules CALCDT-1 to CALCDT-6 (v2.1, 3.4).
func TestSpanAddTo(t *testing.T) {
	tests := []struct {
		from, span, want string
	}{
		{"2000-01-01", "3 years", "2003-01-01"},
		{"2000-01-01", "3 months", "2000-04-01"},
		{"2000-11-01", "3 months", "2001-02-01"},
		{"2000-01-01", "3 weeks", "2000-01-22"},
		{"2000-01-01", "3 days", "2000-01-04"},
		{"2000-02-01", "5 weeks", "2000-03-07"},
		{"2001-02-01", "5 weeks", "2001-03-08"},
		{"2000-01-15", "0 days - 4 days", "2000-01-11"},
		{"2000-07-31", "2 months", "2000-10-01"}, // 31 September is not a date
		{"2001-01-31", "1 month", "2001-03-01"},
		{"2000-02-29", "1 year", "2001-03-01"},
		{"2000-01-31", "1 month - 4 days", "2000-02-25"}, // CALCDT-6's example
		{"2001-01-31", "1 month - 4 days", "2001-02-24"}, // from the last day of February
		{"2001-01-31", "1 month + 4 days", "2001-03-05"},
		{"2025-09-29", "5 months + 4 weeks", "2026-03-29"}, // CDC case 2013-0161's past-due date + 1
		{"2000-02-29", "1 year - 4 days", "2001-02-24"},
		{"2025-09-01", "7 months + 4 weeks", "2026-04-29"},
		{"2025-09-06", "6 weeks - 4 days", "2025-10-14"},
		{"2020-05-10", "1 year + 6 months", "2021-11-10"},
		{"2020-03-31", "- 1 month", "2020-03-01"}, // 31 February rolls forward too
	}
	for _, tt := range tests {
		sp, err := ParseSpan(tt.span)
		if err != nil {
			t.Fatalf("ParseSpan(%q): %v", tt.span, err)
		}
		if got := sp.AddTo(day(tt.from)).Format("2006-01-02"); got != tt.want {
			t.Errorf("%s + %s = %s, want %s", tt.from, tt.span, got, tt.want)
		}
	}
}

func TestParseSpanErrors(t *testing.T) {
	for _, s := range []string{"4", "four weeks", "4 fortnights", "4 weeks -", "1.5 years"} {
		if _, err := ParseSpan(s); err == nil {
			t.Errorf("ParseSpan(%q): no error", s)
		}
	}
	sp, err := ParseSpan("")
	if err != nil || sp.Set {
		t.Errorf("ParseSpan(\"\") = %+v, %v; want unset, no error", sp, err)
	}
}

// history builds a patient from a date of birth and doses given at ages ("6 weeks - 4 days").
func history(t *testing.T, dob string, doses ...[2]string) Patient {
	t.Helper()
	p := Patient{DOB: day(dob), Gender: "F"}
	for _, d := range doses {
		p.Doses = append(p.Doses, Dose{Date: MustSpan(d[0]).AddTo(p.DOB), CVX: d[1]})
	}
	return p
}

// statusOf is the dose's status for one antigen.
func statusOf(t *testing.T, res Result, dose int, antigen string) string {
	t.Helper()
	for _, e := range res.Doses[dose].Evaluations {
		if e.Antigen == antigen {
			return e.Status
		}
	}
	t.Fatalf("dose %d has no %s evaluation: %+v", dose+1, antigen, res.Doses[dose].Evaluations)
	return ""
}

type ruleCase struct {
	name    string
	doses   [][2]string // age at dose, CVX
	antigen string
	want    []string // status of each dose; "-" for a dose not checked
}

func runRuleCases(t *testing.T, tests []ruleCase) {
	t.Helper()
	eng, err := NewDefault()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := history(t, "2020-01-15", tt.doses...)
			res, err := eng.Evaluate(p, day("2026-01-15"))
			if err != nil {
				t.Fatal(err)
			}
			for i, want := range tt.want {
				if want == "-" {
					continue
				}
				if got := statusOf(t, res, i, tt.antigen); got != want {
					t.Errorf("dose %d: got %q, want %q", i+1, got, want)
				}
			}
		})
	}
}

// TestFourDayGrace: a dose up to four days before the minimum age or interval counts (the
// absolute minimum); five days before does not.
func TestFourDayGrace(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{"DTaP at 6 weeks - 4 days", [][2]string{{"6 weeks - 4 days", "20"}}, "Diphtheria", []string{StatusValid}},
		{"DTaP at 6 weeks - 5 days", [][2]string{{"6 weeks - 5 days", "20"}}, "Diphtheria", []string{StatusNotValid}},
		{"DTaP 2 at 4 weeks - 4 days after 1", [][2]string{{"2 months", "20"}, {"3 months - 4 days", "20"}}, "Tetanus", []string{StatusValid, StatusValid}},
		{"DTaP 2 at 4 weeks - 5 days after 1", [][2]string{{"2 months", "20"}, {"2 months + 23 days", "20"}}, "Tetanus", []string{StatusValid, StatusNotValid}},
	})
}

// TestAbsoluteMinimumAge: the absolute minimum age is the hard floor; between it and the
// minimum age the dose is valid with the reason "Grace period".
func TestAbsoluteMinimumAge(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{"MMR at 12 months", [][2]string{{"12 months", "03"}}, "Measles", []string{StatusValid}},
		{"MMR at 12 months - 4 days", [][2]string{{"12 months - 4 days", "03"}}, "Measles", []string{StatusValid}},
		{"MMR at 12 months - 5 days", [][2]string{{"12 months - 5 days", "03"}}, "Measles", []string{StatusNotValid}},
		{"Varicella at 11 months", [][2]string{{"11 months", "21"}}, "Varicella", []string{StatusNotValid}},
	})
	eng, _ := NewDefault()
	res, err := eng.Evaluate(history(t, "2020-01-15", [2]string{"12 months - 2 days", "03"}), day("2022-01-15"))
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Doses[0].Evaluations[0].Reason; got != "Grace period" {
		t.Errorf("reason = %q, want %q", got, "Grace period")
	}
}

// TestLiveVirusConflict: a live vaccine given 1 to 27 days after another live vaccine is not
// valid; on the same day or 28 days later it is.
func TestLiveVirusConflict(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{"varicella same day as MMR", [][2]string{{"13 months", "03"}, {"13 months", "21"}}, "Varicella", []string{"-", StatusValid}},
		{"varicella 27 days after MMR", [][2]string{{"13 months", "03"}, {"13 months + 27 days", "21"}}, "Varicella", []string{"-", StatusNotValid}},
		{"varicella 28 days after MMR", [][2]string{{"13 months", "03"}, {"13 months + 28 days", "21"}}, "Varicella", []string{"-", StatusValid}},
		{"MMR 10 days after varicella", [][2]string{{"13 months", "21"}, {"13 months + 10 days", "03"}}, "Measles", []string{"-", StatusNotValid}},
		{"inactivated vaccine not in conflict", [][2]string{{"13 months", "03"}, {"13 months + 5 days", "83"}}, "HepA", []string{"-", StatusValid}},
	})
}

// TestSameDayDoses: two doses of one antigen on one day: the second is too soon.
func TestSameDayDoses(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{"two DTaP same day", [][2]string{{"2 months", "20"}, {"2 months", "20"}}, "Pertussis", []string{StatusValid, StatusNotValid}},
		{"DTaP and Pediarix same day", [][2]string{{"2 months", "20"}, {"2 months", "110"}}, "Diphtheria", []string{StatusValid, StatusNotValid}},
	})
}

// TestGapDoesNotRestart: a long gap between doses never restarts the series: the late dose
// counts and the forecast continues with the next dose.
func TestGapDoesNotRestart(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{"DTaP 1 at 2 months, 2 at 3 years", [][2]string{{"2 months", "20"}, {"3 years", "20"}}, "Diphtheria", []string{StatusValid, StatusValid}},
		{"IPV 1 at 2 months, 2 at 5 years", [][2]string{{"2 months", "10"}, {"5 years", "10"}}, "Polio", []string{StatusValid, StatusValid}},
	})
	eng, _ := NewDefault()
	p := history(t, "2020-01-15", [2]string{"2 months", "20"}, [2]string{"3 years", "20"})
	res, err := eng.Evaluate(p, day("2023-03-01"))
	if err != nil {
		t.Fatal(err)
	}
	gf, ok := res.Group("DTaP/Tdap/Td", "")
	if !ok || gf.Status != SeriesNotComplete || gf.DoseNumber != "3" {
		t.Fatalf("forecast = %+v, want Not Complete, dose 3", gf)
	}
	if want := day("2023-02-12"); gf.Earliest == nil || !gf.Earliest.Equal(want) {
		t.Errorf("earliest = %v, want %v (4 weeks after dose 2)", gf.Earliest, want)
	}
}

func TestEvaluateInputErrors(t *testing.T) {
	eng, _ := NewDefault()
	dob := day("2020-01-15")
	tests := []struct {
		name  string
		p     Patient
		at    time.Time
		field string
	}{
		{"no dob", Patient{}, dob, "dob"},
		{"assessed before birth", Patient{DOB: dob}, day("2019-01-01"), "assessment_date"},
		{"dose before birth", Patient{DOB: dob, Doses: []Dose{{Date: day("2019-12-01"), CVX: "20"}}}, day("2021-01-01"), "doses[0].date"},
		{"dose after assessment", Patient{DOB: dob, Doses: []Dose{{Date: day("2021-02-01"), CVX: "20"}}}, day("2021-01-01"), "doses[0].date"},
		{"unknown cvx", Patient{DOB: dob, Doses: []Dose{{Date: day("2020-03-01"), CVX: "9999"}}}, day("2021-01-01"), "doses[0].cvx"},
		{"unknown observation", Patient{DOB: dob, Observations: []PatientObservation{{Code: "zzz"}}}, day("2021-01-01"), "observations[0]"},
	}
	for _, tt := range tests {
		_, err := eng.Evaluate(tt.p, tt.at)
		ie, ok := err.(*InputError)
		if !ok || ie.Field != tt.field {
			t.Errorf("%s: error %v, want an InputError on %q", tt.name, err, tt.field)
		}
	}
}
