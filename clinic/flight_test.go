package clinic

import (
	"testing"
	"time"
)

func TestNormalizeFlight(t *testing.T) {
	cases := []struct {
		in, want string
		ok       bool
	}{
		{"rwa 9b", "RWA9B", true},
		{"RWA9B", "RWA9B", true},
		{"RWA-009B", "RWA9B", true},
		{"wb 464", "WB464", true},
		{"RW484", "RW484", true},
		{"5y 12", "5Y12", true},
		{"", "", true},
		{"flight nine", "FLIGHTNINE", false},
		{"RW", "RW", false},
		{"RW1234567", "RW1234567", false},
	}
	for _, c := range cases {
		got, ok := NormalizeFlight(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("NormalizeFlight(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestDepartureInPast(t *testing.T) {
	// 23:30 UTC on 2 Dec is already 3 Dec in Kigali (UTC+2).
	now := time.Date(2026, 12, 2, 23, 30, 0, 0, time.UTC)
	day := func(d int) time.Time { return time.Date(2026, 12, d, 0, 0, 0, 0, time.UTC) }
	cases := []struct {
		dep  time.Time
		tz   string
		past bool
	}{
		{day(2), "Africa/Kigali", true},
		{day(3), "Africa/Kigali", false},
		{day(2), "UTC", false},
		{day(1), "UTC", true},
	}
	for _, c := range cases {
		if got := departureInPast(c.dep, now, c.tz); got != c.past {
			t.Errorf("departure %s in %s: past = %v, want %v", c.dep.Format(time.DateOnly), c.tz, got, c.past)
		}
	}
}
