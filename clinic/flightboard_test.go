package clinic

import (
	"testing"
	"time"
)

// TestClearanceForBoundaries: the exam serves through its last day. A flight the day before or
// the day of the last day is within it ("expires in N days"); a flight the day after it is
// "expires before the flight", with a re-examination offered; a clearance ended before today is
// expired.
func TestClearanceForBoundaries(t *testing.T) {
	day := func(s string) time.Time {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	until := day("2026-12-10")
	today := time.Date(2026, 12, 3, 15, 30, 0, 0, time.UTC)
	for _, tc := range []struct {
		flight, today string
		kind          ClearanceKind
		days          int
		reexamine     bool
	}{
		{"2026-12-09", "", ClearanceValid, 7, false},       // the day before the last day
		{"2026-12-10", "", ClearanceValid, 7, false},       // the last day itself
		{"2026-12-11", "", ClearanceBeforeFlight, 7, true}, // the day after
		{"2026-12-12", "2026-12-10", ClearanceBeforeFlight, 0, true},
		{"2026-12-10", "2026-12-10", ClearanceValid, 0, false},
		{"2026-12-12", "2026-12-11", ClearanceAlreadyExpiry, -1, true},
	} {
		now := today
		if tc.today != "" {
			now = day(tc.today).Add(9 * time.Hour)
		}
		got := ClearanceFor(&until, day(tc.flight), now)
		if got.Kind != tc.kind || got.DaysLeft != tc.days || got.Reexamine != tc.reexamine || !got.Until.Equal(until) {
			t.Errorf("flight %s, today %s: %+v, want %s, %d days, re-examine %v", tc.flight, now.Format(time.DateOnly), got, tc.kind, tc.days, tc.reexamine)
		}
	}
	if got := ClearanceFor(nil, day("2026-12-11"), today); got.Kind != ClearanceUnknown || got.Reexamine {
		t.Errorf("no end known: %+v", got)
	}
}

// TestPassengerAtRisk: who is put at the top of the flight page.
func TestPassengerAtRisk(t *testing.T) {
	now := time.Date(2026, 12, 3, 8, 0, 0, 0, time.UTC)
	flight := time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC)
	later, sooner := flight.AddDate(0, 0, 50), flight.AddDate(0, 0, -2)
	valid := flight.AddDate(0, 3, 0)
	for _, tc := range []struct {
		name string
		ms   MemberStatus
		risk bool
		fit  Fitness
	}{
		{"fit", MemberStatus{Status: TravelFit, ValidUntil: &valid}, false, Fit},
		{"culture after the flight", MemberStatus{Status: TravelWaitingResults, Holds: []Blocker{{Code: "culture_pending", Earliest: &later}}}, true, Pending},
		{"result due before the flight", MemberStatus{Status: TravelWaitingResults, Holds: []Blocker{{Code: "step_pending", Earliest: &sooner}}}, false, Pending},
		{"pre-embarkation check due", MemberStatus{Status: TravelPECDue, ValidUntil: &valid, By: &sooner, Holds: []Blocker{{Code: "departure_check"}}}, false, Pending},
		{"not fit", MemberStatus{Status: TravelNotFit}, true, NotFit},
		{"clearance ends before", MemberStatus{Status: TravelPECDue, ValidUntil: &sooner}, true, Pending},
	} {
		got := passengerStatus(tc.ms, Case{CaseNumber: "RW-1"}, flight, now)
		if got.AtRisk != tc.risk || got.Fitness != tc.fit {
			t.Errorf("%s: at risk %v, %s; want %v, %s", tc.name, got.AtRisk, got.Fitness, tc.risk, tc.fit)
		}
	}
}
