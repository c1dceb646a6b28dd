package clinic

import (
	"testing"
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
