package protocols

import (
	"fmt"

	celenv "cel.dev/cel-go/common/env"
)

// suggest returns " (did you mean "x"?)" when one of the candidates is close to s, else "".
// It uses the same edit distance as CEL's own suggestions for undeclared names.
func suggest(s string, candidates []string) string {
	best, bestDist := "", 1<<30
	limit := 2
	if len(s) <= 3 {
		limit = 1
	} else if len(s) > 8 {
		limit = len(s) / 3
	}
	for _, c := range candidates {
		if d := celenv.EditDistance(s, c); d < bestDist {
			best, bestDist = c, d
		}
	}
	if best != "" && bestDist <= limit {
		return fmt.Sprintf(" (did you mean %q?)", best)
	}
	// No close spelling: fall back on the longest shared beginning ("inactive" -> "inactive_tb").
	best, bestLen := "", 0
	for _, c := range candidates {
		n := commonPrefix(s, c)
		if n > bestLen || (n == bestLen && len(c) < len(best)) {
			best, bestLen = c, n
		}
	}
	if bestLen >= 4 && 2*bestLen >= len(s) {
		return fmt.Sprintf(" (did you mean %q?)", best)
	}
	return ""
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}
