package clinic

import (
	"testing"
	"time"
)

func TestTravelStatusOf(t *testing.T) {
	now := day("2026-11-24")
	flight := day("2026-12-01")
	valid := day("2027-05-24")
	expired := day("2026-11-30")
	hist, vit := &History{}, &Vitals{}
	scale := []OutcomeLevel{{Code: "class_a_tb", Severity: 100, HoldsTravel: true}, {Code: "no_class"}}
	cases := []struct {
		name    string
		as      Assessment
		plan    Plan
		want    TravelStatus
		missing int
	}{
		{"queued", Assessment{State: StateQueued}, Plan{}, TravelInExam, 1},
		{"waiting results", Assessment{State: StateInExam, History: hist, Vitals: vit}, Plan{Pending: []string{"cxr"}}, TravelWaitingResults, 1},
		{"cultures growing", Assessment{State: StateInExam, History: hist, Vitals: vit}, Plan{Outcome: Outcome{Final: false}}, TravelWaitingResults, 1},
		{"waiting physician", Assessment{State: StateInExam, History: hist, Vitals: vit}, Plan{Outcome: Outcome{Final: true}}, TravelWaitingPhysician, 1},
		{"pec due", Assessment{State: StateSigned, Classification: &Classification{Codes: []string{"no_class"}}}, Plan{OutcomeScale: scale, ValidUntil: &valid}, TravelPECDue, 1},
		{"class A holds", Assessment{State: StateSigned, Classification: &Classification{Codes: []string{"class_a_tb"}}}, Plan{OutcomeScale: scale, ValidUntil: &valid}, TravelOnHold, 0},
		{"fit", Assessment{State: StateFitToTravel}, Plan{ValidUntil: &valid}, TravelFit, 0},
		{"not fit", Assessment{State: StateNotFit}, Plan{ValidUntil: &valid}, TravelNotFit, 0},
		{"clearance ends before the flight", Assessment{State: StateSigned}, Plan{ValidUntil: &expired}, TravelExpired, 0},
	}
	for _, c := range cases {
		ch := Chart{Assessment: c.as, Plan: c.plan, Case: Case{DepartureDate: &flight}}
		ch.Incomplete = incomplete(ch)
		got, missing, _ := TravelStatusOf(ch, now)
		if got != c.want || len(missing) != c.missing {
			t.Errorf("%s: got %s %v, want %s with %d missing", c.name, got, missing, c.want, c.missing)
		}
		if got.Label() == "" {
			t.Errorf("%s: status %s has no words", c.name, got)
		}
	}
	_, _, by := TravelStatusOf(Chart{Assessment: Assessment{State: StateSigned}, Case: Case{DepartureDate: &flight}}, now)
	if by == nil || !by.Equal(flight.Add(-24*time.Hour)) {
		t.Errorf("the PEC is due the day before departure, got %v", by)
	}
}

// TestBoardSpeaksNeutrally checks that the caseworker's board never names a pending step: the
// step (a sputum culture, a syphilis treatment) would tell what the tests found.
func TestBoardSpeaksNeutrally(t *testing.T) {
	hist, vit := &History{}, &Vitals{}
	cases := []struct {
		name string
		ch   Chart
		want string
	}{
		{"cultures and treatment pending", Chart{Assessment: Assessment{State: StateInExam, History: hist, Vitals: vit},
			Plan: Plan{Pending: []string{"sputum_culture", "syphilis_treatment"}}}, MissingTests},
		{"cultures growing, nothing to enter", Chart{Assessment: Assessment{State: StateInExam, History: hist, Vitals: vit},
			Plan: Plan{Outcome: Outcome{Final: false}}}, MissingTests},
		{"results in", Chart{Assessment: Assessment{State: StateInExam, History: hist, Vitals: vit},
			Plan: Plan{Outcome: Outcome{Final: true}}}, MissingResultsReview},
		{"exam not done, HIV test pending", Chart{Assessment: Assessment{State: StateInExam, History: hist},
			Plan: Plan{Pending: []string{"hiv_test"}}}, MissingExamination},
		{"signed", Chart{Assessment: Assessment{State: StateSigned, Classification: &Classification{Codes: []string{"no_class"}}}}, MissingPEC},
	}
	for _, c := range cases {
		c.ch.Incomplete = incomplete(c.ch)
		_, missing, _ := TravelStatusOf(c.ch, day("2026-11-24"))
		if len(missing) != 1 || missing[0] != c.want {
			t.Errorf("%s: the board says %v missing, want [%s]", c.name, missing, c.want)
		}
		for _, m := range missing {
			if MissingLabel(m) == "" {
				t.Errorf("%s: %q has no words", c.name, m)
			}
			for _, step := range append(c.ch.Plan.Pending, c.ch.Incomplete...) {
				if m == step {
					t.Errorf("%s: the board names the step %q", c.name, step)
				}
			}
		}
	}
}

func TestCheckClassification(t *testing.T) {
	plan := Plan{ProtocolID: "US", OutcomeScale: []OutcomeLevel{{Code: "class_a_tb", Severity: 100}, {Code: "class_b1_tb_pulmonary", Severity: 60},
		{Code: "class_b2_ltbi", Severity: 40}, {Code: "no_class", Severity: 0}},
		Outcome: Outcome{Codes: []string{"class_b2_ltbi"}, Severity: 40, Findings: []OutcomeFinding{{Code: "class_b2_ltbi", Severity: 40}}}}
	cases := []struct {
		name   string
		c      Classification
		field  string
		passes bool
	}{
		{"agrees", Classification{Codes: []string{"class_b2_ltbi"}}, "", true},
		{"raises", Classification{Codes: []string{"class_b1_tb_pulmonary"}}, "", true},
		{"lowers without reason", Classification{Codes: []string{"no_class"}}, "override_reason", false},
		{"lowers with reason", Classification{Codes: []string{"no_class"}, OverrideReason: "IGRA repeated: negative"}, "", true},
		{"unknown code", Classification{Codes: []string{"class_z"}}, "codes[0]", false},
		{"none", Classification{}, "codes", false},
	}
	for _, c := range cases {
		err := checkClassification(plan, c.c)
		if c.passes != (err == nil) || (!c.passes && ErrorOf(err).Fields[0].Field != c.field) {
			t.Errorf("%s: %v", c.name, err)
		}
	}
}

func TestCheckResult(t *testing.T) {
	num := func(v float64) *float64 { return &v }
	cases := []struct {
		name string
		r    Result
		role Role
		code ErrorCode
	}{
		{"radiology reads X-rays", Result{Step: "cxr", Text: "suggestive_of_tb"}, RoleRadiology, ""},
		{"the lab does not", Result{Step: "cxr", Text: "normal"}, RoleLab, EForbidden},
		{"radiology does not do IGRA", Result{Step: "igra", Text: "positive"}, RoleRadiology, EForbidden},
		{"three smears", Result{Step: "sputum_smears", List: []string{"negative", "negative", "positive"}}, RoleLab, ""},
		{"four smears", Result{Step: "sputum_smears", List: []string{"negative", "negative", "negative", "negative"}}, RoleLab, EValidation},
		{"culture pending", Result{Step: "sputum_cultures", List: []string{"negative", "pending"}}, RoleLab, ""},
		{"smear pending is not a smear result", Result{Step: "sputum_smears", List: []string{"pending"}}, RoleLab, EValidation},
		{"eGFR", Result{Step: "egfr", Number: num(29)}, RoleLab, ""},
		{"eGFR out of range", Result{Step: "egfr", Number: num(900)}, RoleLab, EValidation},
		{"a number without a value", Result{Step: "hba1c"}, RoleLab, EValidation},
		{"unknown step", Result{Step: "ecg", Text: "normal"}, RolePhysician, EValidation},
	}
	for _, c := range cases {
		err := checkResult(&c.r, c.role)
		if (c.code == "" && err != nil) || (c.code != "" && !IsCode(err, c.code)) {
			t.Errorf("%s: got %v, want %q", c.name, err, c.code)
		}
	}
}
