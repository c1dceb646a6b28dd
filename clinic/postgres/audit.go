package postgres

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/google/uuid"
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

// SearchAudit reads audit rows newest first (keyset on id). A record id matches rows of that
// record and, for a person, of their assessments and forms.
func (t *tx) SearchAudit(ctx context.Context, f clinic.AuditFilter) ([]clinic.AuditRow, error) {
	q := t.g.Table("audit_log").Select("id, at, user_id, username, role, site_id, action, record, record_id, request_id, ip, detail")
	if f.SiteID != "" {
		q = q.Where("site_id = ?", f.SiteID)
	}
	if f.Username != "" {
		q = q.Where("username = ?", f.Username)
	}
	if f.Record != "" {
		if _, err := uuid.Parse(f.Record); err == nil {
			q = q.Where(`(record_id = ? OR record_id IN (
				SELECT id::text FROM assessments WHERE applicant_id = ?
				UNION ALL SELECT id::text FROM forms WHERE applicant_id = ?))`, f.Record, f.Record, f.Record)
		} else {
			q = q.Where("record_id = ?", f.Record)
		}
	}
	if f.Action != "" {
		if strings.HasSuffix(f.Action, ".") {
			q = q.Where("action LIKE ?", strings.ReplaceAll(f.Action, "_", `\_`)+"%")
		} else {
			q = q.Where("action = ?", f.Action)
		}
	}
	if !f.From.IsZero() {
		q = q.Where("at >= ?", f.From)
	}
	if !f.To.IsZero() {
		q = q.Where("at < ?", f.To)
	}
	if f.BeforeID > 0 {
		q = q.Where("id < ?", f.BeforeID)
	}
	var rows []struct {
		ID                                                  int64
		At                                                  time.Time
		UserID, SiteID                                      *string
		Username, Role, Action, Record, RecordID, RequestID string
		IP, Detail                                          string
	}
	if err := q.Order("id DESC").Limit(f.Limit).Scan(&rows).Error; err != nil {
		return nil, mapErr(err, "audit rows")
	}
	out := make([]clinic.AuditRow, len(rows))
	for i, r := range rows {
		e := clinic.AuditEntry{At: r.At.UTC(), Username: r.Username, Role: clinic.Role(r.Role), Action: r.Action,
			Record: r.Record, RecordID: r.RecordID, RequestID: r.RequestID, IP: r.IP, Detail: r.Detail}
		if r.UserID != nil {
			e.UserID = *r.UserID
		}
		if r.SiteID != nil {
			e.SiteID = *r.SiteID
		}
		out[i] = clinic.AuditRow{ID: r.ID, AuditEntry: e}
	}
	return out, nil
}
