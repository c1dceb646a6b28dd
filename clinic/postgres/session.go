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

// ClaimLogin takes a transaction-scoped advisory lock on the address, so claims from one
// address (which every limit is counted by) run one after the other; counts the failures in the
// window; and records this attempt as one. The lock ends with the transaction.
func (t *tx) ClaimLogin(ctx context.Context, username, ip string, at, since time.Time) (clinic.LoginClaim, error) {
	if err := t.g.Exec("SELECT pg_advisory_xact_lock(hashtextextended('mhac.login:' || ?, 0))", ip).Error; err != nil {
		return clinic.LoginClaim{}, mapErr(err, "login attempt")
	}
	var c struct{ ByUser, ByIP int }
	err := t.g.Raw(`SELECT count(*) FILTER (WHERE username = ?) AS by_user, count(*) AS by_ip
		FROM login_attempts WHERE ip = ? AND NOT ok AND at >= ?`, username, ip, since).Scan(&c).Error
	if err != nil {
		return clinic.LoginClaim{}, mapErr(err, "login attempts")
	}
	var id int64
	if err := t.g.Raw("INSERT INTO login_attempts (username, ip, ok, at) VALUES (?, ?, false, ?) RETURNING id",
		username, ip, at).Scan(&id).Error; err != nil {
		return clinic.LoginClaim{}, mapErr(err, "login attempt")
	}
	return clinic.LoginClaim{ID: id, ByUserIP: c.ByUser + 1, ByIP: c.ByIP + 1}, nil
}

func (t *tx) LoginSucceeded(ctx context.Context, id int64) error {
	return mapErr(t.g.Exec("UPDATE login_attempts SET ok = true WHERE id = ?", id).Error, "login attempt")
}
