package api_test

import (
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/internal/clinictest"
)

// TestIdentityCheckValidFor: with MHAC_IDENTITY_CHECK_VALID_FOR set (here 2h), a station's check
// counts for that long and no longer, even within the same clinic day; a check at collection
// still counts for the results of what was collected.
func TestIdentityCheckValidFor(t *testing.T) {
	clock := &testClock{now: time.Date(2026, 12, 3, 6, 0, 0, 0, time.UTC)} // 08:00 in Kigali
	st := clinictest.New(t, clinictest.Options{RedisDB: 2, Clock: clock, IdentityValidFor: 2 * time.Hour})
	_, id := queueFresh(t, st, "RW-IDV-1", "Mukeshimana", "Alice")
	path := "/api/assessments/" + id
	nurse := st.Login(t, "nurse")
	history := func(version int) map[string]any {
		return map[string]any{"version": version, "answers": []map[string]any{{"code": "fever", "answer": false}}}
	}
	var ch identityOut
	nurse.Must(200, "POST", path+"/identity-checks", map[string]string{"station": "history", "outcome": "match"}, &ch)
	nurse.Must(200, "POST", path+"/identity-checks", map[string]string{"station": "specimen", "outcome": "match"}, nil)
	nurse.Must(200, "PUT", path+"/history", history(ch.Version), &ch)

	// 1h59 later: the check still counts.
	clock.Add(119 * time.Minute)
	nurse = st.Login(t, "nurse")
	nurse.Must(200, "PUT", path+"/history", history(ch.Version), &ch)

	// 2h01 after the check, still the same morning in Kigali: it no longer counts.
	clock.Add(2 * time.Minute)
	nurse = st.Login(t, "nurse")
	code, raw := nurse.Do("PUT", path+"/history", history(ch.Version), nil)
	wantIDProblem(t, "history 2h01 after the check", code, raw, 409, "identity_check_required", "")

	// A specimen's result counts on the check at collection, whatever the setting.
	lab := st.Login(t, "lab")
	lab.Must(200, "POST", path+"/results", map[string]any{"version": ch.Version, "step": "syphilis", "value": "nonreactive"}, &ch)

	// A new check lets the history be saved again.
	nurse.Must(200, "POST", path+"/identity-checks", map[string]string{"station": "history", "outcome": "match"}, nil)
	nurse.Must(200, "PUT", path+"/history", history(ch.Version), &ch)
}
