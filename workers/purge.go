package workers

import (
	"context"
	"log/slog"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

// PurgeEvery is how often the worker deletes ended sessions, old login attempts and old
// idempotency keys.
const PurgeEvery = 10 * time.Minute

// Purge runs the clinic's purge now and then every interval until ctx ends. Several workers may
// run it at once: each delete is idempotent.
func Purge(ctx context.Context, svc *clinic.Service, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if n, err := svc.Purge(ctx); err != nil && ctx.Err() == nil {
			slog.Warn("purge failed; will retry", "err", err)
		} else if n.Sessions+n.LoginAttempts+n.IdempotencyKeys > 0 {
			slog.Info("purged", "sessions", n.Sessions, "login_attempts", n.LoginAttempts, "idempotency_keys", n.IdempotencyKeys)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
