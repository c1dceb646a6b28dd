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
	if best == "" || bestDist > limit {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}
