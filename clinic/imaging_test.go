package clinic

import (
	"fmt"
	"strings"
	"testing"
)

// TestSecondReadShare: over many accession numbers the share sampled is the site's setting
// (within half a point over 20 000 studies), the same accession always gets the same answer,
// and 0 % and 100 % mean none and all.
func TestSecondReadShare(t *testing.T) {
	for _, pct := range []int{0, 5, 10, 25, 100} {
		n, picked := 20000, 0
		for i := 0; i < n; i++ {
			acc := fmt.Sprintf("RXKGL%07d", i+1)
			got := SecondReadSampled(acc, pct)
			if got != SecondReadSampled(acc, pct) {
				t.Fatalf("%s: the choice changes between calls", acc)
			}
			if got {
				picked++
			}
		}
		share := float64(picked) * 100 / float64(n)
		if share < float64(pct)-0.5 || share > float64(pct)+0.5 {
			t.Errorf("%d %%: sampled %.2f %% of %d studies", pct, share, n)
		}
	}
}

func TestDeriveDS3030(t *testing.T) {
	form, err := ReadingFormFor("US")
	if err != nil || form.Form != "DS-3030" {
		t.Fatalf("US form: %+v, %v", form, err)
	}
	cases := []struct {
		findings []string
		remarks  string
		want     string
		problem  string
	}{
		{nil, "", "normal", ""},
		{[]string{"cardiac"}, "", "abnormal_not_tb", ""},
		{[]string{"cardiac", "discrete_linear_opacity"}, "", "inactive_tb", ""},
		{[]string{"discrete_linear_opacity", "miliary"}, "", "suggestive_of_tb", ""},
		{[]string{"smooth_pleural_thickening", "musculoskeletal"}, "", "abnormal_not_tb", ""},
		{[]string{"other"}, "", "", "remarks"},
		{[]string{"other"}, "Scoliosis", "abnormal_not_tb", ""},
		{[]string{"cavitary_lesion", "cavitary_lesion"}, "", "", "findings[1]"},
		{[]string{"spots"}, "", "", "findings[0]"},
	}
	for _, c := range cases {
		r := ImagingReading{Findings: c.findings, Remarks: c.remarks}
		got, err := form.derive(&r)
		if c.problem != "" {
			e := ErrorOf(err)
			if err == nil || e.Code != EValidation || e.Fields[0].Field != c.problem {
				t.Errorf("%v: error %v, want a problem on %s", c.findings, err, c.problem)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("%v: %q, %v; want %q", c.findings, got, err, c.want)
		}
	}
}

func TestDeriveGrading(t *testing.T) {
	for _, country := range []string{"CA", "AU", "NZ"} {
		form, err := ReadingFormFor(country)
		if err != nil || form.Kind != "grading" {
			t.Fatalf("%s: %+v, %v", country, form, err)
		}
		if got, err := form.derive(&ImagingReading{Grade: "inactive_tb"}); err != nil || got != "inactive_tb" {
			t.Errorf("%s: %q, %v", country, got, err)
		}
		if _, err := form.derive(&ImagingReading{Grade: "cavity"}); err == nil {
			t.Errorf("%s: an unknown grade is taken", country)
		}
		if _, err := form.derive(&ImagingReading{Grade: "normal", Findings: []string{"cardiac"}}); err == nil {
			t.Errorf("%s: findings on a grading form are taken", country)
		}
	}
}

func TestReadingFormsFile(t *testing.T) {
	bad := map[string]string{
		"unknown result":   strings.Replace(string(readingFormsJSON), `"result": "inactive_tb"}`, `"result": "old_tb"}`, 1),
		"second read":      strings.Replace(string(readingFormsJSON), `"results": ["suggestive_of_tb", "inactive_tb"]`, `"results": ["tb"]`, 1),
		"no source":        strings.Replace(string(readingFormsJSON), `"doc": "IMM 5419 Chest X-ray Requisition and Report"`, `"doc": ""`, 1),
		"unknown kind":     strings.Replace(string(readingFormsJSON), `"kind": "grading"`, `"kind": "scale"`, 1),
		"grade not result": strings.Replace(string(readingFormsJSON), `{"result": "normal", "label": "Normal"}`, `{"result": "clear", "label": "Normal"}`, 1),
	}
	for name, data := range bad {
		if data == string(readingFormsJSON) {
			t.Fatalf("%s: the replacement did not apply", name)
		}
		if _, err := parseReadingForms([]byte(data)); err == nil {
			t.Errorf("%s: the file is accepted", name)
		}
	}
	if !asksPregnancy("female", 30) || asksPregnancy("female", 60) || asksPregnancy("male", 30) || asksPregnancy("female", 8) {
		t.Error("the pregnancy question is asked of the wrong people")
	}
	if !needsSecondRead("suggestive_of_tb") || needsSecondRead("normal") {
		t.Error("second reads of the wrong results")
	}
}
