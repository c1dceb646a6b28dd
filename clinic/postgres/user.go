package postgres

import (
	"context"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

type userRow struct {
	ID             string `gorm:"primaryKey"`
	Username       string
	Name           string
	Role           string
	SiteID         string
	Country        string
	RegistrationID string
	PasswordHash   string
	Disabled       bool
	CreatedAt      time.Time
	DeploymentWide bool
	TOTPSecret     string  `gorm:"column:totp_secret"`
	TOTPEnabled    bool    `gorm:"column:totp_enabled"`
	TOTPStep       int64   `gorm:"column:totp_step"`
	Site           siteRow `gorm:"foreignKey:SiteID"`
}

func (userRow) TableName() string { return "users" }

func userToRow(u clinic.User) userRow {
	return userRow{ID: u.ID, Username: u.Username, Name: u.Name, Role: string(u.Role), SiteID: u.Site.ID,
		Country: u.Country, RegistrationID: u.RegistrationID, PasswordHash: u.PasswordHash,
		Disabled: u.Disabled, CreatedAt: u.CreatedAt, DeploymentWide: u.DeploymentWide,
		TOTPSecret: u.SecondFactor.Secret, TOTPEnabled: u.SecondFactor.Enabled, TOTPStep: u.SecondFactor.Step}
}

func (r userRow) domain() clinic.User {
	return clinic.User{ID: r.ID, Username: r.Username, Name: r.Name, Role: clinic.Role(r.Role),
		Site: r.Site.domain(), Country: r.Country, RegistrationID: r.RegistrationID,
		PasswordHash: r.PasswordHash, Disabled: r.Disabled, CreatedAt: r.CreatedAt, DeploymentWide: r.DeploymentWide,
		SecondFactor: clinic.SecondFactor{Secret: r.TOTPSecret, Enabled: r.TOTPEnabled, Step: r.TOTPStep}}
}

func (t *tx) CreateUser(ctx context.Context, u *clinic.User) error {
	row := userToRow(*u)
	return mapErr(t.g.Omit("Site").Create(&row).Error, "user")
}

func (t *tx) UserByUsername(ctx context.Context, username string) (clinic.User, error) {
	var row userRow
	if err := t.g.Joins("Site").Where("users.username = ?", username).Take(&row).Error; err != nil {
		return clinic.User{}, mapErr(err, "user")
	}
	return row.domain(), nil
}

func (t *tx) UserByID(ctx context.Context, id string) (clinic.User, error) {
	var row userRow
	if err := t.g.Joins("Site").Where("users.id = ?", id).Take(&row).Error; err != nil {
		return clinic.User{}, mapErr(err, "user")
	}
	return row.domain(), nil
}

func (t *tx) Users(ctx context.Context, siteID string) ([]clinic.User, error) {
	var rows []userRow
	q := t.g.Joins("Site").Order("users.username")
	if siteID != "" {
		q = q.Where("users.site_id = ? AND users.role <> 'panel' AND NOT users.deployment_wide", siteID)
	}
	if err := q.Find(&rows).Error; err != nil {
		return nil, mapErr(err, "user")
	}
	out := make([]clinic.User, len(rows))
	for i, r := range rows {
		out[i] = r.domain()
	}
	return out, nil
}

func (t *tx) SetUserDisabled(ctx context.Context, id string, disabled bool) error {
	return mapErr(t.g.Exec("UPDATE users SET disabled = ? WHERE id = ?", disabled, id).Error, "user")
}

func (t *tx) SetPassword(ctx context.Context, id, hash string, at time.Time) error {
	return mapErr(t.g.Exec("UPDATE users SET password_hash = ?, password_changed_at = ? WHERE id = ?", hash, at, id).Error, "user")
}

func (t *tx) EndSessions(ctx context.Context, userID, keep string) error {
	return mapErr(t.g.Exec("DELETE FROM sessions WHERE user_id = ? AND hash <> ?", userID, keep).Error, "session")
}
