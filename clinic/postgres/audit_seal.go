package postgres

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"time"
)

// auditRow is an audit row as the hash chain reads it.
type auditRow struct {
	ID                                       int64
	At                                       time.Time
	UserID, SiteID                           *string
	Username, Role, Action, Record, RecordID string
	RequestID, IP, Detail                    string
}

// line is the row's canonical text: every field, in a fixed order, separated by a unit separator.
func (r auditRow) line() string {
	deref := func(s *string) string {
		if s == nil {
			return ""
		}
		return *s
	}
	return strings.Join([]string{fmt.Sprint(r.ID), r.At.UTC().Format(time.RFC3339Nano), deref(r.UserID), r.Username, r.Role,
		deref(r.SiteID), r.Action, r.Record, r.RecordID, r.RequestID, r.IP, r.Detail}, "\x1f")
}

func chain(prev string, r auditRow) string {
	h := sha256.New()
	h.Write([]byte(prev))
	h.Write([]byte(r.line()))
	return hex.EncodeToString(h.Sum(nil))
}

// Seal extends the hash chain over audit rows older than settle (so no transaction still in
// flight can add a row below the seal) and records the new seal. It returns how many rows it
// sealed.
func (s *Store) Seal(ctx context.Context, settle time.Duration) (int, error) {
	var last struct {
		ToID     int64
		RowCount int64
		Hash     string
	}
	db := s.db.WithContext(ctx)
	if err := db.Raw("SELECT to_id, row_count, hash FROM audit_seals ORDER BY id DESC LIMIT 1").Scan(&last).Error; err != nil {
		return 0, err
	}
	var rows []auditRow
	if err := db.Raw("SELECT * FROM audit_log WHERE id > ? AND at < ? ORDER BY id LIMIT 100000",
		last.ToID, time.Now().UTC().Add(-settle)).Scan(&rows).Error; err != nil {
		return 0, err
	}
	if len(rows) == 0 {
		return 0, nil
	}
	h := last.Hash
	for _, r := range rows {
		h = chain(h, r)
	}
	err := db.Exec("INSERT INTO audit_seals (to_id, row_count, hash, sealed_at) VALUES (?, ?, ?, ?)",
		rows[len(rows)-1].ID, last.RowCount+int64(len(rows)), h, time.Now().UTC()).Error
	return len(rows), err
}

// VerifyAudit recomputes the chain from the first row and checks it against every seal. It
// returns how many rows it checked, or an error naming the first seal that does not match.
func (s *Store) VerifyAudit(ctx context.Context) (int64, error) {
	db := s.db.WithContext(ctx)
	var seals []struct {
		ID, ToID, RowCount int64
		Hash               string
	}
	if err := db.Raw("SELECT id, to_id, row_count, hash FROM audit_seals ORDER BY id").Scan(&seals).Error; err != nil {
		return 0, err
	}
	h, count, from := "", int64(0), int64(0)
	for _, seal := range seals {
		for {
			var rows []auditRow
			if err := db.Raw("SELECT * FROM audit_log WHERE id > ? AND id <= ? ORDER BY id LIMIT 5000", from, seal.ToID).Scan(&rows).Error; err != nil {
				return count, err
			}
			for _, r := range rows {
				h, count, from = chain(h, r), count+1, r.ID
			}
			if len(rows) < 5000 {
				break
			}
		}
		switch {
		case count != seal.RowCount:
			return count, fmt.Errorf("seal %d covers %d rows up to id %d, but the log now holds %d: rows were deleted or added later", seal.ID, seal.RowCount, seal.ToID, count)
		case h != seal.Hash:
			return count, fmt.Errorf("seal %d (rows up to id %d): the hash chain does not match — a row was changed", seal.ID, seal.ToID)
		}
		from = seal.ToID
	}
	return count, nil
}
