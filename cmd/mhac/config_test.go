package main

import (
	"testing"
	"time"
)

// TestIdentityCheckValidForSetting: MHAC_IDENTITY_CHECK_VALID_FOR reaches the configuration as a
// duration; unset, it is zero (the check counts until the end of the clinic-local day).
func TestIdentityCheckValidForSetting(t *testing.T) {
	for _, c := range []struct {
		env  string
		want time.Duration
	}{{"", 0}, {"90m", 90 * time.Minute}, {"12h", 12 * time.Hour}} {
		t.Setenv("MHAC_IDENTITY_CHECK_VALID_FOR", c.env)
		if got := loadConfig().IdentityValidFor; got != c.want {
			t.Errorf("MHAC_IDENTITY_CHECK_VALID_FOR=%q: %v, want %v", c.env, got, c.want)
		}
	}
}
