package demo

import "testing"

func TestNamesAreDistinctAndLatin(t *testing.T) {
	seen := map[string]bool{}
	for i := 0; i < 5000; i++ {
		n := Name(i)
		if seen[n] {
			t.Fatalf("Name(%d) = %q repeats", i, n)
		}
		seen[n] = true
		for _, r := range n {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
				t.Fatalf("Name(%d) = %q has %q", i, n, r)
			}
		}
	}
}
