package cdsi

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
	"time"
)

// sampleCase is one of CDC's test cases as testdata/sample-cases.json holds them.
type sampleCase struct {
	ID             string `json:"id"`
	Name           string `json:"name"`
	Group          string `json:"vaccine_group_cdsi"`
	DOB            string `json:"dob"`
	Gender         string `json:"gender"`
	AssessmentDate string `json:"assessment_date"`
	Observations   []struct {
		Code string  `json:"code"`
		Date *string `json:"date"`
	} `json:"observations"`
	Doses []struct {
		Date   string  `json:"date"`
		CVX    string  `json:"cvx"`
		MVX    *string `json:"mvx"`
		Status string  `json:"expected_evaluation_status"`
	} `json:"doses"`
	Expected struct {
		SeriesStatus string  `json:"series_status"`
		DoseNumber   *string `json:"forecast_dose_number"`
		Earliest     *string `json:"earliest_date"`
		Recommended  *string `json:"recommended_date"`
		PastDue      *string `json:"past_due_date"`
	} `json:"expected"`
}

func loadSampleCases(t testing.TB) []sampleCase {
	t.Helper()
	raw, err := os.ReadFile("testdata/sample-cases.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []sampleCase
	if err := json.Unmarshal(raw, &cases); err != nil {
		t.Fatal(err)
	}
	return cases
}

func mustDate(t testing.TB, s string) time.Time {
	t.Helper()
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		t.Fatalf("bad date %q: %v", s, err)
	}
	return d
}

func (c sampleCase) patient(t testing.TB) (Patient, time.Time) {
	p := Patient{DOB: mustDate(t, c.DOB), Gender: c.Gender}
	for _, d := range c.Doses {
		dose := Dose{Date: mustDate(t, d.Date), CVX: d.CVX}
		if d.MVX != nil {
			dose.MVX = *d.MVX
		}
		p.Doses = append(p.Doses, dose)
	}
	for _, o := range c.Observations {
		po := PatientObservation{Code: o.Code}
		if o.Date != nil {
			po.Date = mustDate(t, *o.Date)
		}
		p.Observations = append(p.Observations, po)
	}
	return p, mustDate(t, c.AssessmentDate)
}

// check compares the engine's answer with the case's expectations and lists the differences.
func (c sampleCase) check(res Result) []string {
	var diffs []string
	for i, d := range c.Doses {
		got := groupDoseStatus(res.Doses[i], c.Group)
		if !strings.EqualFold(got, d.Status) {
			diffs = append(diffs, fmt.Sprintf("dose %d status: got %q, want %q", i+1, got, d.Status))
		}
	}
	gf, _ := res.Group(c.Group, "")
	want := c.Expected
	if !strings.EqualFold(gf.Status, want.SeriesStatus) {
		diffs = append(diffs, fmt.Sprintf("series status: got %q, want %q", gf.Status, want.SeriesStatus))
	}
	cmp := func(what, got string, want *string) {
		w := ""
		if want != nil {
			w = *want
		}
		if got != w {
			diffs = append(diffs, fmt.Sprintf("%s: got %q, want %q", what, got, w))
		}
	}
	cmp("dose number", gf.DoseNumber, want.DoseNumber)
	cmp("earliest", fmtDate(gf.Earliest), want.Earliest)
	cmp("recommended", fmtDate(gf.Recommended), want.Recommended)
	cmp("past due", fmtDate(gf.PastDue), want.PastDue)
	return diffs
}

func fmtDate(d *time.Time) string {
	if d == nil {
		return ""
	}
	return d.Format("2006-01-02")
}

// groupDoseStatus folds a dose's antigen evaluations for one vaccine group into one status. A
// case may list a dose of another group (a varicella dose in an MMR case); it is then judged
// by its own antigens.
func groupDoseStatus(dr DoseResult, group string) string {
	if st := GroupDoseStatus(dr.Evaluations, group); st != "" {
		return st
	}
	if len(dr.Evaluations) == 0 {
		return ""
	}
	return GroupDoseStatus(dr.Evaluations, dr.Evaluations[0].VaccineGroup)
}

// sampleFloor is the number of sample cases per vaccine group that must pass; it records what
// the engine reached, so that a change that breaks a case fails the test.
var sampleFloor = map[string]int{
	"COVID-19": 13, "DTaP/Tdap/Td": 27, "Ebola": 2, "HPV": 19, "HepA": 5, "HepB": 14, "Hib": 18,
	"Influenza": 3, "MMR": 9, "Meningococcal": 8, "Meningococcal B": 8, "Orthopoxvirus": 3,
	"Pneumococcal": 18, "Polio": 18, "RSV": 3, "Rabies": 3, "Rotavirus": 6, "TBE": 1,
	"Varicella": 7, "Yellow Fever": 1, "Zoster": 5,
}

func TestSampleCases(t *testing.T) {
	eng, err := NewDefault()
	if err != nil {
		t.Fatal(err)
	}
	type tally struct{ pass, total int }
	byGroup := map[string]*tally{}
	for _, c := range loadSampleCases(t) {
		p, assess := c.patient(t)
		tl := byGroup[c.Group]
		if tl == nil {
			tl = &tally{}
			byGroup[c.Group] = tl
		}
		tl.total++
		res, err := eng.Evaluate(p, assess)
		if err != nil {
			t.Errorf("%s %s: %v", c.ID, c.Name, err)
			continue
		}
		if diffs := c.check(res); len(diffs) > 0 {
			if testing.Verbose() {
				t.Logf("%s [%s] %s:\n    %s", c.ID, c.Group, c.Name, strings.Join(diffs, "\n    "))
			}
			continue
		}
		tl.pass++
	}
	groups := make([]string, 0, len(byGroup))
	for g := range byGroup {
		groups = append(groups, g)
	}
	sort.Strings(groups)
	var b strings.Builder
	pass, total := 0, 0
	fmt.Fprintf(&b, "\n%-18s %6s %6s %7s\n", "vaccine group", "pass", "cases", "rate")
	for _, g := range groups {
		tl := byGroup[g]
		pass, total = pass+tl.pass, total+tl.total
		fmt.Fprintf(&b, "%-18s %6d %6d %6.1f%%\n", g, tl.pass, tl.total, 100*float64(tl.pass)/float64(tl.total))
		if tl.pass < sampleFloor[g] {
			t.Errorf("%s: %d sample cases pass, below the recorded floor of %d", g, tl.pass, sampleFloor[g])
		}
	}
	fmt.Fprintf(&b, "%-18s %6d %6d %6.1f%%\n", "all", pass, total, 100*float64(pass)/float64(total))
	t.Log(b.String())
}
