package clinic

import (
	"context"
	"time"
)

// Backlog is the background work the database holds and the queue has not finished: what an
// administrator needs to see while the queue (Redis) is down or slow. Clinical work goes on
// meanwhile; forms catch up when the queue is back.
type Backlog struct {
	Undelivered       int        // outbox messages not yet handed to the queue
	OldestUndelivered *time.Time // when the oldest of them was written
	PendingForms      int        // forms ordered and not drawn yet
	OldestPendingForm *time.Time // when the oldest of them was ordered
}

// Backlog reports the queue's backlog from the database, for administrators.
//
// Errors: forbidden, unavailable (the database cannot be reached).
func (s *Service) Backlog(ctx context.Context, a Actor) (Backlog, error) {
	if err := a.May(PermReadHealth); err != nil {
		return Backlog{}, err
	}
	var b Backlog
	err := s.store.Tx(ctx, func(tx Tx) error {
		var err error
		b, err = tx.Backlog(ctx)
		return err
	})
	return b, err
}
