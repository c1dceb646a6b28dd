package workers_test

import (
	"context"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/internal/clinictest"
	"github.com/mhac-clinic/mhac/internal/demo"
	"github.com/mhac-clinic/mhac/pdf/pades"
)

// Helpers shared by this package's tests: a batch of signed assessments made through the clinic
// service (not HTTP, for speed), bounded waits, and the checks that every form was issued once.

// signBatch registers US-bound families of up to 30 people, takes every member through history,
// vitals, results and classification, and signs them. It returns the assessment ids; each
// sign-off orders the plan's forms with their outbox rows in the same transaction.
func signBatch(t testing.TB, st *clinictest.Stack, people int, tag string) []string {
	t.Helper()
	ctx := context.Background()
	var ids []string
	for c := 0; people > 0; c++ {
		n := min(people, 30)
		people -= n
		nc := clinic.NewCase{CaseNumber: fmt.Sprintf("%s-%d", tag, c), Destination: "US", Program: "refugee"}
		for i := range n {
			nc.Members = append(nc.Members, member(i))
		}
		cs, err := clinictest.RegisterGoingOn(ctx, st.Svc, st.Actors["registrar"], nc)
		if err != nil {
			t.Fatalf("register case: %v", err)
		}
		if cs, err = st.Svc.QueueCase(ctx, st.Actors["registrar"], cs.ID); err != nil {
			t.Fatalf("queue case: %v", err)
		}
		for _, m := range cs.Members {
			ids = append(ids, m.AssessmentID)
			st.TakePhoto(t, m.ID)
			st.PassIdentity(t, m.AssessmentID)
		}
	}
	// Two goroutines, one per core: each assessment is its own chain of transactions.
	var wg sync.WaitGroup
	errs := make(chan error, len(ids))
	for g := range 2 {
		wg.Go(func() {
			for i := g; i < len(ids); i += 2 {
				if err := examineAndSign(ctx, st, ids[i]); err != nil {
					errs <- fmt.Errorf("assessment %s: %w", ids[i], err)
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	return ids
}

// member is the i-th person of a family: adults and children, so plans (and forms) differ.
func member(i int) clinic.Applicant {
	now := time.Now().UTC()
	age, rel, sex := 20+i%40, "other", []string{"female", "male"}[i%2]
	switch {
	case i == 0:
		rel = "principal"
	case i%3 == 0:
		age, rel = 1+i%14, "child"
	}
	return clinic.Applicant{Surnames: "Batch", GivenNames: demo.Name(i),
		BirthDate: time.Date(now.Year()-age, 3, 1+i%27, 0, 0, 0, 0, time.UTC), Sex: sex, Relationship: rel,
		ResidenceCountry: "RW", CountriesLived: []string{"CD"}}
}

// examineAndSign does what the nurse, lab, radiology and physician do for one person.
func examineAndSign(ctx context.Context, st *clinictest.Stack, id string) error {
	svc, nurse, doc := st.Svc, st.Actors["nurse"], st.Actors["physician"]
	ch, err := svc.RecordHistory(ctx, nurse, id, 1, []clinic.HistoryAnswer{{Code: "cough_2_weeks"}, {Code: "tb_contact"}}, clinic.Findings{})
	if err != nil {
		return err
	}
	if ch, err = svc.RecordVitals(ctx, nurse, id, ch.Assessment.Version, clinic.Vitals{HeightCm: 160, WeightKg: 55,
		Systolic: 118, Diastolic: 76, Pulse: 72, TempC: 36.7, ExamNormal: true}); err != nil {
		return err
	}
	for _, step := range ch.Plan.Pending {
		r, who, ok := normalResult(step)
		if !ok {
			continue // not a recorded test (e.g. a review); the sign-off gives the reason
		}
		if ch, err = svc.RecordResult(ctx, st.Actors[who], id, ch.Assessment.Version, r); err != nil {
			return err
		}
	}
	if ch, err = svc.Classify(ctx, doc, id, ch.Assessment.Version, clinic.Classification{Codes: ch.Plan.Outcome.Codes}); err != nil {
		return err
	}
	_, err = svc.SignOff(ctx, doc, id, ch.Assessment.Version, clinic.SignoffRequest{})
	return err
}

// normalResult is an unremarkable result for a step, and the login that records it.
func normalResult(step string) (clinic.Result, string, bool) {
	num := func(x float64) *float64 { return &x }
	r := clinic.Result{Step: step}
	switch step {
	case "cxr":
		r.Text = "normal"
		return r, "radiology", true
	case "igra", "gonorrhea", "hiv", "hepatitis_b":
		r.Text = "negative"
	case "mtb_naat":
		r.Text = "not_detected"
	case "syphilis":
		r.Text = "nonreactive"
	case "urinalysis":
		r.Text = "normal"
	case "sputum_smears", "sputum_cultures":
		r.List = []string{"negative", "negative", "negative"}
	case "tst":
		r.Number = num(3)
	case "creatinine":
		r.Number = num(80)
	case "egfr":
		r.Number = num(95)
	case "hba1c":
		r.Number = num(36)
	default:
		return r, "", false
	}
	return r, "lab", true
}

// waitFor polls cond every 100 ms until it holds, failing the test after limit. The message
// cond returns says where things stand, for the failure.
func waitFor(t testing.TB, limit time.Duration, what string, cond func() (bool, string)) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for {
		ok, state := cond()
		if ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within %s: %s", what, limit, state)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// formTally counts forms by status, with the files and undelivered outbox rows.
type formTally struct {
	Pending, Valid, Failed, Other, Files, Undelivered int
}

func (c formTally) String() string {
	return fmt.Sprintf("%d pending, %d valid, %d failed, %d other; %d files; %d undelivered outbox rows",
		c.Pending, c.Valid, c.Failed, c.Other, c.Files, c.Undelivered)
}

func tally(t testing.TB, db *gorm.DB) formTally {
	t.Helper()
	var c formTally
	err := db.Raw(`SELECT
		count(*) FILTER (WHERE status = 'pending') AS pending,
		count(*) FILTER (WHERE status = 'valid') AS valid,
		count(*) FILTER (WHERE status = 'failed') AS failed,
		count(*) FILTER (WHERE status NOT IN ('pending','valid','failed')) AS other,
		(SELECT count(*) FROM files) AS files,
		(SELECT count(*) FROM outbox WHERE dispatched_at IS NULL) AS undelivered
		FROM forms`).Scan(&c).Error
	if err != nil {
		t.Fatalf("count forms: %v", err)
	}
	return c
}

// allIssued waits until no form is pending or failed.
func allIssued(t testing.TB, db *gorm.DB, limit time.Duration) formTally {
	t.Helper()
	var c formTally
	waitFor(t, limit, "every form issued", func() (bool, string) {
		c = tally(t, db)
		return c.Pending == 0 && c.Failed == 0 && c.Valid > 0, c.String()
	})
	return c
}

// checkIssuedOnce asserts what "never lost, never duplicated" means in the tables: every signed
// assessment has exactly one valid form per type its plan lists, each with exactly one file whose
// bytes hash to the sha256 on the form; every nth file's signature verifies against roots.
func checkIssuedOnce(t testing.TB, st *clinictest.Stack, assessments []string, roots *x509.CertPool, every int) {
	t.Helper()
	ctx, db := context.Background(), st.Store.DB()
	// The hash of every file is taken by PostgreSQL from the stored bytes, so the PDFs need not
	// all cross the wire; the sampled ones are hashed again here before their signature is checked.
	var rows []struct {
		ID, AssessmentID, SnapshotID, FormType, Status, SHA256 string
		Files                                                  int
		FileSHA, ContentSHA                                    string
	}
	if err := db.Raw(`SELECT f.id, f.assessment_id, f.snapshot_id, f.form_type, f.status, f.sha256,
			(SELECT count(*) FROM files x WHERE x.form_id = f.id) AS files,
			coalesce(fl.sha256, '') AS file_sha, coalesce(encode(sha256(fl.content), 'hex'), '') AS content_sha
		FROM forms f LEFT JOIN files fl ON fl.form_id = f.id ORDER BY f.id`).Scan(&rows).Error; err != nil {
		t.Fatal(err)
	}
	perType := map[[2]string]int{} // (snapshot, form type) → valid forms
	perAssessment := map[string]int{}
	for i, r := range rows {
		if r.Status != "valid" {
			t.Errorf("form %s (%s) is %s", r.ID, r.FormType, r.Status)
			continue
		}
		perType[[2]string{r.SnapshotID, r.FormType}]++
		perAssessment[r.AssessmentID]++
		if r.Files != 1 || r.SHA256 == "" || r.FileSHA != r.SHA256 || r.ContentSHA != r.SHA256 {
			t.Errorf("form %s: %d files; form sha256 %q, file row %q, content %q", r.ID, r.Files, r.SHA256, r.FileSHA, r.ContentSHA)
			continue
		}
		if every > 0 && i%every == 0 {
			_, pdf, err := st.Svc.FormFile(ctx, st.Actors["physician"], r.ID)
			if err != nil {
				t.Fatalf("form %s: %v", r.ID, err)
			}
			sum := sha256.Sum256(pdf)
			res, err := pades.Verify(pdf, roots)
			if hex.EncodeToString(sum[:]) != r.SHA256 || err != nil || !res.Valid || !res.WholeDocument {
				t.Errorf("form %s (%s): sha256 %x, signature %+v, %v", r.ID, r.FormType, sum[:6], res, err)
			}
		}
	}
	for k, n := range perType {
		if n != 1 {
			t.Errorf("snapshot %s: %d valid %s forms, want 1", k[0], n, k[1])
		}
	}
	physician := st.Actors["physician"]
	for _, id := range assessments {
		ch, err := st.Svc.Chart(ctx, physician, id)
		if err != nil {
			t.Fatal(err)
		}
		if len(ch.Plan.Forms) == 0 {
			t.Errorf("assessment %s: the plan lists no forms", id)
		}
		if len(ch.Forms) != len(ch.Plan.Forms) || perAssessment[id] != len(ch.Plan.Forms) {
			t.Errorf("assessment %s: %d forms, %d valid, plan lists %v", id, len(ch.Forms), perAssessment[id], ch.Plan.Forms)
		}
		for _, f := range ch.Forms {
			if f.Status != clinic.FormValid || !slices.Contains(ch.Plan.Forms, f.FormType) {
				t.Errorf("assessment %s: form %s is %s, plan lists %v", id, f.FormType, f.Status, ch.Plan.Forms)
			}
		}
	}
	if c := tally(t, db); c.Valid != c.Files || c.Undelivered != 0 {
		t.Errorf("after issuing: %s", c)
	}
}
