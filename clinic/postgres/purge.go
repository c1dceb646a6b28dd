package postgres

import (
	"context"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

func (t *tx) Purge(ctx context.Context, b clinic.PurgeBefore, lifetime time.Duration) (clinic.Purged, error) {
	var p clinic.Purged
	res := t.g.Exec("DELETE FROM sessions WHERE expires_at <= ? OR created_at <= ?", b.Sessions, b.Sessions.Add(-lifetime))
	if res.Error != nil {
		return p, mapErr(res.Error, "sessions")
	}
	p.Sessions = res.RowsAffected
	if res = t.g.Exec("DELETE FROM login_attempts WHERE at < ?", b.LoginAttempts); res.Error != nil {
		return p, mapErr(res.Error, "login attempts")
	}
	p.LoginAttempts = res.RowsAffected
	if res = t.g.Exec("DELETE FROM idempotency_keys WHERE created_at < ?", b.IdempotencyKeys); res.Error != nil {
		return p, mapErr(res.Error, "idempotency keys")
	}
	p.IdempotencyKeys = res.RowsAffected
	return p, nil
}
