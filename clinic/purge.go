package clinic

import (
	"context"
	"time"
)

// How long the purge keeps what it deletes.
const (
	// LoginAttemptRetention keeps the record of login attempts for a security review.
	LoginAttemptRetention = 90 * 24 * time.Hour
	// IdempotencyRetention keeps the answers to keyed requests: a client retries within minutes.
	IdempotencyRetention = 24 * time.Hour
)

// PurgeBefore says what the purge deletes: sessions that ended before Sessions, login attempts
// made before LoginAttempts, idempotency keys stored before IdempotencyKeys.
type PurgeBefore struct {
	Sessions, LoginAttempts, IdempotencyKeys time.Time
}

// Purged counts what one purge deleted.
type Purged struct {
	Sessions, LoginAttempts, IdempotencyKeys int64
}

// Purge deletes ended sessions, old login attempts and old idempotency keys. The worker runs it
// periodically; it is safe to run from several processes at once.
//
// Errors: unavailable (the database cannot be reached), internal.
func (s *Service) Purge(ctx context.Context) (Purged, error) {
	now := s.clock.Now()
	before := PurgeBefore{
		// A session has ended once its idle expiry or its absolute lifetime has passed.
		Sessions:        now,
		LoginAttempts:   now.Add(-LoginAttemptRetention),
		IdempotencyKeys: now.Add(-IdempotencyRetention),
	}
	var out Purged
	err := s.store.Tx(ctx, func(tx Tx) error {
		var err error
		out, err = tx.Purge(ctx, before, s.sessionLifetime)
		return err
	})
	return out, err
}
