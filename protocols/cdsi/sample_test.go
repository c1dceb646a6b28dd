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
	return readCases(t, "testdata/sample-cases.json")
}

// readCases reads a file of CDC test cases in the JSON form of testdata/sample-cases.json.
func readCases(t testing.TB, path string) []sampleCase {
	t.Helper()
	raw, err := os.ReadFile(path)
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

// TestSampleCases runs CDC's sample cases and fails when a vaccine group passes fewer than its
// floor. CDSI_CASES may name more case files (comma-separated, same JSON form), such as CDC's
// whole suites converted the same way: their pass rates by vaccine group and by suite are
// logged too (go test -v), without floors.
func TestSampleCases(t *testing.T) {
	eng, err := NewDefault()
	if err != nil {
		t.Fatal(err)
	}
	byGroup, bySuite := scoreCases(t, eng, loadSampleCases(t), true)
	t.Log("testdata/sample-cases.json" + tallyTable(byGroup, bySuite))
	for g, tl := range byGroup {
		if tl.pass < sampleFloor[g] {
			t.Errorf("%s: %d sample cases pass, below the recorded floor of %d", g, tl.pass, sampleFloor[g])
		}
	}
	for _, path := range strings.Split(os.Getenv("CDSI_CASES"), ",") {
		if path = strings.TrimSpace(path); path != "" {
			byGroup, bySuite := scoreCases(t, eng, readCases(t, path), false)
			t.Log(path + tallyTable(byGroup, bySuite))
		}
	}
}

type tally struct{ pass, total int }

// scoreCases runs the cases and counts passes by vaccine group and by suite (healthy or
// underlying conditions). An input the engine refuses counts as a failure; with strict, it also
// fails the test.
func scoreCases(t *testing.T, eng *Engine, cases []sampleCase, strict bool) (byGroup, bySuite map[string]*tally) {
	byGroup, bySuite = map[string]*tally{}, map[string]*tally{}
	count := func(m map[string]*tally, k string, ok bool) {
		if m[k] == nil {
			m[k] = &tally{}
		}
		m[k].total++
		if ok {
			m[k].pass++
		}
	}
	for _, c := range cases {
		suite := "healthy"
		if len(c.Observations) > 0 || strings.Contains(c.ID, "-UC-") {
			suite = "underlying conditions"
		}
		p, assess := c.patient(t)
		res, err := eng.Evaluate(p, assess)
		var diffs []string
		if err != nil {
			if strict {
				t.Errorf("%s %s: %v", c.ID, c.Name, err)
			}
			diffs = []string{err.Error()}
		} else {
			diffs = c.check(res)
		}
		if len(diffs) > 0 && testing.Verbose() {
			t.Logf("%s [%s] %s:\n    %s", c.ID, c.Group, c.Name, strings.Join(diffs, "\n    "))
		}
		count(byGroup, c.Group, len(diffs) == 0)
		count(bySuite, suite, len(diffs) == 0)
	}
	return byGroup, bySuite
}

// tallyTable prints pass rates by vaccine group, then by suite and in all.
func tallyTable(byGroup, bySuite map[string]*tally) string {
	var b strings.Builder
	line := func(name string, tl *tally) {
		fmt.Fprintf(&b, "%-22s %6d %6d %6.1f%%\n", name, tl.pass, tl.total, 100*float64(tl.pass)/float64(tl.total))
	}
	fmt.Fprintf(&b, "\n%-22s %6s %6s %7s\n", "vaccine group", "pass", "cases", "rate")
	all := &tally{}
	for _, g := range sortedKeys(byGroup) {
		line(g, byGroup[g])
		all.pass, all.total = all.pass+byGroup[g].pass, all.total+byGroup[g].total
	}
	for _, s := range sortedKeys(bySuite) {
		line(s, bySuite[s])
	}
	line("all", all)
	return b.String()
}

func sortedKeys(m map[string]*tally) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
