package clinic

import (
	"context"
	"fmt"
	"math"
	"strings"
)

// LabCatalog is the lab's test catalog: every test the lab can be ordered for a protocol step,
// its components with units, LOINC codes and reference ranges, and the sources of its numbers.
// The lab package loads it from its data file; the clinic reads it, never hard-codes it.
type LabCatalog struct {
	Edition string
	Sources []Source
	Tests   []LabTest
	// IGRA holds the manufacturer's cut-offs of the interferon-gamma release assay.
	IGRA IGRACutoffs
}

// LabTest is one orderable test. It feeds the result of one protocol step.
type LabTest struct {
	Code      string // catalog code, e.g. igra_qft_plus
	Step      string // the protocol step whose result it gives; "" when no rule asks for it yet
	Name      string
	LOINC     string // the panel's or the test's LOINC code; "" when none is recorded
	Specimen  string // blood | serum | urine | sputum | skin | swab
	Specimens int    // specimens to collect for the step (sputum: 3); 1 when zero
	// Interpret says how the components give the step's value: igra_qft_plus, screen_confirm,
	// any_abnormal, or component (one component's value is the step's value).
	Interpret string
	// Positive and Negative are the step's words for a screen/confirm test (e.g. reactive).
	Positive, Negative string
	Components         []LabComponent
	// ReadAfterHours/ReadBeforeHours: a test read later than it is placed (TST: 48–72 h).
	ReadAfterHours, ReadBeforeHours int
	// TurnaroundDays: a result not in this many days after receipt is overdue (cultures: 56).
	TurnaroundDays int
}

// LabComponent is one measured or observed part of a test.
type LabComponent struct {
	Code     string
	Name     string
	LOINC    string
	Unit     string
	Choices  []string // a coded answer; none for a number
	Min, Max float64  // what may be entered, for a number
	Computed string   // egfr_ckd_epi_2021: not entered, computed from the others
	Optional bool     // may be left out (a confirmatory test after a non-reactive screen)
	Feeds    string   // a step the component's own value is also the result of (creatinine → egfr)
	Ranges   []RefRange
	Abnormal []string // choices flagged abnormal
	Critical []string // choices flagged critical
}

// RefRange is a component's reference interval for one sex and age band, with its critical limits.
type RefRange struct {
	Sex                       string // female | male | "" for both
	AgeFrom, AgeTo            int    // completed years, AgeTo exclusive (0: no upper bound)
	Low, High                 *float64
	CriticalLow, CriticalHigh *float64
}

// IGRACutoffs are the QuantiFERON-TB Gold Plus interpretation criteria (IU/mL).
type IGRACutoffs struct {
	NilMax          float64 // above it: indeterminate (8.0)
	TBMinusNil      float64 // TB antigen minus Nil at or above it, with the share of Nil: positive (0.35)
	TBShareOfNil    float64 // and at least this share of Nil (0.25)
	MitogenMinusNil float64 // below it with TB negative: indeterminate (0.50)
}

// Result flags.
const (
	FlagNormal   = "normal"
	FlagLow      = "low"
	FlagHigh     = "high"
	FlagAbnormal = "abnormal"
	FlagCritical = "critical"
)

// Test finds a test by its catalog code.
func (c *LabCatalog) Test(code string) (LabTest, bool) {
	for _, t := range c.Tests {
		if t.Code == code {
			return t, true
		}
	}
	return LabTest{}, false
}

// ForStep finds the test that gives a step's result.
func (c *LabCatalog) ForStep(step string) (LabTest, bool) {
	if c == nil || step == "" {
		return LabTest{}, false
	}
	for _, t := range c.Tests {
		if t.Step == step {
			return t, true
		}
	}
	return LabTest{}, false
}

// Count is the number of specimens the test's step needs.
func (t LabTest) Count() int {
	if t.Specimens < 1 {
		return 1
	}
	return t.Specimens
}

// Component finds a component by code.
func (t LabTest) Component(code string) (LabComponent, bool) {
	for _, c := range t.Components {
		if c.Code == code {
			return c, true
		}
	}
	return LabComponent{}, false
}

// IGRAInterpretation applies the QuantiFERON-TB Gold Plus criteria to the four tubes (IU/mL):
// positive when either TB antigen tube minus Nil is at least TBMinusNil and TBShareOfNil of Nil;
// indeterminate when Nil is above NilMax, or when both are negative and Mitogen minus Nil is below
// MitogenMinusNil; negative otherwise.
func IGRAInterpretation(c IGRACutoffs, nilTube, tb1, tb2, mitogen float64) string {
	if nilTube > c.NilMax {
		return "indeterminate"
	}
	pos := func(tb float64) bool {
		d := round2(tb - nilTube)
		return d >= c.TBMinusNil && d >= round2(c.TBShareOfNil*nilTube)
	}
	if pos(tb1) || pos(tb2) {
		return "positive"
	}
	if round2(mitogen-nilTube) < c.MitogenMinusNil {
		return "indeterminate"
	}
	return "negative"
}

// round2 keeps two decimals, as the assay reports, so 0.45 - 0.10 is 0.35 and not 0.3499999.
func round2(x float64) float64 { return math.Round(x*100) / 100 }

// EGFRCKDEPI2021 is the race-free CKD-EPI 2021 creatinine equation (Inker et al., N Engl J Med
// 2021;385:1737-49) in mL/min/1.73 m², from serum creatinine in µmol/L, age in years and sex. It
// is defined for adults; ok is false under 18 or for a sex other than female or male.
func EGFRCKDEPI2021(creatinineUmolL float64, age int, sex string) (egfr float64, ok bool) {
	if age < 18 || creatinineUmolL <= 0 {
		return 0, false
	}
	scr := creatinineUmolL / 88.4 // mg/dL
	var kappa, alpha, female float64
	switch sex {
	case "female":
		kappa, alpha, female = 0.7, -0.241, 1.012
	case "male":
		kappa, alpha, female = 0.9, -0.302, 1
	default:
		return 0, false
	}
	r := scr / kappa
	e := 142 * math.Pow(math.Min(r, 1), alpha) * math.Pow(math.Max(r, 1), -1.200) * math.Pow(0.9938, float64(age)) * female
	return math.Round(e), true
}

// rangeFor picks the reference range of a component for a person.
func (c LabComponent) rangeFor(age int, sex string) (RefRange, bool) {
	for _, r := range c.Ranges {
		if (r.Sex == "" || r.Sex == sex) && age >= r.AgeFrom && (r.AgeTo == 0 || age < r.AgeTo) {
			return r, true
		}
	}
	return RefRange{}, false
}

// flagNumber compares a number with the component's range for the person.
func (c LabComponent) flagNumber(x float64, age int, sex string) (string, *RefRange) {
	r, ok := c.rangeFor(age, sex)
	if !ok {
		return "", nil
	}
	switch {
	case r.CriticalLow != nil && x < *r.CriticalLow, r.CriticalHigh != nil && x > *r.CriticalHigh:
		return FlagCritical, &r
	case r.Low != nil && x < *r.Low:
		return FlagLow, &r
	case r.High != nil && x > *r.High:
		return FlagHigh, &r
	}
	return FlagNormal, &r
}

// flagChoice flags a coded answer.
func (c LabComponent) flagChoice(v string) string {
	switch {
	case contains(c.Critical, v):
		return FlagCritical
	case contains(c.Abnormal, v):
		return FlagAbnormal
	}
	return FlagNormal
}

// worst orders flags: critical > abnormal/low/high > normal.
func worst(a, b string) string {
	rank := func(f string) int {
		switch f {
		case FlagCritical:
			return 3
		case FlagAbnormal, FlagLow, FlagHigh:
			return 2
		case FlagNormal:
			return 1
		}
		return 0
	}
	if rank(b) > rank(a) {
		return b
	}
	return a
}

// describeRange writes a range as a form prints it, e.g. "130–170 g/L".
func describeRange(r *RefRange, unit string) string {
	if r == nil {
		return ""
	}
	switch {
	case r.Low != nil && r.High != nil:
		return strings.TrimSpace(fmt.Sprintf("%g–%g %s", *r.Low, *r.High, unit))
	case r.Low != nil:
		return strings.TrimSpace(fmt.Sprintf("≥ %g %s", *r.Low, unit))
	case r.High != nil:
		return strings.TrimSpace(fmt.Sprintf("≤ %g %s", *r.High, unit))
	}
	return ""
}

// LabTests returns the lab's test catalog, for the screens that enter results.
//
// Errors: forbidden, unavailable (no lab catalog).
func (s *Service) LabTests(_ context.Context, a Actor) (*LabCatalog, error) {
	if err := a.May(PermReadLabRecord); err != nil {
		return nil, err
	}
	if err := s.labReady(); err != nil {
		return nil, err
	}
	return s.lab, nil
}
