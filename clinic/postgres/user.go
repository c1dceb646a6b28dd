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
	Site           siteRow `gorm:"foreignKey:SiteID"`
}

func (userRow) TableName() string { return "users" }

func userToRow(u clinic.User) userRow {
	return userRow{ID: u.ID, Username: u.Username, Name: u.Name, Role: string(u.Role), SiteID: u.Site.ID,
		Country: u.Country, RegistrationID: u.RegistrationID, PasswordHash: u.PasswordHash,
		Disabled: u.Disabled, CreatedAt: u.CreatedAt}
}

func (r userRow) domain() clinic.User {
	return clinic.User{ID: r.ID, Username: r.Username, Name: r.Name, Role: clinic.Role(r.Role),
		Site: r.Site.domain(), Country: r.Country, RegistrationID: r.RegistrationID,
		PasswordHash: r.PasswordHash, Disabled: r.Disabled, CreatedAt: r.CreatedAt}
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

func (t *tx) Users(ctx context.Context) ([]clinic.User, error) {
	var rows []userRow
	if err := t.g.Joins("Site").Order("users.username").Find(&rows).Error; err != nil {
		return nil, mapErr(err, "user")
	}
	out := make([]clinic.User, len(rows))
	for i, r := range rows {
		out[i] = r.domain()
	}
	return out, nil
}
