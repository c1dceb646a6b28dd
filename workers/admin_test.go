package workers_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hibiken/asynq"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/internal/clinictest"
	"github.com/mhac-clinic/mhac/internal/demo"
	"github.com/mhac-clinic/mhac/workers"
)

// TestFailingTaskRetriedByAdmin: a form that cannot be issued is not lost silently, and a task
// that can never succeed is not retried. Here the snapshot of one signed assessment is altered in
// the database after sign-off, so it no longer matches its hash and the worker refuses to sign
// it: each task fails once, for good. The admin sees each task in words (person, case, form) over
// HTTP; once the snapshot is put back, the admin retries and the forms are issued.
func TestFailingTaskRetriedByAdmin(t *testing.T) {
	t.Parallel()
	st := clinictest.New(t, clinictest.Options{RedisDB: 8})
	ctx, db := context.Background(), st.Store.DB()
	ids := signBatch(t, st, 2, "FAIL")
	doc := st.Actors["physician"]
	broken, err := st.Svc.FormsOf(ctx, doc, ids[0])
	if err != nil || len(broken) == 0 {
		t.Fatalf("forms of %s: %v, %v", ids[0], broken, err)
	}
	snapshot := broken[0].SnapshotID
	var original struct{ Body []byte }
	if err := db.Raw("SELECT body FROM form_snapshots WHERE id = ?", snapshot).Scan(&original).Error; err != nil || len(original.Body) == 0 {
		t.Fatalf("read the snapshot: %v", err)
	}
	tamper := db.Exec(`UPDATE form_snapshots SET body = convert_to(replace(convert_from(body, 'UTF8'), 'Batch', 'Batsh'), 'UTF8')
		WHERE id = ?`, snapshot)
	if tamper.Error != nil || tamper.RowsAffected != 1 {
		t.Fatalf("alter the snapshot: %v (%d rows)", tamper.Error, tamper.RowsAffected)
	}

	// A damaged snapshot never heals by itself: the task is archived at its first attempt, even
	// with retries allowed.
	w := workers.NewWorker(st.Svc, st.RedisOpt, 2)
	w.SetMaxRetry(5)
	runWorker(t, w)

	admin := st.Login(t, "admin")
	var jobs []workers.FailedJob
	waitFor(t, 60*time.Second, "the broken forms' tasks archived", func() (bool, string) {
		jobs = nil
		jobs = failedJobs(admin)
		archived := 0
		for _, j := range jobs {
			if j.State == "archived" {
				archived++
			}
		}
		return archived == len(broken), fmt.Sprintf("%+v", jobs)
	})
	for _, j := range jobs {
		f := formByID(broken, j.ID)
		if f == nil || j.Type != workers.TypeRenderForm || j.Retried != 0 ||
			!strings.Contains(j.Error, "does not match its hash") {
			t.Errorf("failed job %+v: want one of the altered snapshot's forms, never retried, with the hash error", j)
		}
		if f != nil && (j.FormType != f.FormType || j.CaseNumber != "FAIL-0" || !strings.Contains(j.Person, "Batch") ||
			!strings.Contains(j.Subject, "Form "+f.FormType+" for ") || !strings.Contains(j.Problem, "will not be retried")) {
			t.Errorf("failed job %+v: want the person, case and form in words", j)
		}
	}
	// The other assessment's forms are issued; the broken ones say why they are not.
	waitFor(t, 60*time.Second, "the intact assessment's forms issued", func() (bool, string) {
		c := tally(t, db)
		return c.Valid > 0 && c.Failed == len(broken) && c.Pending == 0, c.String()
	})
	now, _ := st.Svc.FormsOf(ctx, doc, ids[0])
	for _, f := range now {
		if f.Status != clinic.FormFailed || !strings.Contains(f.Problem, "does not match its hash") || f.Attempts != 1 {
			t.Errorf("broken form %s: %s after %d attempts, problem %q", f.FormType, f.Status, f.Attempts, f.Problem)
		}
	}
	// Only an admin sees or retries jobs; an unknown job is 404.
	physician := st.Login(t, "physician")
	if code, _ := physician.Do("GET", "/api/admin/jobs", nil, nil); code != 403 {
		t.Errorf("physician listing jobs: %d, want 403", code)
	}
	if code, _ := physician.Do("POST", "/api/admin/jobs/"+jobs[0].ID+"/retry", nil, nil); code != 403 {
		t.Errorf("physician retrying a job: %d, want 403", code)
	}
	admin.Must(404, "POST", "/api/admin/jobs/"+clinic.NewID()+"/retry", nil, nil)

	// Each task names a person: another site's administrator neither sees nor retries it; the
	// deployment-wide operator sees it.
	other := demo.Site
	other.ID, other.Code, other.Name = "", "GOM", "Goma MHAC"
	if _, err := st.Svc.EnsureSite(ctx, other); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Svc.CreateUser(ctx, clinic.Actor{}, clinic.NewUser{Username: "admin.gom", Name: "Goma admin",
		Role: clinic.RoleAdmin, SiteCode: "GOM", Password: clinictest.Password}); err != nil {
		t.Fatal(err)
	}
	goma := st.Login(t, "admin.gom")
	if seen := failedJobs(goma); len(seen) != 0 {
		t.Errorf("another site's admin sees %d of Kigali's failed jobs: %+v", len(seen), seen)
	}
	goma.Must(404, "POST", "/api/admin/jobs/"+jobs[0].ID+"/retry", nil, nil)
	if seen := failedJobs(st.Login(t, "operator")); len(seen) != len(jobs) {
		t.Errorf("the deployment-wide operator sees %d failed jobs, want %d", len(seen), len(jobs))
	}

	// Put the snapshot back, retry, and the forms are issued.
	if err := db.Exec("UPDATE form_snapshots SET body = ? WHERE id = ?", original.Body, snapshot).Error; err != nil {
		t.Fatal(err)
	}
	for _, j := range jobs {
		admin.Must(202, "POST", "/api/admin/jobs/"+j.ID+"/retry", nil, nil)
	}
	allIssued(t, db, 60*time.Second)
	jobs = failedJobs(admin)
	if len(jobs) != 0 {
		t.Errorf("failed jobs after the retry: %+v", jobs)
	}
	checkIssuedOnce(t, st, ids, st.Roots, 1)
}

func formByID(forms []clinic.Form, id string) *clinic.Form {
	for i := range forms {
		if forms[i].ID == id {
			return &forms[i]
		}
	}
	return nil
}

// TestAdminSeesNewestFailures: with more failed tasks than the admin view shows, the newest
// failures are the ones shown, newest first (asynq lists its archive oldest first).
func TestAdminSeesNewestFailures(t *testing.T) {
	t.Parallel()
	st := clinictest.New(t, clinictest.Options{RedisDB: 9}) // the benchmark's database; benchmarks run after tests
	runWorker(t, workers.NewWorker(st.Svc, st.RedisOpt, 2))
	client := asynq.NewClient(st.RedisOpt)
	defer client.Close()
	insp := asynq.NewInspector(st.RedisOpt)
	defer insp.Close()
	// A payload without a form id is refused for good: archived at the first attempt.
	fail := func(id string) {
		if _, err := client.Enqueue(asynq.NewTask(workers.TypeRenderForm, []byte(`{}`)), asynq.TaskID(id),
			asynq.Queue(workers.QueueForms)); err != nil {
			t.Fatal(err)
		}
	}
	archived := func(n int) {
		waitFor(t, 60*time.Second, fmt.Sprintf("%d tasks archived", n), func() (bool, string) {
			q, err := insp.GetQueueInfo(workers.QueueForms)
			if err != nil {
				return false, err.Error()
			}
			return q.Archived == n, fmt.Sprintf("%+v", q)
		})
	}
	for i := range 250 {
		fail(fmt.Sprintf("old-%03d", i))
	}
	archived(250)
	// asynq keeps whole seconds: let the clock pass into a new second before the last failure.
	since := time.Now().Unix()
	waitFor(t, 5*time.Second, "a new second", func() (bool, string) { return time.Now().Unix() > since, "" })
	fail("late")
	archived(251)

	// Tasks that are no form's belong to no site: only the deployment-wide operator sees them.
	if seen := failedJobs(st.Login(t, "admin")); len(seen) != 0 {
		t.Errorf("a site's admin sees %d tasks that are no form's", len(seen))
	}
	jobs := failedJobs(st.Login(t, "operator"))
	if len(jobs) != 200 || jobs[0].ID != "late" || !strings.Contains(jobs[0].Error, "bad payload") {
		t.Fatalf("admin view: %d jobs, first %+v; want 200, the late failure first", len(jobs), jobs[0])
	}
	for i := 1; i < len(jobs); i++ {
		if jobs[i].FailedAt.After(jobs[i-1].FailedAt) {
			t.Fatalf("job %d failed at %s, after job %d at %s", i, jobs[i].FailedAt, i-1, jobs[i-1].FailedAt)
		}
	}
}

// failedJobs reads the admin's list of failed jobs.
func failedJobs(c *clinictest.Client) []workers.FailedJob {
	var page struct {
		Items []workers.FailedJob `json:"items"`
	}
	c.Must(200, "GET", "/api/admin/jobs", nil, &page)
	return page.Items
}
