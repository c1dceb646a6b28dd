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
