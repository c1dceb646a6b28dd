// Package workers runs the clinic's background work on asynq: the outbox dispatcher that moves
// outbox rows into tasks, and one handler per task type. Payloads carry ids only.
package workers

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/hibiken/asynq"

	"github.com/mhac-clinic/mhac/clinic"
)

// TypeRenderForm draws, signs and stores one form.
const TypeRenderForm = "form:render"

// QueueForms is the queue of form tasks.
const QueueForms = "forms"

// formPayload is the render task's payload: the form id, nothing clinical.
type formPayload struct {
	FormID string `json:"form_id"`
}

// DefaultMaxRetry is how often a failing task is retried before it is archived for an admin;
// with the backoff below the retries span about 47 minutes.
const DefaultMaxRetry = 12

// Queue implements clinic.Jobs with an asynq client.
type Queue struct {
	client   *asynq.Client
	maxRetry int
}

// NewQueue returns a queue on the given Redis connection options.
func NewQueue(opt asynq.RedisConnOpt) *Queue {
	return &Queue{client: asynq.NewClient(opt), maxRetry: DefaultMaxRetry}
}

// SetMaxRetry sets the retries of the tasks enqueued from now on (tests use few, so that a
// failing task reaches the admin's archive quickly).
func (q *Queue) SetMaxRetry(n int) { q.maxRetry = max(n, 0) }

// Close releases the Redis connection.
func (q *Queue) Close() error { return q.client.Close() }

// Enqueue turns an outbox message into a task whose id is the form id, so one form is queued once
// however often the dispatcher retries.
func (q *Queue) Enqueue(m clinic.OutboxMessage) error {
	if m.Kind != clinic.OutboxRenderForm {
		return fmt.Errorf("unknown outbox message kind %q", m.Kind)
	}
	payload, err := json.Marshal(formPayload{FormID: m.Ref})
	if err != nil {
		return err
	}
	task := asynq.NewTask(TypeRenderForm, payload)
	_, err = q.client.Enqueue(task, asynq.TaskID(m.Ref), asynq.Queue(QueueForms), asynq.MaxRetry(q.maxRetry),
		asynq.Timeout(2*time.Minute), asynq.Retention(24*time.Hour))
	if errors.Is(err, asynq.ErrTaskIDConflict) || errors.Is(err, asynq.ErrDuplicateTask) {
		return nil // already queued or done: the outbox message is delivered
	}
	return err
}

// retryDelay backs off exponentially from 2 s to 10 min.
func retryDelay(n int, _ error, _ *asynq.Task) time.Duration {
	d := 2 * time.Second << min(n, 9)
	if d > 10*time.Minute {
		d = 10 * time.Minute
	}
	return d
}
