package postgres

import (
	"context"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/mhac-clinic/mhac/clinic"
)

// batchRow is one batch of a medicine in a site's stock.
type batchRow struct {
	ID           string `gorm:"primaryKey"`
	SiteID       string
	Drug         string
	CVX          string `gorm:"column:cvx"`
	MVX          string `gorm:"column:mvx"`
	Lot          string
	Strength     float64
	StrengthUnit string
	Form         string
	ExpiresOn    time.Time
	Received     float64
	Remaining    float64
	ReceivedBy   string
	ReceivedName string
	ReceivedAt   time.Time
}

func (batchRow) TableName() string { return "medicine_batches" }

func batchToRow(b clinic.MedicineBatch) batchRow {
	return batchRow{ID: b.ID, SiteID: b.SiteID, Drug: b.Drug, CVX: b.CVX, MVX: b.MVX, Lot: b.Lot, Strength: b.Strength, StrengthUnit: b.StrengthUnit,
		Form: b.Form, ExpiresOn: b.ExpiresOn, Received: b.Received, Remaining: b.Remaining, ReceivedBy: b.ReceivedBy,
		ReceivedName: b.ReceivedName, ReceivedAt: b.ReceivedAt}
}

func (r batchRow) domain() clinic.MedicineBatch {
	return clinic.MedicineBatch{ID: r.ID, SiteID: r.SiteID, Drug: r.Drug, CVX: r.CVX, MVX: r.MVX, Lot: r.Lot, Strength: r.Strength,
		StrengthUnit: r.StrengthUnit, Form: r.Form, ExpiresOn: *dateUTC(&r.ExpiresOn), Received: r.Received,
		Remaining: r.Remaining, ReceivedBy: r.ReceivedBy, ReceivedName: r.ReceivedName, ReceivedAt: r.ReceivedAt.UTC()}
}

func (t *tx) CreateBatch(ctx context.Context, b clinic.MedicineBatch) error {
	row := batchToRow(b)
	return mapErr(t.g.Create(&row).Error, "medicine batch")
}

func (t *tx) BatchesOf(ctx context.Context, siteID, drug string) ([]clinic.MedicineBatch, error) {
	var rows []batchRow
	q := t.g.Where("site_id = ?", siteID)
	if drug != "" {
		q = q.Where("drug = ?", drug)
	}
	if err := q.Order("drug, expires_on, lot").Find(&rows).Error; err != nil {
		return nil, mapErr(err, "medicine batch")
	}
	out := make([]clinic.MedicineBatch, len(rows))
	for i, r := range rows {
		out[i] = r.domain()
	}
	return out, nil
}

func (t *tx) BatchByID(ctx context.Context, siteID, id string, forUpdate bool) (clinic.MedicineBatch, error) {
	var row batchRow
	q := t.g.Where("id = ? AND site_id = ?", id, siteID)
	if forUpdate {
		q = q.Clauses(clause.Locking{Strength: "UPDATE"})
	}
	if err := q.Take(&row).Error; err != nil {
		return clinic.MedicineBatch{}, mapErr(err, "medicine batch")
	}
	return row.domain(), nil
}

func (t *tx) TakeFromBatch(ctx context.Context, id string, units float64) error {
	res := t.g.Model(&batchRow{}).Where("id = ? AND remaining >= ?", id, units).
		Update("remaining", gorm.Expr("remaining - ?", units))
	if res.Error != nil {
		return mapErr(res.Error, "medicine batch")
	}
	if res.RowsAffected == 0 {
		return &clinic.Error{Code: clinic.EValidation, Message: "The batch does not hold that many units.",
			Fields: []clinic.FieldError{{Field: "quantity", Code: "insufficient_stock", Message: "The batch does not hold that many units."}}}
	}
	return nil
}
