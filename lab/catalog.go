// Package lab loads the lab's test catalog (catalog.yaml): the tests the protocol steps are
// ordered as, their components, units, LOINC codes, reference ranges and critical values, with
// the sources of those numbers. A catalog that breaks a rule fails at load, never at the bench.
package lab

import (
	"bytes"
	_ "embed"
	"fmt"
	"regexp"
	"strconv"

	"gopkg.in/yaml.v3"

	"github.com/mhac-clinic/mhac/clinic"
)

//go:embed catalog.yaml
var catalogYAML []byte

type catalogFile struct {
	Edition string       `yaml:"edition"`
	Sources []sourceYAML `yaml:"sources"`
	IGRA    struct {
		NilMax          float64 `yaml:"nil_max"`
		TBMinusNil      float64 `yaml:"tb_minus_nil"`
		TBShareOfNil    float64 `yaml:"tb_share_of_nil"`
		MitogenMinusNil float64 `yaml:"mitogen_minus_nil"`
	} `yaml:"igra"`
	Tests []testYAML `yaml:"tests"`
}

type sourceYAML struct {
	Doc     string `yaml:"doc"`
	Section string `yaml:"section"`
	Edition string `yaml:"edition"`
	URL     string `yaml:"url"`
}

type testYAML struct {
	Code            string          `yaml:"code"`
	Step            string          `yaml:"step"`
	Name            string          `yaml:"name"`
	LOINC           string          `yaml:"loinc"`
	Specimen        string          `yaml:"specimen"`
	Specimens       int             `yaml:"specimens"`
	Interpret       string          `yaml:"interpret"`
	Positive        string          `yaml:"positive"`
	Negative        string          `yaml:"negative"`
	ReadAfterHours  int             `yaml:"read_after_hours"`
	ReadBeforeHours int             `yaml:"read_before_hours"`
	TurnaroundDays  int             `yaml:"turnaround_days"`
	Components      []componentYAML `yaml:"components"`
}

type componentYAML struct {
	Code     string      `yaml:"code"`
	Name     string      `yaml:"name"`
	LOINC    string      `yaml:"loinc"`
	Unit     string      `yaml:"unit"`
	Choices  []string    `yaml:"choices"`
	Min      float64     `yaml:"min"`
	Max      float64     `yaml:"max"`
	Computed string      `yaml:"computed"`
	Optional bool        `yaml:"optional"`
	Feeds    string      `yaml:"feeds"`
	Ranges   []rangeYAML `yaml:"ranges"`
	Abnormal []string    `yaml:"abnormal"`
	Critical []string    `yaml:"critical"`
}

type rangeYAML struct {
	Sex          string   `yaml:"sex"`
	AgeFrom      int      `yaml:"age_from"`
	AgeTo        int      `yaml:"age_to"`
	Low          *float64 `yaml:"low"`
	High         *float64 `yaml:"high"`
	CriticalLow  *float64 `yaml:"critical_low"`
	CriticalHigh *float64 `yaml:"critical_high"`
}

// Catalog loads the catalog shipped with the binary.
func Catalog() (*clinic.LabCatalog, error) { return Parse(catalogYAML) }

// Parse reads and checks a catalog file.
func Parse(data []byte) (*clinic.LabCatalog, error) {
	var f catalogFile
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("lab catalog: %w", err)
	}
	if len(f.Sources) == 0 || f.Edition == "" {
		return nil, fmt.Errorf("lab catalog: an edition and its sources are required")
	}
	c := &clinic.LabCatalog{Edition: f.Edition, IGRA: clinic.IGRACutoffs(f.IGRA)}
	for _, s := range f.Sources {
		c.Sources = append(c.Sources, clinic.Source(s))
	}
	codes, steps := map[string]bool{}, map[string]bool{}
	for _, t := range f.Tests {
		lt, err := convertTest(t)
		if err != nil {
			return nil, fmt.Errorf("lab catalog: test %q: %w", t.Code, err)
		}
		if codes[t.Code] || (t.Step != "" && steps[t.Step]) {
			return nil, fmt.Errorf("lab catalog: test %q: its code or step %q is listed twice", t.Code, t.Step)
		}
		codes[t.Code], steps[t.Step] = true, true
		c.Tests = append(c.Tests, lt)
	}
	return c, nil
}

var (
	codeRE      = regexp.MustCompile(`^[a-z][a-z0-9_]{0,40}$`)
	specimens   = []string{"blood", "serum", "urine", "sputum", "skin", "swab", "isolate"}
	interprets  = []string{"", "igra_qft_plus", "screen_confirm", "any_abnormal"}
	computeds   = []string{"", "egfr_ckd_epi_2021"}
	igraInputs  = []string{"nil", "tb1", "tb2", "mitogen"}
	screenParts = []string{"screen", "confirm"}
)

func convertTest(t testYAML) (clinic.LabTest, error) {
	lt := clinic.LabTest{Code: t.Code, Step: t.Step, Name: t.Name, LOINC: t.LOINC, Specimen: t.Specimen, Specimens: t.Specimens,
		Interpret: t.Interpret, Positive: t.Positive, Negative: t.Negative, ReadAfterHours: t.ReadAfterHours,
		ReadBeforeHours: t.ReadBeforeHours, TurnaroundDays: t.TurnaroundDays}
	switch {
	case !codeRE.MatchString(t.Code) || t.Name == "":
		return lt, fmt.Errorf("a code of lower-case letters, digits and _ and a name are required")
	case !in(t.Specimen, specimens):
		return lt, fmt.Errorf("specimen %q is not one of %v", t.Specimen, specimens)
	case !in(t.Interpret, interprets):
		return lt, fmt.Errorf("interpret %q is not one of %v", t.Interpret, interprets)
	case t.Interpret == "screen_confirm" && (t.Positive == "" || t.Negative == ""):
		return lt, fmt.Errorf("a screen/confirm test names its positive and negative words")
	case t.ReadAfterHours < 0 || t.ReadBeforeHours < t.ReadAfterHours || t.TurnaroundDays < 0 || t.Specimens < 0 || t.Specimens > 3:
		return lt, fmt.Errorf("reading hours, turnaround days or specimen count out of range")
	case len(t.Components) == 0:
		return lt, fmt.Errorf("a test has at least one component")
	}
	if err := checkLOINC(t.LOINC); err != nil {
		return lt, err
	}
	has := map[string]bool{}
	for _, c := range t.Components {
		comp, err := convertComponent(c)
		if err != nil {
			return lt, fmt.Errorf("component %q: %w", c.Code, err)
		}
		has[c.Code] = true
		lt.Components = append(lt.Components, comp)
	}
	need := map[string][]string{"igra_qft_plus": igraInputs, "screen_confirm": screenParts}[t.Interpret]
	for _, n := range need {
		if !has[n] {
			return lt, fmt.Errorf("interpretation %s needs a component %q", t.Interpret, n)
		}
	}
	if t.Interpret == "" && t.Components[0].Computed != "" {
		return lt, fmt.Errorf("the first component gives the step's value and cannot be computed")
	}
	return lt, nil
}

func convertComponent(c componentYAML) (clinic.LabComponent, error) {
	comp := clinic.LabComponent{Code: c.Code, Name: c.Name, LOINC: c.LOINC, Unit: c.Unit, Choices: c.Choices, Min: c.Min, Max: c.Max,
		Computed: c.Computed, Optional: c.Optional, Feeds: c.Feeds, Abnormal: c.Abnormal, Critical: c.Critical}
	switch {
	case !codeRE.MatchString(c.Code) || c.Name == "":
		return comp, fmt.Errorf("a code and a name are required")
	case !in(c.Computed, computeds):
		return comp, fmt.Errorf("computed %q is not one of %v", c.Computed, computeds)
	case c.Computed == "" && len(c.Choices) == 0 && !(c.Min < c.Max):
		return comp, fmt.Errorf("a number needs min below max")
	case len(c.Choices) > 0 && len(c.Ranges) > 0:
		return comp, fmt.Errorf("a coded answer has no reference range; flag it with abnormal or critical")
	}
	for _, v := range append(append([]string{}, c.Abnormal...), c.Critical...) {
		if !in(v, c.Choices) {
			return comp, fmt.Errorf("flagged answer %q is not one of its choices", v)
		}
	}
	if err := checkLOINC(c.LOINC); err != nil {
		return comp, err
	}
	for i, r := range c.Ranges {
		if r.Sex != "" && r.Sex != "female" && r.Sex != "male" {
			return comp, fmt.Errorf("range %d: sex %q", i, r.Sex)
		}
		if r.AgeTo != 0 && r.AgeTo <= r.AgeFrom {
			return comp, fmt.Errorf("range %d: age_to must be above age_from", i)
		}
		if r.Low != nil && r.High != nil && *r.Low > *r.High {
			return comp, fmt.Errorf("range %d: low above high", i)
		}
		if r.CriticalLow != nil && r.Low != nil && *r.CriticalLow > *r.Low {
			return comp, fmt.Errorf("range %d: critical low above low", i)
		}
		if r.CriticalHigh != nil && r.High != nil && *r.CriticalHigh < *r.High {
			return comp, fmt.Errorf("range %d: critical high below high", i)
		}
		comp.Ranges = append(comp.Ranges, clinic.RefRange{Sex: r.Sex, AgeFrom: r.AgeFrom, AgeTo: r.AgeTo, Low: r.Low, High: r.High,
			CriticalLow: r.CriticalLow, CriticalHigh: r.CriticalHigh})
	}
	return comp, nil
}

var loincRE = regexp.MustCompile(`^([0-9]{1,7})-([0-9])$`)

// checkLOINC checks a LOINC code's form and its mod-10 check digit ("" is allowed: none recorded).
func checkLOINC(code string) error {
	if code == "" {
		return nil
	}
	m := loincRE.FindStringSubmatch(code)
	if m == nil {
		return fmt.Errorf("LOINC code %q is not of the form 12345-6", code)
	}
	if d := loincCheckDigit(m[1]); strconv.Itoa(d) != m[2] {
		return fmt.Errorf("LOINC code %q: the check digit should be %d", code, d)
	}
	return nil
}

// loincCheckDigit is LOINC's mod-10 check digit: the digits in odd places from the right form a
// number that is doubled, the other digits are appended, and the digits are summed.
func loincCheckDigit(num string) int {
	var odd, even []byte
	for i := len(num) - 1; i >= 0; i-- {
		if (len(num)-1-i)%2 == 0 {
			odd = append([]byte{num[i]}, odd...)
		} else {
			even = append(even, num[i])
		}
	}
	n, _ := strconv.Atoi(string(odd))
	sum := 0
	for _, ch := range strconv.Itoa(2*n) + string(even) {
		sum += int(ch - '0')
	}
	return (10 - sum%10) % 10
}

func in(v string, set []string) bool {
	for _, s := range set {
		if s == v {
			return true
		}
	}
	return false
}
