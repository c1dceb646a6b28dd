package postgres

import (
	"context"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

type sessionRow struct {
	Hash      string `gorm:"primaryKey"`
	UserID    string
	CSRFToken string `gorm:"column:csrf_token"`
	CreatedAt time.Time
	ExpiresAt time.Time
}

func (sessionRow) TableName() string { return "sessions" }

func (t *tx) CreateSession(ctx context.Context, s clinic.Session) error {
	row := sessionRow{Hash: s.Hash, UserID: s.UserID, CSRFToken: s.CSRFToken, CreatedAt: s.CreatedAt, ExpiresAt: s.ExpiresAt}
	return mapErr(t.g.Create(&row).Error, "session")
}

func (t *tx) SessionByHash(ctx context.Context, hash string) (clinic.Session, error) {
	var r sessionRow
	if err := t.g.Where("hash = ?", hash).Take(&r).Error; err != nil {
		return clinic.Session{}, mapErr(err, "session")
	}
	return clinic.Session{Hash: r.Hash, UserID: r.UserID, CSRFToken: r.CSRFToken, CreatedAt: r.CreatedAt, ExpiresAt: r.ExpiresAt}, nil
}

func (t *tx) TouchSession(ctx context.Context, hash string, expires time.Time) error {
	return mapErr(t.g.Model(&sessionRow{}).Where("hash = ?", hash).Update("expires_at", expires).Error, "session")
}

func (t *tx) DeleteSession(ctx context.Context, hash string) error {
	return mapErr(t.g.Where("hash = ?", hash).Delete(&sessionRow{}).Error, "session")
}

func (t *tx) FailedLogins(ctx context.Context, username, ip string, since time.Time) (int, int, error) {
	var c struct{ ByUser, ByIP int }
	err := t.g.Raw(`SELECT
		count(*) FILTER (WHERE username = ?) AS by_user,
		count(*) FILTER (WHERE ip = ?) AS by_ip
		FROM login_attempts WHERE NOT ok AND at >= ? AND (username = ? OR ip = ?)`,
		username, ip, since, username, ip).Scan(&c).Error
	return c.ByUser, c.ByIP, mapErr(err, "login attempts")
}

func (t *tx) RecordLogin(ctx context.Context, username, ip string, ok bool, at time.Time) error {
	return mapErr(t.g.Exec("INSERT INTO login_attempts (username, ip, ok, at) VALUES (?, ?, ?, ?)",
		username, ip, ok, at).Error, "login attempt")
}
