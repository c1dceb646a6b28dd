package protocols

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

func blockerCodes(p clinic.Plan) []string {
	var out []string
	for _, b := range p.Clearance.BlockedBy {
		out = append(out, b.Code+":"+b.Step+b.Check)
	}
	return out
}

func blocker(p clinic.Plan, code string) *clinic.Blocker {
	for i, b := range p.Clearance.BlockedBy {
		if b.Code == code {
			return &p.Clearance.BlockedBy[i]
		}
	}
	return nil
}

func departing(at string) func(*clinic.Facts) {
	return func(f *clinic.Facts) {
		t, err := time.Parse(time.RFC3339, at)
		if err != nil {
			panic(err)
		}
		f.PlannedDeparture = t
	}
}

func checkDone(check, at string) func(*clinic.Facts) {
	return func(f *clinic.Facts) {
		t, _ := time.Parse(time.RFC3339, at)
		f.DepartureChecksDone = append(f.DepartureChecksDone, clinic.DepartureCheckDone{Check: check, At: t})
	}
}

// The departure windows in real time: the PEC of a US refugee flying 2026-04-20 08:00 (+02:00)
// opens 72 hours before, and a check done an hour before it opens does not count.
func TestDepartureTimesAndClearance(t *testing.T) {
	e := engine(t)
	base := []func(*clinic.Facts){weight(60), departing("2026-04-20T08:00:00+02:00"),
		results(clinic.Results{CXR: "normal", Syphilis: "nonreactive"})}
	p, err := e.Evaluate(context.Background(), "2021-09-03", applicant("US", "refugee", 30, base...))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Departure) != 1 {
		t.Fatalf("departure %+v", p.Departure)
	}
	d := p.Departure[0]
	if d.NotBefore.Format(time.RFC3339) != "2026-04-17T08:00:00+02:00" || d.NotAfter.Format(time.RFC3339) != "2026-04-20T08:00:00+02:00" {
		t.Errorf("PEC window %s – %s", d.NotBefore.Format(time.RFC3339), d.NotAfter.Format(time.RFC3339))
	}
	b := blocker(p, blockDeparture)
	if p.Clearance.Cleared || b == nil || b.Earliest == nil || b.Earliest.Format(time.DateOnly) != "2026-04-17" || !strings.Contains(b.Reason, "2026-04-17T08:00:00+02:00") {
		t.Errorf("clearance %+v", p.Clearance)
	}
	for _, c := range []struct {
		at      string
		cleared bool
	}{
		{"2026-04-17T07:00:00+02:00", false}, // an hour before the window opens
		{"2026-04-17T08:00:00+02:00", true},  // the first minute of the window
		{"2026-04-20T08:00:00+02:00", true},  // the departure itself
		{"2026-04-20T08:01:00+02:00", false}, // after it
	} {
		f := applicant("US", "refugee", 30, append(base, checkDone("pre_embarkation_check", c.at))...)
		p, err := e.Evaluate(context.Background(), "2021-09-03", f)
		if err != nil {
			t.Fatal(err)
		}
		if p.Clearance.Cleared != c.cleared {
			t.Errorf("PEC at %s: cleared %v, want %v (%v)", c.at, p.Clearance.Cleared, c.cleared, blockerCodes(p))
		}
	}
	// The contract's short name "pec" is the pre-embarkation check.
	f0 := applicant("US", "refugee", 30, append(base, checkDone("pec", "2026-04-18T08:00:00+02:00"))...)
	if p, err := e.Evaluate(context.Background(), "2021-09-03", f0); err != nil || !p.Clearance.Cleared {
		t.Errorf("pec alias: %v %v", err, blockerCodes(p))
	}
	if f0.DepartureChecksDone[0].Check != "pec" {
		t.Error("the caller's facts were changed")
	}
	// Results missing and a flight after the exam stops serving.
	f := applicant("US", "refugee", 30, weight(60), departing("2026-09-10T08:00:00Z"), checkDone("pre_embarkation_check", "2026-09-09T08:00:00Z"))
	p, err = e.Evaluate(context.Background(), "2021-09-03", f)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(blockerCodes(p), ",")
	if got != "step_pending:cxr,step_pending:syphilis,exam_expires_before_departure:" {
		t.Errorf("blockers %s", got)
	}
	if p.Clearance.Until == nil || p.Clearance.Until.Format(time.DateOnly) != "2026-09-09" {
		t.Errorf("until %v", p.Clearance.Until)
	}
	// Class A holds travel.
	p, err = e.Evaluate(context.Background(), "2021-09-03", applicant("US", "immigrant", 30,
		results(clinic.Results{CXR: "suggestive_of_tb", Syphilis: "nonreactive", SputumSmears: []string{"positive", "negative", "negative"}, SputumCultures: pending2, MTBNAAT: "detected"})))
	if err != nil {
		t.Fatal(err)
	}
	if b := blocker(p, blockOutcome); b == nil || b.Rule != "us.tb.class_a" || !strings.Contains(b.Reason, "Class A TB") {
		t.Errorf("class A: %v", blockerCodes(p))
	}
	// The JSON form carries the clearance and the real times.
	js, _ := json.Marshal(NewResult(p))
	if !strings.Contains(string(js), `"clearance":{"cleared":false,"until":null,"blocked_by":[{"code":"outcome_holds_travel"`) {
		t.Errorf("json %s", js)
	}
}

// Every step code has its French words for the blockers' reasons.
func TestStepWordsFR(t *testing.T) {
	for _, s := range steps {
		if stepWordsFR[s.code] == "" {
			t.Errorf("step %s has no French words", s.code)
		}
	}
}
