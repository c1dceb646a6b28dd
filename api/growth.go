package api

import (
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

// growthJSON is one WHO growth indicator for a child: the z-score and the percentile.
type growthJSON struct {
	Indicator  string  `json:"indicator"` // weight_for_age, length_for_age, height_for_age, bmi_for_age_length, bmi_for_age, weight_for_length, weight_for_height
	Measured   float64 `json:"measured"`  // kg, cm or BMI
	Z          float64 `json:"z"`         // two decimals
	Percentile float64 `json:"percentile"`
}

// toGrowthJSON scores the vitals as the forms print them (clinic.GrowthOf).
func toGrowthJSON(ap clinic.Applicant, examDate time.Time, v clinic.Vitals) []growthJSON {
	out := []growthJSON{}
	for _, g := range clinic.GrowthOf(ap, examDate, v) {
		out = append(out, growthJSON{Indicator: g.Indicator, Measured: g.Measured, Z: g.Z, Percentile: g.Percentile})
	}
	return out
}
