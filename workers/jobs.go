package workers

import (
	"context"
	"errors"
	"time"

	"github.com/hibiken/asynq"

	"github.com/mhac-clinic/mhac/clinic"
)

// Admin lets administrators see tasks that failed for good and run them again.
type Admin struct {
	inspector *asynq.Inspector
}

// NewAdmin returns the admin view of the queues.
func NewAdmin(opt asynq.RedisConnOpt) *Admin { return &Admin{inspector: asynq.NewInspector(opt)} }

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
}

// Failed lists archived and retrying tasks, newest first.
func (a *Admin) Failed(ctx context.Context) (any, error) {
	out := []FailedJob{}
	archived, err := a.inspector.ListArchivedTasks(QueueForms, asynq.PageSize(200))
	if err != nil && !errors.Is(err, asynq.ErrQueueNotFound) {
		return nil, clinic.Errorf(clinic.EUnavailable, "The job queue does not answer: %v", err)
	}
	for _, t := range archived {
		out = append(out, FailedJob{ID: t.ID, Type: t.Type, State: "archived", Error: t.LastErr, Retried: t.Retried,
			MaxRetry: t.MaxRetry, FailedAt: t.LastFailedAt})
	}
	retrying, err := a.inspector.ListRetryTasks(QueueForms, asynq.PageSize(200))
	if err != nil && !errors.Is(err, asynq.ErrQueueNotFound) {
		return nil, clinic.Errorf(clinic.EUnavailable, "The job queue does not answer: %v", err)
	}
	for _, t := range retrying {
		out = append(out, FailedJob{ID: t.ID, Type: t.Type, State: "retry", Error: t.LastErr, Retried: t.Retried,
			MaxRetry: t.MaxRetry, FailedAt: t.LastFailedAt, NextRetry: t.NextProcessAt})
	}
	return out, nil
}

// Retry runs a failed task now.
func (a *Admin) Retry(ctx context.Context, id string) error {
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
