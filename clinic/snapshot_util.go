package clinic

import (
	"math"
	"sort"
	"strings"
	"time"
)

func bmi(heightCm, weightKg float64) float64 {
	if heightCm <= 0 || weightKg <= 0 {
		return 0
	}
	m := heightCm / 100
	return math.Round(weightKg/(m*m)*10) / 10
}

func sortedSteps(m map[string]Result) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func dateOf(r Result) time.Time {
	y, mo, d := r.RecordedAt.Date()
	return time.Date(y, mo, d, 0, 0, 0, 0, time.UTC)
}

func isTBClass(code string) bool {
	return strings.HasSuffix(code, "_tb") || strings.Contains(code, "_tb_") || code == "class_b2_ltbi" || code == "no_class"
}

// findingReason is the rules' reason for a code, or the physician's notes when the physician
// chose a code the rules did not find.
func findingReason(plan Plan, code string, c *Classification) string {
	for _, f := range plan.Outcome.Findings {
		if f.Code == code {
			return f.Reason
		}
	}
	if c.OverrideReason != "" {
		return c.OverrideReason
	}
	return c.Notes
}
