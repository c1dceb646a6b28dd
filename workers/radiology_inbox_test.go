package workers_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/internal/clinictest"
	"github.com/mhac-clinic/mhac/workers"
)

// orderedStudy registers and queues one US-bound man and orders his chest X-ray.
func orderedStudy(t testing.TB, st *clinictest.Stack, number string) clinic.ImagingStudy {
	t.Helper()
	ctx := context.Background()
	cs, err := st.Svc.RegisterCase(ctx, st.Actors["registrar"], clinic.NewCase{CaseNumber: number, Destination: "US", Program: "refugee",
		Members: []clinic.Applicant{{Surnames: "Inbox", GivenNames: "Test", BirthDate: time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC), Sex: "male", ResidenceCountry: "RW"}}})
	if err != nil {
		t.Fatal(err)
	}
	if cs, err = st.Svc.QueueCase(ctx, st.Actors["registrar"], cs.ID); err != nil {
		t.Fatal(err)
	}
	sts, err := st.Svc.OrderImaging(ctx, st.Actors["nurse"], cs.Members[0].AssessmentID)
	if err != nil || len(sts) != 1 {
		t.Fatalf("order: %v %v", sts, err)
	}
	return sts[0]
}

func oruFor(control, accession string) string {
	return strings.Join([]string{`MSH|^~\&|TELERAD|NBO|MHAC|KGL|20261203101500||ORU^R01|` + control + `|P|2.5`,
		`OBR|1||` + accession + `|71046|||20261203080000||||||||||||||||||F`,
		`OBX|1|TX|||No active disease||||||F`}, "\r") + "\r"
}

// TestRadiologyInbox: the worker imports the files dropped in its inbox and moves them to done/;
// the report reaches its study, the unreadable file's message reaches the admin's list, and a
// second scan finds nothing left.
func TestRadiologyInbox(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 12})
	ctx := context.Background()
	study := orderedStudy(t, st, "INBOX-1")
	dir := t.TempDir()
	for _, sub := range []string{"processing", "done"} {
		os.MkdirAll(filepath.Join(dir, sub), 0o750)
	}
	os.WriteFile(filepath.Join(dir, "a.hl7"), []byte(oruFor("IN-1", study.Accession)), 0o600)
	os.WriteFile(filepath.Join(dir, "b.hl7"), []byte("this is not HL7\n"), 0o600)
	inbox := workers.RadiologyInbox{Svc: st.Svc, Dir: dir, Every: time.Hour}
	n, err := inbox.Scan(ctx)
	if err != nil || n != 2 {
		t.Fatalf("scan: %d messages, %v", n, err)
	}
	got, err := st.Svc.ImagingStudyByID(ctx, st.Actors["radiology"], study.ID)
	if err != nil || len(got.Reports) != 1 || got.Reports[0].ControlID != "IN-1" || got.Reports[0].File != "a.hl7" {
		t.Fatalf("study reports: %+v, %v", got.Reports, err)
	}
	errs, err := st.Svc.RadiologyImportErrors(ctx, st.Actors["admin"], 0)
	if err != nil || len(errs) != 1 || errs[0].File != "b.hl7" || errs[0].Message != "this is not HL7\r" {
		t.Fatalf("errors: %+v, %v", errs, err)
	}
	done, _ := os.ReadDir(filepath.Join(dir, "done"))
	left, _ := os.ReadDir(filepath.Join(dir, "processing"))
	if len(done) != 2 || len(left) != 0 {
		t.Errorf("%d files done, %d left in processing", len(done), len(left))
	}
	if n, err := inbox.Scan(ctx); n != 0 || err != nil {
		t.Errorf("second scan: %d, %v", n, err)
	}
}
