package clinic

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"time"
)

// A child's growth is scored against the WHO tables (reference/who-growth.json, extracted from
// the WHO xlsx files by tools/whogrowth): the WHO Child Growth Standards 2006 to 5 years and
// the WHO Growth Reference 2007 from 5 to 19 years. The code holds the LMS method only; ages,
// lengths and the tables' ranges come from the file.

//go:embed reference/who-growth.json
var whoGrowthJSON []byte

// GrowthTable is one indicator for one sex: L, M and S by age in months or by length/height.
type GrowthTable struct {
	Indicator string   `json:"indicator"`
	Sex       string   `json:"sex"`
	By        string   `json:"by"` // age_months | length_cm | height_cm
	Files     []string `json:"files"`
	// AgesMonths are the ages [from, to] a table by length or height applies to (WHO's split:
	// weight-for-length under 24 months, weight-for-height from 24 to 60).
	AgesMonths []float64   `json:"ages_months,omitempty"`
	LMS        [][]float64 `json:"lms"` // [x, L, M, S], x ascending
}

// GrowthReference is the file's content.
type GrowthReference struct {
	Title  string            `json:"title"`
	Source map[string]string `json:"source"`
	Tables []GrowthTable     `json:"tables"`
}

// The indicators, in the order they are shown. The weight-based ones are restricted beyond
// ±3 SD as WHO computes them; length/height-for-age is not.
var growthIndicators = []struct {
	Code       string
	Restricted bool
}{
	{"weight_for_age", true}, {"length_for_age", false}, {"height_for_age", false},
	{"bmi_for_age_length", true}, {"bmi_for_age", true}, {"weight_for_length", true}, {"weight_for_height", true},
}

func parseGrowthReference(b []byte) (GrowthReference, error) {
	var r GrowthReference
	if err := json.Unmarshal(b, &r); err != nil {
		return r, err
	}
	if r.Source["standards"] == "" || r.Source["reference"] == "" {
		return r, fmt.Errorf("no source")
	}
	seen := map[string]bool{}
	for _, t := range r.Tables {
		key := t.Indicator + "/" + t.Sex
		switch {
		case seen[key]:
			return r, fmt.Errorf("%s twice", key)
		case t.Sex != "male" && t.Sex != "female":
			return r, fmt.Errorf("%s: sex %q", key, t.Sex)
		case t.By != "age_months" && t.By != "length_cm" && t.By != "height_cm":
			return r, fmt.Errorf("%s: by %q", key, t.By)
		case len(t.LMS) < 2 || len(t.Files) == 0:
			return r, fmt.Errorf("%s: no rows or no file", key)
		case t.By != "age_months" && (len(t.AgesMonths) != 2 || t.AgesMonths[0] >= t.AgesMonths[1]):
			return r, fmt.Errorf("%s: a table by %s needs the ages it applies to", key, t.By)
		}
		seen[key] = true
		for i, row := range t.LMS {
			if len(row) != 4 || row[2] <= 0 || row[3] <= 0 || (i > 0 && row[0] <= t.LMS[i-1][0]) {
				return r, fmt.Errorf("%s: row %d %v", key, i, row)
			}
		}
	}
	for _, ind := range growthIndicators {
		for _, sex := range []string{"male", "female"} {
			if !seen[ind.Code+"/"+sex] {
				return r, fmt.Errorf("no table %s/%s", ind.Code, sex)
			}
		}
	}
	return r, nil
}

// GrowthFile is reference/who-growth.json as loaded.
var GrowthFile = func() GrowthReference {
	r, err := parseGrowthReference(whoGrowthJSON)
	if err != nil {
		panic(fmt.Sprintf("clinic: reference/who-growth.json: %v", err))
	}
	return r
}()

func (r GrowthReference) table(indicator, sex string) *GrowthTable {
	for i := range r.Tables {
		if r.Tables[i].Indicator == indicator && r.Tables[i].Sex == sex {
			return &r.Tables[i]
		}
	}
	return nil
}

// lms answers L, M and S at x, linearly interpolated between the table's rows; false outside
// the table.
func (t *GrowthTable) lms(x float64) (l, m, s float64, ok bool) {
	rows := t.LMS
	if x < rows[0][0] || x > rows[len(rows)-1][0] {
		return 0, 0, 0, false
	}
	i := sort.Search(len(rows), func(i int) bool { return rows[i][0] >= x })
	if rows[i][0] == x {
		return rows[i][1], rows[i][2], rows[i][3], true
	}
	a, b := rows[i-1], rows[i]
	f := (x - a[0]) / (b[0] - a[0])
	return a[1] + f*(b[1]-a[1]), a[2] + f*(b[2]-a[2]), a[3] + f*(b[3]-a[3]), true
}

// lmsValue is the measurement at z by the LMS method (without restriction).
func lmsValue(l, m, s, z float64) float64 {
	if l == 0 {
		return m * math.Exp(s*z)
	}
	return m * math.Pow(1+l*s*z, 1/l)
}

// lmsZ is the z-score of x; restricted, beyond ±3 SD the distance is counted in units of the
// distance between the 2 and 3 SD values on that side (WHO Child Growth Standards 2006,
// "Computation of centiles and z-scores", as WHO Anthro computes it).
func lmsZ(l, m, s, x float64, restricted bool) float64 {
	var z float64
	if l == 0 {
		z = math.Log(x/m) / s
	} else {
		z = (math.Pow(x/m, l) - 1) / (l * s)
	}
	if !restricted {
		return z
	}
	switch {
	case z > 3:
		sd3, sd2 := lmsValue(l, m, s, 3), lmsValue(l, m, s, 2)
		return 3 + (x-sd3)/(sd3-sd2)
	case z < -3:
		sd3, sd2 := lmsValue(l, m, s, -3), lmsValue(l, m, s, -2)
		return -3 + (x-sd3)/(sd2-sd3)
	}
	return z
}

// growthValue is the measurement at z as the tables print it (restricted beyond ±3 SD).
func growthValue(l, m, s, z float64, restricted bool) float64 {
	if !restricted || math.Abs(z) <= 3 {
		return lmsValue(l, m, s, z)
	}
	sign := math.Copysign(1, z)
	sd3, sd2 := lmsValue(l, m, s, 3*sign), lmsValue(l, m, s, 2*sign)
	return sd3 + (z-3*sign)*math.Abs(sd3-sd2)
}

// Percentile is the percentile of a z-score under the standard normal distribution.
func Percentile(z float64) float64 {
	return 50 * math.Erfc(-z/math.Sqrt2)
}

// GrowthScore is one indicator's z-score and percentile for a child's measurement.
type GrowthScore struct {
	Indicator  string  // weight_for_age, length_for_age, height_for_age, bmi_for_age_length, bmi_for_age, weight_for_length, weight_for_height
	Measured   float64 // the measurement scored: kg, cm or BMI
	Z          float64
	Percentile float64
}

// Score answers the z-score and percentile of one measurement against one table at x (age in
// months, or length/height in cm); false when the table has no row for x or the sex is neither
// male nor female.
func (r GrowthReference) Score(indicator, sex string, x, measured float64) (GrowthScore, bool) {
	t := r.table(indicator, sex)
	if t == nil || measured <= 0 {
		return GrowthScore{}, false
	}
	l, m, s, ok := t.lms(x)
	if !ok {
		return GrowthScore{}, false
	}
	restricted := false
	for _, ind := range growthIndicators {
		if ind.Code == indicator {
			restricted = ind.Restricted
		}
	}
	z := lmsZ(l, m, s, measured, restricted)
	return GrowthScore{Indicator: indicator, Measured: measured, Z: z, Percentile: Percentile(z)}, true
}

// AgeMonths is the age in months on a day, as WHO counts it (days / 30.4375).
func AgeMonths(birth, on time.Time) float64 {
	days := math.Floor(on.Sub(birth).Hours()/24 + 0.5)
	return days / 30.4375
}

// ChildGrowth scores a child's height and weight on the day measured: each indicator whose
// table covers the child's age (and length/height). While the length-for-age table covers the
// age (under 24 months) the measure is taken as recumbent length, then as standing height, as
// the WHO tables are split; the tables by length or height apply at the ages the file gives.
// Nothing for an adult, a sex other than male/female, or missing measurements.
func (r GrowthReference) ChildGrowth(sex string, birth, on time.Time, heightCm, weightKg float64) []GrowthScore {
	lengthTable := r.table("length_for_age", sex)
	if birth.IsZero() || on.Before(birth) || lengthTable == nil {
		return nil
	}
	age := AgeMonths(birth, on)
	var out []GrowthScore
	add := func(ind string, x, v float64) {
		if g, ok := r.Score(ind, sex, x, v); ok {
			out = append(out, g)
		}
	}
	byHeight := func(ind string) {
		t := r.table(ind, sex)
		if t != nil && weightKg > 0 && age >= t.AgesMonths[0] && age <= t.AgesMonths[1] {
			add(ind, heightCm, weightKg)
		}
	}
	add("weight_for_age", age, weightKg)
	bmi := 0.0
	if heightCm > 0 && weightKg > 0 {
		bmi = weightKg / (heightCm / 100 * heightCm / 100)
	}
	if age < lengthTable.LMS[len(lengthTable.LMS)-1][0] {
		add("length_for_age", age, heightCm)
		add("bmi_for_age_length", age, bmi)
		byHeight("weight_for_length")
	} else {
		add("height_for_age", age, heightCm)
		add("bmi_for_age", age, bmi)
		byHeight("weight_for_height")
	}
	return out
}

// GrowthOf scores a person's vitals on the day they were measured (the exam day when the time
// is not known), rounded as shown and printed: z to two decimals, percentile to one.
func GrowthOf(ap Applicant, examDate time.Time, v Vitals) []FormGrowth {
	on := v.RecordedAt
	if on.IsZero() {
		on = examDate
	}
	var out []FormGrowth
	for _, g := range GrowthFile.ChildGrowth(ap.Sex, ap.BirthDate, on, v.HeightCm, v.WeightKg) {
		out = append(out, FormGrowth{Indicator: g.Indicator, Measured: math.Round(g.Measured*100) / 100,
			Z: math.Round(g.Z*100) / 100, Percentile: math.Round(g.Percentile*10) / 10})
	}
	return out
}
