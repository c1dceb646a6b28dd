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
		{"RWA-009B", "RWA009B", true},
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
	kigali := time.FixedZone("CAT", 2*3600)
	// 23:30 UTC on 3 March is already 4 March in Kigali.
	now := time.Date(2026, 3, 3, 23, 30, 0, 0, time.UTC)
	day := func(d int) time.Time { return time.Date(2026, 3, d, 0, 0, 0, 0, time.UTC) }
	cases := []struct {
		day  time.Time
		zone *time.Location
		want bool
	}{
		{day(3), kigali, true},
		{day(4), kigali, false},
		{day(3), time.UTC, false},
		{day(2), time.UTC, true},
		{day(5), nil, false},
	}
	for _, c := range cases {
		if got := DepartureInPast(c.day, now, c.zone); got != c.want {
			t.Errorf("DepartureInPast(%s, %s, %v) = %v; want %v", c.day.Format(time.DateOnly), now, c.zone, got, c.want)
		}
	}
}
