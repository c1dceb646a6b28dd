// Command whogrowth extracts the L, M and S columns of the WHO growth tables (the xlsx files
// of the WHO Child Growth Standards 2006 and the WHO Growth Reference 2007) into the clinic's
// one data file, clinic/reference/who-growth.json, and a sample of each table's own z-score and
// percentile columns into clinic/testdata/who-growth-check.json, against which the clinic's LMS
// computation is tested.
//
// The xlsx files are those of the npm package who-growth 1.7.0 (resources/WHODocuments), a copy
// of the files WHO publishes on its growth-standards pages:
//
//	npm pack who-growth@1.7.0 && tar xzf who-growth-1.7.0.tgz
//	go run ./tools/whogrowth -dir package/resources/WHODocuments
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// table is one indicator for one sex over one range of age or length, from one or more files.
type table struct {
	Indicator string   `json:"indicator"` // weight_for_age, length_for_age, height_for_age, bmi_for_age_length, bmi_for_age, weight_for_length, weight_for_height
	Sex       string   `json:"sex"`       // male | female
	By        string   `json:"by"`        // age_months | length_cm | height_cm
	Files     []string `json:"files"`
	// AgesMonths are the ages a table by length or height applies to, as WHO splits them.
	AgesMonths []float64   `json:"ages_months,omitempty"`
	LMS        [][]float64 `json:"lms"` // [x, L, M, S]
}

// check is one row of a table's own z-score or percentile columns.
type check struct {
	Indicator string             `json:"indicator"`
	Sex       string             `json:"sex"`
	File      string             `json:"file"`
	X         float64            `json:"x"`
	Values    map[string]float64 `json:"values"` // column (SD2neg, SD0, SD3, P3, P50, P97, ...) → measurement
	Decimals  int                `json:"decimals"`
}

type part struct {
	glob     string
	from, to float64 // rows kept
}

type spec struct {
	indicator, by string
	parts         []part
	checks        []string // globs of the z-score and percentile files sampled
}

func specs(sex string) []spec {
	s := sex // boys | girls
	return []spec{
		{"weight_for_age", "age_months", []part{{"weightForAge/wfa_" + s + "_0-to-5-years_zscores.xlsx", 0, 60},
			{"weightForAge/hfa-" + s + "-z-who-2007-exp_*.xlsx", 61, 120}},
			[]string{"weightForAge/wfa_" + s + "_0-to-5-years_zscores.xlsx", "weightForAge/tab_wfa_" + s + "_p_0_5.xlsx",
				"weightForAge/hfa-" + s + "-z-who-2007-exp_*.xlsx", "weightForAge/hfa-" + s + "-perc-who2007-exp_*.xlsx"}},
		{"length_for_age", "age_months", []part{{"heightForAge/lhfa_" + s + "_0-to-2-years_zscores.xlsx", 0, 24}},
			[]string{"heightForAge/lhfa_" + s + "_0-to-2-years_zscores.xlsx", "heightForAge/tab_lhfa_" + s + "_p_0_2.xlsx"}},
		{"height_for_age", "age_months", []part{{"heightForAge/lhfa_" + s + "_2-to-5-years_zscores.xlsx", 24, 60},
			{"heightForAge/hfa-" + s + "-z-who-2007-exp.xlsx", 61, 228}},
			[]string{"heightForAge/lhfa_" + s + "_2-to-5-years_zscores.xlsx", "heightForAge/tab_lhfa_" + s + "_p_2_5.xlsx",
				"heightForAge/hfa-" + s + "-z-who-2007-exp.xlsx", "heightForAge/hfa-" + s + "-perc-who2007-exp.xlsx"}},
		{"bmi_for_age_length", "age_months", []part{{"bmiForAge/bmi_" + s + "_0-to-2-years_z*.xlsx", 0, 24}},
			[]string{"bmiForAge/bmi_" + s + "_0-to-2-years_z*.xlsx", "bmiForAge/tab_bmi_" + s + "_p_0_2.xlsx"}},
		{"bmi_for_age", "age_months", []part{{"bmiForAge/bmi_" + s + "_2-to-5-years_zscores.xlsx", 24, 60},
			{"bmiForAge/bmi-" + s + "-z-who-2007-exp.xlsx", 61, 228}},
			[]string{"bmiForAge/bmi_" + s + "_2-to-5-years_zscores.xlsx", "bmiForAge/tab_bmi_" + s + "_p_2_5.xlsx",
				"bmiForAge/bmi-" + s + "-z-who-2007-exp.xlsx", "bmiForAge/bmi-" + s + "-perc-who2007-exp.xlsx"}},
		{"weight_for_length", "length_cm", []part{{"weightForHeight/wfl_" + s + "_0-to-2-years_zscores.xlsx", 45, 110}},
			[]string{"weightForHeight/wfl_" + s + "_0-to-2-years_zscores.xlsx", "weightForHeight/tab_wfl_" + s + "_p_0_2.xlsx"}},
		{"weight_for_height", "height_cm", []part{{"weightForHeight/wfh_" + s + "_2-to-5-years_zscores.xlsx", 65, 120}},
			[]string{"weightForHeight/wfh_" + s + "_2-to-5-years_zscores.xlsx", "weightForHeight/tab_wfh_" + s + "_p_2_5.xlsx"}},
	}
}

func one(dir, glob string) string {
	m, err := filepath.Glob(filepath.Join(dir, glob))
	if err != nil || len(m) != 1 {
		log.Fatalf("%s: %d files match (%v)", glob, len(m), err)
	}
	return m[0]
}

// rows answers the file's header (trimmed) and its numeric rows.
func rows(path string) ([]string, [][]float64) {
	x, err := excelize.OpenFile(path)
	if err != nil {
		log.Fatal(err)
	}
	defer x.Close()
	all, err := x.GetRows(x.GetSheetList()[0], excelize.Options{RawCellValue: true})
	if err != nil {
		log.Fatal(err)
	}
	var head []string
	for _, h := range all[0] {
		head = append(head, strings.TrimSpace(h))
	}
	var out [][]float64
	for _, r := range all[1:] {
		if len(r) < len(head) {
			continue
		}
		vals := make([]float64, len(head))
		for i := range head {
			v, err := strconv.ParseFloat(strings.TrimSpace(r[i]), 64)
			if err != nil {
				log.Fatalf("%s: %q: %v", path, r[i], err)
			}
			vals[i] = v
		}
		out = append(out, vals)
	}
	return head, out
}

func col(head []string, name string) int {
	for i, h := range head {
		if h == name {
			return i
		}
	}
	log.Fatalf("no column %s in %v", name, head)
	return -1
}

func main() {
	dir := flag.String("dir", "package/resources/WHODocuments", "the who-growth package's WHODocuments directory")
	out := flag.String("out", "clinic/reference/who-growth.json", "data file written")
	checkOut := flag.String("check", "clinic/testdata/who-growth-check.json", "sample of the tables' own columns written")
	flag.Parse()
	var tables []table
	var checks []check
	for _, sex := range []string{"boys", "girls"} {
		code := map[string]string{"boys": "male", "girls": "female"}[sex]
		for _, sp := range specs(sex) {
			t := table{Indicator: sp.indicator, Sex: code, By: sp.by}
			switch sp.indicator {
			case "weight_for_length":
				t.AgesMonths = []float64{0, 24} // WHO Child Growth Standards: under 2 years, recumbent length
			case "weight_for_height":
				t.AgesMonths = []float64{24, 60} // 2 to 5 years, standing height
			}
			for _, p := range sp.parts {
				path := one(*dir, p.glob)
				head, rs := rows(path)
				t.Files = append(t.Files, filepath.Base(path))
				if sp.by != "age_months" {
					t.By = map[string]string{"Length": "length_cm", "Height": "height_cm"}[head[0]]
				}
				l, m, s := col(head, "L"), col(head, "M"), col(head, "S")
				for _, r := range rs {
					if r[0] < p.from || r[0] > p.to {
						continue
					}
					t.LMS = append(t.LMS, []float64{r[0], r[l], r[m], r[s]})
				}
			}
			tables = append(tables, t)
			for _, g := range sp.checks {
				path := one(*dir, g)
				head, rs := rows(path)
				dec := 1
				if strings.Contains(path, "2007") {
					dec = 3
				}
				for i, r := range rs {
					if i%6 != 0 && i != len(rs)-1 {
						continue // a sample: every sixth row and the last
					}
					c := check{Indicator: sp.indicator, Sex: code, File: filepath.Base(path), X: r[0], Values: map[string]float64{}, Decimals: dec}
					for j, h := range head {
						if strings.HasPrefix(h, "SD") && h != "SD" || strings.HasPrefix(h, "P") {
							c.Values[h] = r[j]
						}
					}
					checks = append(checks, c)
				}
			}
		}
	}
	doc := map[string]any{
		"title": "WHO growth standards and reference: L, M and S by age, length or height",
		"source": map[string]any{
			"standards":  "WHO Child Growth Standards (2006), 0–5 years: length/height-for-age, weight-for-age, weight-for-length, weight-for-height and body mass index-for-age. WHO Multicentre Growth Reference Study Group, Acta Paediatrica 2006; Suppl 450. https://www.who.int/tools/child-growth-standards/standards",
			"reference":  "WHO Growth Reference 2007, 5–19 years: height-for-age and BMI-for-age to 19 years, weight-for-age to 10 years. de Onis M et al., Bull World Health Organ 2007;85:660–7. https://www.who.int/tools/growth-reference-data-for-5to19-years",
			"obtained":   "the xlsx tables as WHO publishes them, from the npm package who-growth 1.7.0 (resources/WHODocuments); extracted by tools/whogrowth",
			"method":     "z = ((X/M)^L − 1)/(L·S); for weight-based indicators beyond ±3 SD the WHO restricted computation (WHO Anthro / WHO Child Growth Standards 2006, chapter 7)",
			"age_months": "age in months; the 2006 tables are by completed month, the 2007 tables by month from 61 to 228 (weight-for-age to 120)",
		},
		"tables": tables,
	}
	write(*out, doc)
	write(*checkOut, map[string]any{"note": "A sample of the WHO tables' own z-score (SD…) and percentile (P…) columns, every sixth row, written by tools/whogrowth from the same files.", "checks": checks})
	fmt.Printf("%d tables, %d check rows\n", len(tables), len(checks))
}

func write(path string, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
		log.Fatal(err)
	}
}
