package workers

import (
	"context"
	"errors"
	"sort"
	"time"

	"github.com/hibiken/asynq"

	"github.com/mhac-clinic/mhac/clinic"
)

// Admin lets administrators see tasks that failed for good and run them again.
type Admin struct {
	inspector *asynq.Inspector
	svc       *clinic.Service // names the person, case and form of each task
}

// NewAdmin returns the admin view of the queues.
func NewAdmin(opt asynq.RedisConnOpt, svc *clinic.Service) *Admin {
	return &Admin{inspector: asynq.NewInspector(opt), svc: svc}
}

// FailedJob is one task that exhausted its retries, or is waiting to retry after an error.
type FailedJob struct {
	ID        string    `json:"id"`
	Type      string    `json:"type"`
	State     string    `json:"state"` // archived (gave up) | retry (will try again)
	Error     string    `json:"error"`
	Retried   int       `json:"retried"`
	MaxRetry  int       `json:"max_retry"`
	FailedAt  time.Time `json:"failed_at"`
	NextRetry time.Time `json:"next_retry,omitempty"`
	// What the task was for, in words: "Form 502 (Radiological report) for MUKAMANA Claudine,
	// case RW-1", with the ids to open it, and the form's own problem in plain words.
	Subject      string `json:"subject,omitempty"`
	Problem      string `json:"problem,omitempty"`
	FormType     string `json:"form_type,omitempty"`
	Person       string `json:"person,omitempty"`
	CaseNumber   string `json:"case_number,omitempty"`
	AssessmentID string `json:"assessment_id,omitempty"`
}

// listed is how many archived and how many retrying tasks the admin view shows at most.
const listed = 200

// Failed lists archived and retrying tasks, newest failure first. A site's administrator sees
// only the tasks of its own site's forms (each names a person); a deployment-wide one sees all,
// tasks that are no form's included.
func (a *Admin) Failed(ctx context.Context, actor clinic.Actor) (any, error) {
	out := []FailedJob{}
	archived, err := a.newestArchived()
	if err != nil {
		return nil, clinic.Errorf(clinic.EUnavailable, "The job queue does not answer: %v", err)
	}
	for _, t := range archived {
		out = append(out, FailedJob{ID: t.ID, Type: t.Type, State: "archived", Error: t.LastErr, Retried: t.Retried,
			MaxRetry: t.MaxRetry, FailedAt: t.LastFailedAt})
	}
	retrying, err := a.inspector.ListRetryTasks(QueueForms, asynq.PageSize(listed))
	if err != nil && !errors.Is(err, asynq.ErrQueueNotFound) {
		return nil, clinic.Errorf(clinic.EUnavailable, "The job queue does not answer: %v", err)
	}
	for _, t := range retrying {
		out = append(out, FailedJob{ID: t.ID, Type: t.Type, State: "retry", Error: t.LastErr, Retried: t.Retried,
			MaxRetry: t.MaxRetry, FailedAt: t.LastFailedAt, NextRetry: t.NextProcessAt})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].FailedAt.After(out[j].FailedAt) })
	if a.svc == nil {
		return out, nil
	}
	ids := make([]string, len(out))
	for i, j := range out {
		ids[i] = j.ID // a render task's id is its form's id
	}
	subjects, err := a.svc.DescribeForms(ctx, ids)
	if err != nil {
		return nil, err
	}
	shown := out[:0]
	for _, j := range out {
		s, ok := subjects[j.ID]
		if !actor.DeploymentWide && (!ok || s.SiteID != actor.SiteID) {
			continue
		}
		if ok {
			j.Subject, j.Problem, j.FormType, j.Person, j.CaseNumber, j.AssessmentID =
				s.Words(), s.Problem, s.FormType, s.Person, s.CaseNumber, s.AssessmentID
		}
		shown = append(shown, j)
	}
	return shown, nil
}

// newestArchived returns the last archived tasks. asynq lists the archive oldest first, so
// beyond one page the newest ones sit on the last two pages.
func (a *Admin) newestArchived() ([]*asynq.TaskInfo, error) {
	first, err := a.inspector.ListArchivedTasks(QueueForms, asynq.PageSize(listed))
	if errors.Is(err, asynq.ErrQueueNotFound) || (err == nil && len(first) < listed) {
		return first, nil
	}
	if err != nil {
		return nil, err
	}
	q, err := a.inspector.GetQueueInfo(QueueForms)
	if err != nil {
		return nil, err
	}
	last := (q.Archived + listed - 1) / listed
	var tail []*asynq.TaskInfo
	for page := max(last-1, 1); page <= last; page++ {
		ts, err := a.inspector.ListArchivedTasks(QueueForms, asynq.PageSize(listed), asynq.Page(page))
		if err != nil {
			return nil, err
		}
		tail = append(tail, ts...)
	}
	return tail[max(len(tail)-listed, 0):], nil
}

// Retry runs a failed task now. Another site's task is not found for a site's administrator.
func (a *Admin) Retry(ctx context.Context, actor clinic.Actor, id string) error {
	if !actor.DeploymentWide {
		if a.svc == nil {
			return clinic.NotFound("job")
		}
		subjects, err := a.svc.DescribeForms(ctx, []string{id})
		if err != nil {
			return err
		}
		if s, ok := subjects[id]; !ok || s.SiteID != actor.SiteID {
			return clinic.NotFound("job")
		}
	}
	err := a.inspector.RunTask(QueueForms, id)
	switch {
	case errors.Is(err, asynq.ErrTaskNotFound), errors.Is(err, asynq.ErrQueueNotFound):
		return clinic.NotFound("job")
	case err != nil:
		return clinic.Errorf(clinic.EUnavailable, "The job queue does not answer: %v", err)
	}
	return nil
}

// Close releases the connection.
func (a *Admin) Close() error { return a.inspector.Close() }
