package postgres

import (
	"context"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

type outboxRow struct {
	ID           string `gorm:"primaryKey"`
	Kind         string
	Ref          string
	CreatedAt    time.Time
	DispatchedAt *time.Time
}

func (outboxRow) TableName() string { return "outbox" }

func (t *tx) AddOutbox(ctx context.Context, m clinic.OutboxMessage) error {
	row := outboxRow{ID: m.ID, Kind: m.Kind, Ref: m.Ref, CreatedAt: m.CreatedAt}
	return mapErr(t.g.Create(&row).Error, "outbox message")
}

// ClaimOutbox locks the oldest undelivered messages; SKIP LOCKED lets several dispatchers run
// side by side without handing out one message twice.
func (t *tx) ClaimOutbox(ctx context.Context, limit int) ([]clinic.OutboxMessage, error) {
	var rows []outboxRow
	err := t.g.Raw(`SELECT * FROM outbox WHERE dispatched_at IS NULL ORDER BY created_at
		LIMIT ? FOR UPDATE SKIP LOCKED`, limit).Scan(&rows).Error
	if err != nil {
		return nil, mapErr(err, "outbox")
	}
	out := make([]clinic.OutboxMessage, len(rows))
	for i, r := range rows {
		out[i] = clinic.OutboxMessage{ID: r.ID, Kind: r.Kind, Ref: r.Ref, CreatedAt: r.CreatedAt}
	}
	return out, nil
}

func (t *tx) MarkDispatched(ctx context.Context, id string, at time.Time) error {
	return mapErr(t.g.Exec("UPDATE outbox SET dispatched_at = ? WHERE id = ?", at, id).Error, "outbox message")
}
