package clinictest

import (
	"context"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/internal/demo"
)

// ConsentAll records, as the registrar, every consent of every member of a case (sharing with
// the case's own destination), as a person who agrees to everything gives them at registration.
func (st *Stack) ConsentAll(t testing.TB, caseID string) {
	t.Helper()
	ctx, reg := context.Background(), st.Actors["registrar"]
	c, err := st.Svc.Case(ctx, reg, caseID)
	if err != nil {
		t.Fatal(err)
	}
	if err := demo.RecordConsents(ctx, st.Svc, reg, c, time.Now().UTC().Truncate(24*time.Hour)); err != nil {
		t.Fatal(err)
	}
}

// CounselHIV records, as the nurse, the HIV counselling an assessment needs now: pre-test
// counselling, and post-test counselling once an HIV result is in.
func (st *Stack) CounselHIV(t testing.TB, assessmentID string) {
	t.Helper()
	ctx, nurse := context.Background(), st.Actors["nurse"]
	ch, err := st.Svc.Chart(ctx, nurse, assessmentID)
	if err != nil {
		t.Fatal(err)
	}
	has := map[string]bool{}
	for _, c := range ch.Counselling {
		has[c.Topic+c.Stage] = true
	}
	if !has["hivpre_test"] {
		if ch, err = st.Svc.RecordCounselling(ctx, nurse, assessmentID, ch.Assessment.Version,
			clinic.Counselling{Topic: "hiv", Stage: "pre_test", Language: "rw"}); err != nil {
			t.Fatal(err)
		}
	}
	if _, ok := ch.Assessment.LatestResults()["hiv"]; ok && !has["hivpost_test"] {
		if _, err = st.Svc.RecordCounselling(ctx, nurse, assessmentID, ch.Assessment.Version,
			clinic.Counselling{Topic: "hiv", Stage: "post_test", Language: "rw", ResultDisclosed: true}); err != nil {
			t.Fatal(err)
		}
	}
}
