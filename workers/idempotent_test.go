package workers_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/hibiken/asynq"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/internal/clinictest"
	"github.com/mhac-clinic/mhac/workers"
)

// TestIssueTwiceStoresOneForm: the queue delivers at least once, so the same form may be issued
// twice, one after the other or at the same time on two workers. Either way one file is stored,
// and a later delivery leaves the issued form as it is.
func TestIssueTwiceStoresOneForm(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 7})
	ctx, db := context.Background(), st.Store.DB()
	ids := signBatch(t, st, 3, "IDEM")
	forms := pendingForms(t, st, ids)
	if len(forms) < 3 {
		t.Fatalf("want at least 3 pending forms, have %d", len(forms))
	}

	// One after the other.
	first := forms[0]
	for range 2 {
		if err := st.Svc.IssueForm(ctx, first.ID); err != nil {
			t.Fatalf("issue %s: %v", first.FormType, err)
		}
	}
	sum := issuedOnce(t, st, first.ID)

	// At the same time, from eight goroutines: each draws and signs its own copy (the signing
	// time differs, so the bytes differ), and exactly one copy is stored.
	second := forms[1]
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Go(func() { errs <- st.Svc.IssueForm(ctx, second.ID) })
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("concurrent issue of %s: %v", second.FormType, err)
		}
	}
	issuedOnce(t, st, second.ID)

	// The same outbox message enqueued twice is one task: its id is the form id. The first
	// enqueue stands for a dispatcher that crashed after enqueuing, before its transaction
	// committed, so the outbox row is still undelivered and goes out again.
	q := workers.NewQueue(st.RedisOpt)
	defer q.Close()
	msg := clinic.OutboxMessage{Kind: clinic.OutboxRenderForm, Ref: forms[2].ID}
	for range 2 {
		if err := q.Enqueue(msg); err != nil {
			t.Fatalf("enqueue: %v", err)
		}
	}
	before := tally(t, db)
	n, err := st.Svc.DispatchOutbox(ctx, q, 500)
	if err != nil || n != before.Undelivered {
		t.Fatalf("dispatch: %d delivered of %d, %v", n, before.Undelivered, err)
	}
	if n, err := st.Svc.DispatchOutbox(ctx, q, 500); err != nil || n != 0 {
		t.Fatalf("second dispatch: %d delivered, %v", n, err)
	}
	insp := asynq.NewInspector(st.RedisOpt)
	defer insp.Close()
	tasks, err := insp.ListPendingTasks(workers.QueueForms, asynq.PageSize(500))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	for _, task := range tasks {
		seen[task.ID]++
	}
	if len(tasks) != len(forms) || len(seen) != len(forms) {
		t.Fatalf("%d tasks for %d distinct ids, want one per form (%d)", len(tasks), len(seen), len(forms))
	}
	for _, f := range forms {
		if seen[f.ID] != 1 {
			t.Errorf("form %s has %d tasks", f.ID, seen[f.ID])
		}
	}

	// The worker now runs every task, including those of the two forms already issued.
	wctx, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { _ = workers.NewWorker(st.Svc, st.RedisOpt, 2).Run(wctx); close(done) }()
	defer func() { stop(); <-done }()
	allIssued(t, db, 60*time.Second)
	waitFor(t, 30*time.Second, "every task completed", func() (bool, string) {
		q, err := insp.GetQueueInfo(workers.QueueForms)
		if err != nil {
			return false, err.Error()
		}
		busy := q.Pending + q.Active + q.Scheduled + q.Retry + q.Archived
		return q.Completed == len(forms) && busy == 0, fmt.Sprintf("%d completed, %d not", q.Completed, busy)
	})
	if again := issuedOnce(t, st, first.ID); again != sum {
		t.Errorf("redelivery changed the issued form: sha256 %s, was %s", again, sum)
	}
	checkIssuedOnce(t, st, ids, st.Roots, 1)
}

// pendingForms lists the forms the sign-offs ordered.
func pendingForms(t testing.TB, st *clinictest.Stack, assessments []string) []clinic.Form {
	t.Helper()
	var out []clinic.Form
	for _, id := range assessments {
		fs, err := st.Svc.FormsOf(context.Background(), st.Actors["physician"], id)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range fs {
			if f.Status != clinic.FormPending {
				t.Fatalf("form %s is %s before any worker ran", f.ID, f.Status)
			}
			out = append(out, f)
		}
	}
	return out
}

// issuedOnce checks that one form is valid with exactly one file whose bytes match the form's
// sha256, and returns that sha256.
func issuedOnce(t testing.TB, st *clinictest.Stack, formID string) string {
	t.Helper()
	var r struct {
		Status, SHA256, FileSHA string
		Files                   int
	}
	err := st.Store.DB().Raw(`SELECT f.status, f.sha256,
			(SELECT count(*) FROM files WHERE form_id = f.id) AS files,
			(SELECT encode(sha256(content), 'hex') FROM files WHERE form_id = f.id) AS file_sha
		FROM forms f WHERE f.id = ?`, formID).Scan(&r).Error
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != "valid" || r.Files != 1 || r.FileSHA != r.SHA256 {
		t.Fatalf("form %s: %s with %d files, sha256 %q, file %q", formID, r.Status, r.Files, r.SHA256, r.FileSHA)
	}
	return r.SHA256
}
