package pdf

import (
	"fmt"

	"github.com/mhac-clinic/mhac/clinic"
)

// growthLabels name the WHO growth indicators as printed.
var growthLabels = map[string]struct{ label, unit string }{
	"weight_for_age":     {"Weight-for-age", "kg"},
	"length_for_age":     {"Length-for-age", "cm"},
	"height_for_age":     {"Height-for-age", "cm"},
	"bmi_for_age_length": {"BMI-for-age (length)", "kg/m²"},
	"bmi_for_age":        {"BMI-for-age", "kg/m²"},
	"weight_for_length":  {"Weight-for-length", "kg"},
	"weight_for_height":  {"Weight-for-height", "kg"},
}

// growthRows prints a child's growth against the WHO tables: nothing for an adult (the record
// holds none).
func (d *doc) growthRows(growth []clinic.FormGrowth) {
	if len(growth) == 0 {
		return
	}
	var rows [][]string
	for _, g := range growth {
		l, ok := growthLabels[g.Indicator]
		if !ok {
			l.label = g.Indicator
		}
		rows = append(rows, []string{l.label, num(g.Measured, 1, l.unit), fmt.Sprintf("%+.2f", g.Z), fmt.Sprintf("%.1f", g.Percentile)})
	}
	d.table([]column{{"Growth (WHO Child Growth Standards 2006 / WHO Reference 2007)", 5}, {"Measured", 2}, {"Z-score", 1}, {"Percentile", 1}}, rows)
}
