package postgres

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/mhac-clinic/mhac/clinic"
)

func (t *tx) Audit(ctx context.Context, e clinic.AuditEntry) error {
	return mapErr(t.g.Exec(`INSERT INTO audit_log (at, user_id, username, role, site_id, action, record, record_id, request_id, ip, detail)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, e.At, nullable(e.UserID), e.Username, string(e.Role), nullable(e.SiteID),
		e.Action, e.Record, e.RecordID, e.RequestID, e.IP, e.Detail).Error, "audit row")
}

// LastAudit reads the user's latest audit row of an action on a record (index audit_user).
func (t *tx) LastAudit(ctx context.Context, userID, action, recordID string) (*time.Time, error) {
	var row struct{ At *time.Time }
	err := t.g.Raw(`SELECT max(at) AS at FROM audit_log WHERE user_id = ? AND action = ? AND record_id = ?`,
		userID, action, recordID).Scan(&row).Error
	if err != nil {
		return nil, mapErr(err, "audit row")
	}
	return row.At, nil
}

func (t *tx) Idempotent(ctx context.Context, userID, key string) ([]byte, bool, error) {
	var row struct{ Response []byte }
	res := t.g.Raw("SELECT response FROM idempotency_keys WHERE user_id = ? AND key = ?", userID, key).Scan(&row)
	if res.Error != nil {
		return nil, false, mapErr(res.Error, "idempotency key")
	}
	return row.Response, res.RowsAffected > 0, nil
}

// ClaimIdempotency inserts the key: PostgreSQL makes a second insert of the same key wait for the
// first transaction, then fail with a unique violation if it committed.
func (t *tx) ClaimIdempotency(ctx context.Context, userID, key string, kept []byte) error {
	err := t.g.Exec(`INSERT INTO idempotency_keys (user_id, key, response) VALUES (?, ?, ?)`, userID, key, kept).Error
	var pg *pgconn.PgError
	if errors.As(err, &pg) && pg.Code == "23505" {
		return clinic.ErrKeyTaken
	}
	return mapErr(err, "idempotency key")
}

func (t *tx) RememberIdempotent(ctx context.Context, userID, key string, kept []byte) error {
	return mapErr(t.g.Exec(`INSERT INTO idempotency_keys (user_id, key, response) VALUES (?, ?, ?)
		ON CONFLICT (user_id, key) DO UPDATE SET response = EXCLUDED.response`, userID, key, kept).Error, "idempotency key")
}
