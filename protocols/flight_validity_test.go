package protocols

import (
	"context"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

// TestFlightClearanceAtValidityBoundaries: for each country (and the US's shorter validity with
// Class B1 TB findings), the last day the exam serves is read from the protocol engine's answer
// for the current rule-set version — not written here, so a change of the rule files moves the
// boundary with it. The clinic's flight page must then call a flight the day before and the day
// of that last day valid ("expires in N days"), the day after it "expires before the flight" with
// a re-examination offered, and agree with the engine's own hold for that departure; once the
// last day has passed the clearance is expired.
func TestFlightClearanceAtValidityBoundaries(t *testing.T) {
	e := engine(t)
	ctx := context.Background()
	exam := mustDate("2026-12-03")
	b1 := results(clinic.Results{CXR: "suggestive_of_tb", SputumSmears: neg3, SputumCultures: neg3, MTBNAAT: "not_detected", Syphilis: "nonreactive"})
	for _, c := range []struct {
		name, dest string
		opts       []func(*clinic.Facts)
	}{
		{"US", "US", nil}, {"US Class B1", "US", []func(*clinic.Facts){b1}}, {"CA", "CA", nil}, {"AU", "AU", nil}, {"NZ", "NZ", nil},
	} {
		p, err := e.Evaluate(ctx, "", on(exam, c.dest, "immigrant", 30, c.opts...))
		if err != nil {
			t.Fatal(err)
		}
		if p.ValidUntil == nil {
			t.Fatalf("%s: the engine gives no last day", c.name)
		}
		until := *p.ValidUntil
		if !until.After(exam) {
			t.Fatalf("%s: last day %s not after the exam", c.name, until.Format(time.DateOnly))
		}
		daysLeft := int(until.Sub(exam).Hours() / 24)
		for _, b := range []struct {
			offset    int
			kind      clinic.ClearanceKind
			reexamine bool
		}{{-1, clinic.ClearanceValid, false}, {0, clinic.ClearanceValid, false}, {1, clinic.ClearanceBeforeFlight, true}} {
			flight := until.AddDate(0, 0, b.offset)
			cv := clinic.ClearanceFor(p.ValidUntil, flight, exam.Add(10*time.Hour))
			if cv.Kind != b.kind || cv.Reexamine != b.reexamine || cv.DaysLeft != daysLeft || cv.Until == nil || !cv.Until.Equal(until) {
				t.Errorf("%s, last day %s, flight %s: %+v, want %s (re-examine %v), %d days left", c.name, until.Format(time.DateOnly),
					flight.Format(time.DateOnly), cv, b.kind, b.reexamine, daysLeft)
			}
			// The engine, told of the same departure, holds travel exactly when the clinic says
			// the clearance ends before the flight.
			dep, err := e.Evaluate(ctx, "", on(exam, c.dest, "immigrant", 30, append(c.opts, departing(flight.Format(time.DateOnly)+"T12:00:00Z"))...))
			if err != nil {
				t.Fatal(err)
			}
			if held := blocker(dep, blockExpires) != nil; held != (cv.Kind == clinic.ClearanceBeforeFlight) {
				t.Errorf("%s, flight %s: the engine's expiry hold %v, the clinic's clearance %s", c.name, flight.Format(time.DateOnly), held, cv.Kind)
			}
		}
		after := until.AddDate(0, 0, 1)
		if cv := clinic.ClearanceFor(p.ValidUntil, after.AddDate(0, 0, 1), after.Add(9*time.Hour)); cv.Kind != clinic.ClearanceAlreadyExpiry || !cv.Reexamine || cv.DaysLeft != -1 {
			t.Errorf("%s: the day after the last day: %+v, want expired", c.name, cv)
		}
	}
}
