package postgres

import (
	"context"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

// Backlog counts the work waiting on the queue, through the partial indexes outbox_undelivered
// and forms_pending.
func (t *tx) Backlog(ctx context.Context) (clinic.Backlog, error) {
	var r struct {
		Undelivered       int
		OldestUndelivered *time.Time
		PendingForms      int
		OldestPendingForm *time.Time
	}
	err := t.g.Raw(`SELECT
		(SELECT count(*) FROM outbox WHERE dispatched_at IS NULL) AS undelivered,
		(SELECT min(created_at) FROM outbox WHERE dispatched_at IS NULL) AS oldest_undelivered,
		(SELECT count(*) FROM forms WHERE status = 'pending') AS pending_forms,
		(SELECT min(created_at) FROM forms WHERE status = 'pending') AS oldest_pending_form`).Scan(&r).Error
	if err != nil {
		return clinic.Backlog{}, mapErr(err, "outbox")
	}
	return clinic.Backlog{Undelivered: r.Undelivered, OldestUndelivered: utc(r.OldestUndelivered),
		PendingForms: r.PendingForms, OldestPendingForm: utc(r.OldestPendingForm)}, nil
}

func utc(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}
