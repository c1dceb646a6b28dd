package clinic

import (
	"testing"
	"time"
)

// The case's flight day starts in the site's time zone; a recorded PEC stands for the check the
// protocol names for it; the nationality is the citizenship.
func TestFactsOfDeparture(t *testing.T) {
	kigali := time.FixedZone("CAT", 2*3600)
	day := time.Date(2027, 2, 10, 0, 0, 0, 0, time.UTC)
	pecAt := time.Date(2027, 2, 8, 9, 0, 0, 0, time.UTC)
	c := Case{Destination: "US", Program: "refugee", DepartureDate: &day}
	as := Assessment{ExamDate: time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC), PEC: &PEC{At: pecAt}}
	f := FactsOf(c, Applicant{Nationality: "CD"}, as)
	f.addDeparture(c, as, kigali)
	if got := f.PlannedDeparture.Format(time.RFC3339); got != "2027-02-10T00:00:00+02:00" {
		t.Errorf("planned departure %s", got)
	}
	if len(f.Citizenships) != 1 || f.Citizenships[0] != "CD" {
		t.Errorf("citizenships %v", f.Citizenships)
	}
	var checks []string
	for _, d := range f.DepartureChecksDone {
		checks = append(checks, d.Check)
		if !d.At.Equal(pecAt) {
			t.Errorf("%s at %s", d.Check, d.At)
		}
	}
	if len(checks) != 2 || checks[0] != "pre_embarkation_check" || checks[1] != "departure_health_check" {
		t.Errorf("checks done %v", checks)
	}
	// No flight, no PEC: nothing added; no zone reads as UTC.
	g := FactsOf(Case{Destination: "US"}, Applicant{}, Assessment{})
	g.addDeparture(Case{}, Assessment{}, nil)
	if !g.PlannedDeparture.IsZero() || g.DepartureChecksDone != nil || g.Citizenships != nil {
		t.Errorf("facts %+v", g)
	}
	g.addDeparture(c, Assessment{}, nil)
	if g.PlannedDeparture.Location() != time.UTC {
		t.Errorf("zone %v", g.PlannedDeparture.Location())
	}
}

// The board keeps a neutral code for each hold and when, never the step, the check or the
// clinical reason, and leaves missing results to the Missing list.
func TestBoardHolds(t *testing.T) {
	e := time.Date(2027, 1, 30, 0, 0, 0, 0, time.UTC)
	got := boardHolds(Clearance{BlockedBy: []Blocker{
		{Code: "culture_pending", Step: "sputum_cultures", Reason: "No travel clearance until every sputum culture is final.", Earliest: &e, Rule: "us.tb.culture_hold"},
		{Code: "step_pending", Step: "syphilis", Reason: "Not yet recorded: syphilis serology."},
		{Code: "outcome_holds_travel", Reason: "Class A TB: ...", Rule: "us.tb.class_a"},
	}})
	if len(got) != 2 || got[0].Code != HoldResultsExpected || got[0].Earliest != &e || got[1].Code != HoldOnHold {
		t.Fatalf("holds %+v", got)
	}
	for _, h := range got {
		if h.Reason != "" || h.ReasonFR != "" || h.Rule != "" || h.Step != "" || h.Check != "" || HoldLabel(h.Code) == "" {
			t.Errorf("hold %+v carries clinical detail", h)
		}
	}
}

// The registration's protocol facts reach the engine: the nationality first among the
// citizenships (once), the stays, occupation, IME type and last CXR certificate.
func TestFactsOfPerson(t *testing.T) {
	cxr := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	stay := Stay{Country: "KE", From: time.Date(2024, 1, 10, 0, 0, 0, 0, time.UTC), To: time.Date(2024, 5, 10, 0, 0, 0, 0, time.UTC)}
	ap := Applicant{Nationality: "RW", Citizenships: []string{"BE", "RW"}, Stays: []Stay{stay}, Occupation: "health_worker",
		IMEType: "streamlined", PreviousCXRDate: &cxr}
	f := FactsOf(Case{Destination: "AU"}, ap, Assessment{})
	if len(f.Citizenships) != 2 || f.Citizenships[0] != "RW" || f.Citizenships[1] != "BE" {
		t.Errorf("citizenships %v", f.Citizenships)
	}
	if len(f.Stays) != 1 || f.Stays[0] != stay || f.Occupation != "health_worker" || f.IMEType != "streamlined" || !f.PreviousCXRDate.Equal(cxr) {
		t.Errorf("facts %+v", f)
	}
	if g := FactsOf(Case{}, Applicant{}, Assessment{}); g.Stays != nil || !g.PreviousCXRDate.IsZero() || g.Occupation != "" {
		t.Errorf("empty person gave %+v", g)
	}
}

// The findings sent with the history are kept beside those the answers imply.
func TestMergeFindingsKeepsEveryFinding(t *testing.T) {
	got := mergeFindings(Findings{TBSymptoms: true}, Findings{FailureToThrive: true, HansensInfectious: true, InStateCare: true})
	want := Findings{TBSymptoms: true, FailureToThrive: true, HansensInfectious: true, InStateCare: true}
	if got != want {
		t.Errorf("merged %+v, want %+v", got, want)
	}
}

// The history questions behind the 2026-12 findings set them.
func TestHistorySetsNewFindings(t *testing.T) {
	f, err := checkHistory([]HistoryAnswer{{Code: "failure_to_thrive", Yes: true}, {Code: "in_state_care", Yes: true},
		{Code: "hansens_disease", Yes: true}, {Code: "fever", Yes: false}})
	if err != nil {
		t.Fatal(err)
	}
	if want := (Findings{FailureToThrive: true, InStateCare: true, HansensInfectious: true}); f != want {
		t.Errorf("findings %+v, want %+v", f, want)
	}
}

// A flight with its departure time gives the protocol that time in the site's zone.
func TestFactsOfDepartureTime(t *testing.T) {
	kigali := time.FixedZone("CAT", 2*3600)
	day := time.Date(2027, 2, 10, 0, 0, 0, 0, time.UTC)
	var f Facts
	f.addDeparture(Case{DepartureDate: &day, DepartureTime: "06:30"}, Assessment{}, kigali)
	if got := f.PlannedDeparture.Format(time.RFC3339); got != "2027-02-10T06:30:00+02:00" {
		t.Errorf("planned departure %s", got)
	}
	var g Facts
	g.addDeparture(Case{DepartureDate: &day, DepartureTime: "25:99"}, Assessment{}, kigali)
	if got := g.PlannedDeparture.Format(time.RFC3339); got != "2027-02-10T00:00:00+02:00" {
		t.Errorf("an unreadable time: planned departure %s", got)
	}
}
