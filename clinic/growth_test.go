package clinic

import (
	"encoding/json"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

type growthCheck struct {
	Indicator string             `json:"indicator"`
	Sex       string             `json:"sex"`
	File      string             `json:"file"`
	X         float64            `json:"x"`
	Values    map[string]float64 `json:"values"`
	Decimals  int                `json:"decimals"`
}

// columnZ answers the z-score a WHO column names: SD2neg → -2, SD3 → 3, P3 → the 3rd
// percentile's z, P01 → 0.1st, P999 → 99.9th.
func columnZ(t *testing.T, col string) (z float64, pct float64, isPct bool) {
	t.Helper()
	if strings.HasPrefix(col, "SD") {
		n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(col, "SD"), "neg"))
		if err != nil {
			t.Fatalf("column %s", col)
		}
		if strings.HasSuffix(col, "neg") {
			n = -n
		}
		return float64(n), 0, false
	}
	p := map[string]float64{"P01": 0.1, "P999": 99.9}[col]
	if p == 0 {
		v, err := strconv.Atoi(strings.TrimPrefix(col, "P"))
		if err != nil {
			t.Fatalf("column %s", col)
		}
		p = float64(v)
	}
	// the z of the percentile, by bisection on Percentile
	lo, hi := -6.0, 6.0
	for i := 0; i < 100; i++ {
		mid := (lo + hi) / 2
		if Percentile(mid) < p {
			lo = mid
		} else {
			hi = mid
		}
	}
	return (lo + hi) / 2, p, true
}

// The WHO tables' own z-score and percentile columns (a sample written by tools/whogrowth from
// the xlsx files) are what the LMS computation must give back: a measurement equal to the
// table's SD2 value scores z = +2, one equal to its P3 value the 3rd percentile, within the
// table's rounding.
func TestGrowthMatchesTheWHOTablesOwnColumns(t *testing.T) {
	b, err := os.ReadFile("testdata/who-growth-check.json")
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Checks []growthCheck `json:"checks"`
	}
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	if len(f.Checks) < 500 {
		t.Fatalf("only %d check rows", len(f.Checks))
	}
	cells, beyond3 := 0, 0
	for _, c := range f.Checks {
		for col, want := range c.Values {
			z, pct, isPct := columnZ(t, col)
			half := 0.5 * math.Pow(10, -float64(c.Decimals))
			lo, okLo := GrowthFile.Score(c.Indicator, c.Sex, c.X, want-half)
			hi, okHi := GrowthFile.Score(c.Indicator, c.Sex, c.X, want+half)
			if !okLo || !okHi {
				t.Fatalf("%s %s x=%v: no score", c.File, c.Indicator, c.X)
			}
			if isPct && math.Abs(z) > 3 {
				// WHO's percentile tables print P0.1 and P99.9 (beyond ±3 SD) by the plain
				// LMS formula, without the restriction its z-score tables and software apply
				l, m, s, _ := GrowthFile.table(c.Indicator, c.Sex).lms(c.X)
				lo.Percentile = Percentile(lmsZ(l, m, s, want-half, false))
				hi.Percentile = Percentile(lmsZ(l, m, s, want+half, false))
			}
			// the table printed the value rounded: the column's z lies between the scores of
			// the rounding interval's ends
			if isPct {
				if pct < lo.Percentile-1e-9 || pct > hi.Percentile+1e-9 {
					t.Errorf("%s x=%v %s=%v: percentile %.4f not within [%.4f, %.4f]", c.File, c.X, col, want, pct, lo.Percentile, hi.Percentile)
				}
			} else if z < lo.Z-1e-9 || z > hi.Z+1e-9 {
				t.Errorf("%s x=%v %s=%v: z %v not within [%.4f, %.4f]", c.File, c.X, col, want, z, lo.Z, hi.Z)
			}
			if math.Abs(z) > 3 {
				beyond3++
			}
			cells++
		}
	}
	if cells < 6000 || beyond3 < 200 {
		t.Fatalf("%d cells, %d beyond ±3 SD: the sample is too small", cells, beyond3)
	}
}

// Beyond ±3 SD the weight-based indicators are restricted (the WHO 2007 tables print SD4 that
// way); the plain LMS z differs there, so a computation without the restriction fails.
func TestGrowthRestrictedBeyondThreeSD(t *testing.T) {
	tab := GrowthFile.table("bmi_for_age", "male")
	l, m, s, _ := tab.lms(61)
	sd3, sd2 := lmsValue(l, m, s, 3), lmsValue(l, m, s, 2)
	sd4 := sd3 + (sd3 - sd2)
	g, _ := GrowthFile.Score("bmi_for_age", "male", 61, sd4)
	if math.Abs(g.Z-4) > 1e-9 {
		t.Fatalf("restricted z at SD4 = %v, want 4", g.Z)
	}
	if plain := lmsZ(l, m, s, sd4, false); math.Abs(plain-4) < 0.1 {
		t.Fatalf("the plain LMS z %v is as 4: the test cannot tell the restriction", plain)
	}
	if v := growthValue(l, m, s, -4, true); math.Abs(lmsZ(l, m, s, v, true)+4) > 1e-9 {
		t.Fatalf("restricted −4 SD round trip: %v", lmsZ(l, m, s, v, true))
	}
	// length/height is not restricted
	h := GrowthFile.table("height_for_age", "female")
	l, m, s, _ = h.lms(100)
	if g, _ := GrowthFile.Score("height_for_age", "female", 100, lmsValue(l, m, s, -5)); math.Abs(g.Z+5) > 1e-9 {
		t.Fatalf("height −5 SD: %v", g.Z)
	}
}

func TestChildGrowthPicksTheTablesByAge(t *testing.T) {
	birth := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	codes := func(gs []GrowthScore) string {
		var c []string
		for _, g := range gs {
			c = append(c, g.Indicator)
		}
		return strings.Join(c, ",")
	}
	for _, tc := range []struct {
		on     time.Time
		sex    string
		h, w   float64
		expect string
	}{
		{birth.AddDate(0, 6, 0), "female", 66, 7.3, "weight_for_age,length_for_age,bmi_for_age_length,weight_for_length"},
		{birth.AddDate(3, 0, 0), "male", 96, 14.3, "weight_for_age,height_for_age,bmi_for_age,weight_for_height"},
		{birth.AddDate(1, 11, 0), "male", 86, 12, "weight_for_age,length_for_age,bmi_for_age_length,weight_for_length"},
		{birth.AddDate(2, 0, 0), "male", 86, 12, "weight_for_age,height_for_age,bmi_for_age,weight_for_height"},
		{birth.AddDate(5, 2, 0), "female", 110, 18, "weight_for_age,height_for_age,bmi_for_age"},
		{birth.AddDate(8, 0, 0), "male", 128, 25.4, "weight_for_age,height_for_age,bmi_for_age"},
		{birth.AddDate(15, 0, 0), "female", 160, 50, "height_for_age,bmi_for_age"},
		{birth.AddDate(15, 0, 0), "female", 0, 50, ""},
		{birth.AddDate(25, 0, 0), "male", 175, 70, ""},
		{birth.AddDate(3, 0, 0), "other", 96, 14.3, ""},
	} {
		got := GrowthFile.ChildGrowth(tc.sex, birth, tc.on, tc.h, tc.w)
		if codes(got) != tc.expect {
			t.Errorf("%s %s: %s, want %s", tc.on.Format(time.DateOnly), tc.sex, codes(got), tc.expect)
		}
	}
	// a 3-year-old boy at the median weight scores about the 50th percentile
	g := GrowthFile.ChildGrowth("male", birth, birth.AddDate(3, 0, 0), 0, 14.3)
	if len(g) != 1 || math.Abs(g[0].Z) > 0.05 || math.Abs(g[0].Percentile-50) > 2 {
		t.Fatalf("median 3-year-old: %+v", g)
	}
}

func TestGrowthReferenceRejectsABrokenFile(t *testing.T) {
	for _, bad := range []string{`{}`,
		`{"source":{"standards":"x","reference":"y"},"tables":[]}`,
		`{"source":{"standards":"x","reference":"y"},"tables":[{"indicator":"weight_for_age","sex":"male","by":"age_months","files":["f"],"lms":[[1,1,1,0.1],[0,1,1,0.1]]}]}`,
		`{"source":{"standards":"x","reference":"y"},"tables":[{"indicator":"weight_for_length","sex":"male","by":"length_cm","files":["f"],"lms":[[45,1,1,0.1],[46,1,1,0.1]]}]}`} {
		if _, err := parseGrowthReference([]byte(bad)); err == nil {
			t.Errorf("accepted %s", bad)
		}
	}
}

// BenchmarkChildGrowth scores one child's height and weight on every indicator of the age.
func BenchmarkChildGrowth(b *testing.B) {
	birth := time.Date(2022, 3, 1, 0, 0, 0, 0, time.UTC)
	on := birth.AddDate(3, 2, 11)
	for i := 0; i < b.N; i++ {
		if len(GrowthFile.ChildGrowth("female", birth, on, 97.5, 14.8)) != 4 {
			b.Fatal("four indicators expected")
		}
	}
}

// BenchmarkGrowthReferenceLoad parses and checks reference/who-growth.json, as the process does once.
func BenchmarkGrowthReferenceLoad(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := parseGrowthReference(whoGrowthJSON); err != nil {
			b.Fatal(err)
		}
	}
}
