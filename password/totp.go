package password

import (
	"crypto/subtle"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"
)

// TOTP implements clinic.TOTP with github.com/pquerna/otp: RFC 6238 codes of six digits over
// 30-second steps with HMAC-SHA1, what every authenticator app reads from an otpauth:// URL.
type TOTP struct{}

const totpPeriod = 30

var totpOpts = totp.ValidateOpts{Period: totpPeriod, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1}

// NewSecret returns a new 160-bit secret (base32) and its otpauth:// URL.
func (TOTP) NewSecret(issuer, account string) (string, string, error) {
	key, err := totp.Generate(totp.GenerateOpts{Issuer: issuer, AccountName: account, Period: totpPeriod,
		Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
	if err != nil {
		return "", "", err
	}
	return key.Secret(), key.URL(), nil
}

// Match returns the step whose code equals code at t, the step before or the step after (a
// phone's clock a little off), comparing in constant time.
func (TOTP) Match(secret, code string, at time.Time) (int64, bool) {
	if len(code) != 6 || secret == "" {
		return 0, false
	}
	step := at.Unix() / totpPeriod
	for _, d := range []int64{0, -1, 1} {
		want, err := totp.GenerateCodeCustom(secret, time.Unix((step+d)*totpPeriod, 0), totpOpts)
		if err != nil {
			return 0, false
		}
		if subtle.ConstantTimeCompare([]byte(want), []byte(code)) == 1 {
			return step + d, true
		}
	}
	return 0, false
}

// Code returns the code of secret at t: what an authenticator app shows, for tests and the
// load generator.
func (TOTP) Code(secret string, at time.Time) (string, error) {
	return totp.GenerateCodeCustom(secret, at, totpOpts)
}
