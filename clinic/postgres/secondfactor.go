package postgres

import (
	"context"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

func (t *tx) SetSecondFactor(ctx context.Context, userID string, f clinic.SecondFactor) error {
	return mapErr(t.g.Exec("UPDATE users SET totp_secret = ?, totp_enabled = ?, totp_step = ? WHERE id = ?",
		f.Secret, f.Enabled, f.Step, userID).Error, "user")
}

// AdvanceSecondFactorStep moves the last accepted step forward in one statement, so two logins
// with the same code cannot both pass.
func (t *tx) AdvanceSecondFactorStep(ctx context.Context, userID string, step int64) (bool, error) {
	res := t.g.Exec("UPDATE users SET totp_step = ? WHERE id = ? AND totp_step < ?", step, userID, step)
	if res.Error != nil {
		return false, mapErr(res.Error, "user")
	}
	return res.RowsAffected == 1, nil
}

func (t *tx) ReplaceRecoveryCodes(ctx context.Context, userID string, hashes []string) error {
	if err := t.g.Exec("DELETE FROM recovery_codes WHERE user_id = ?", userID).Error; err != nil {
		return mapErr(err, "recovery codes")
	}
	for _, h := range hashes {
		if err := t.g.Exec("INSERT INTO recovery_codes (user_id, code_hash) VALUES (?, ?)", userID, h).Error; err != nil {
			return mapErr(err, "recovery codes")
		}
	}
	return nil
}

func (t *tx) UseRecoveryCode(ctx context.Context, userID, hash string, at time.Time) (bool, error) {
	res := t.g.Exec("UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL", at, userID, hash)
	if res.Error != nil {
		return false, mapErr(res.Error, "recovery code")
	}
	return res.RowsAffected == 1, nil
}

func (t *tx) RecoveryCodesLeft(ctx context.Context, userID string) (int, error) {
	var n int64
	err := t.g.Raw("SELECT count(*) FROM recovery_codes WHERE user_id = ? AND used_at IS NULL", userID).Scan(&n).Error
	return int(n), mapErr(err, "recovery codes")
}

func (t *tx) SecondFactorRoles(ctx context.Context) ([]clinic.Role, error) {
	var roles []string
	if err := t.g.Raw("SELECT role FROM second_factor_roles ORDER BY role").Scan(&roles).Error; err != nil {
		return nil, mapErr(err, "second factor roles")
	}
	out := make([]clinic.Role, len(roles))
	for i, r := range roles {
		out[i] = clinic.Role(r)
	}
	return out, nil
}

func (t *tx) SetSecondFactorRoles(ctx context.Context, roles []clinic.Role, by string, at time.Time) error {
	if err := t.g.Exec("DELETE FROM second_factor_roles").Error; err != nil {
		return mapErr(err, "second factor roles")
	}
	for _, r := range roles {
		if err := t.g.Exec("INSERT INTO second_factor_roles (role, set_at, set_by) VALUES (?, ?, ?)", string(r), at, nullable(by)).Error; err != nil {
			return mapErr(err, "second factor roles")
		}
	}
	return nil
}
