package clinic

import (
	"fmt"
	"strings"
)

// resultKind says how a step's value is written.
type resultKind int

const (
	kindChoice resultKind = iota // one word from a list
	kindList                     // up to three words from a list, one per specimen
	kindNumber                   // a measurement within a range
)

// resultSpec describes the result of one step: its value, who may record it, and its label.
type resultSpec struct {
	kind     resultKind
	choices  []string
	min, max float64
	unit     string
	perm     Permission // who may record it, besides PermRecordResult
	label    string
}

var posNeg = []string{"positive", "negative"}

// resultSpecs lists every result the clinic records, keyed by the protocol's step code.
var resultSpecs = map[string]resultSpec{
	"cxr":              {kind: kindChoice, choices: []string{"normal", "suggestive_of_tb", "inactive_tb", "abnormal_not_tb"}, perm: PermRecordRadiologyResult, label: "Chest X-ray"},
	"igra":             {kind: kindChoice, choices: []string{"positive", "negative", "indeterminate"}, perm: PermRecordLabResult, label: "IGRA blood test for TB infection"},
	"tst":              {kind: kindNumber, min: 0, max: 60, unit: "mm", perm: PermRecordLabResult, label: "Tuberculin skin test"},
	"sputum_smears":    {kind: kindList, choices: posNeg, perm: PermRecordLabResult, label: "Sputum smears"},
	"sputum_cultures":  {kind: kindList, choices: []string{"positive", "negative", "pending"}, perm: PermRecordLabResult, label: "Sputum cultures"},
	"mtb_naat":         {kind: kindChoice, choices: []string{"detected", "not_detected"}, perm: PermRecordLabResult, label: "TB molecular test (NAAT)"},
	"syphilis":         {kind: kindChoice, choices: []string{"reactive", "nonreactive"}, perm: PermRecordLabResult, label: "Syphilis test"},
	"syphilis_treated": {kind: kindChoice, choices: []string{"yes", "no"}, perm: PermRecordTreatment, label: "Syphilis treated"},
	"gonorrhea":        {kind: kindChoice, choices: posNeg, perm: PermRecordLabResult, label: "Gonorrhea test"},
	"hiv":              {kind: kindChoice, choices: posNeg, perm: PermRecordLabResult, label: "HIV test"},
	"hepatitis_b":      {kind: kindChoice, choices: posNeg, perm: PermRecordLabResult, label: "Hepatitis B surface antigen"},
	"urinalysis":       {kind: kindChoice, choices: []string{"normal", "abnormal"}, perm: PermRecordLabResult, label: "Urine test"},
	"creatinine":       {kind: kindNumber, min: 5, max: 3000, unit: "µmol/L", perm: PermRecordLabResult, label: "Creatinine"},
	"egfr":             {kind: kindNumber, min: 1, max: 200, unit: "mL/min/1.73 m²", perm: PermRecordLabResult, label: "Kidney function (eGFR)"},
	"hba1c":            {kind: kindNumber, min: 10, max: 250, unit: "mmol/mol", perm: PermRecordLabResult, label: "HbA1c (blood sugar)"},
	"dst":              {kind: kindChoice, choices: []string{"susceptible", "resistant", "pending"}, perm: PermRecordLabResult, label: "TB drug-susceptibility test"},
	"hepatitis_c":      {kind: kindChoice, choices: posNeg, perm: PermRecordLabResult, label: "Hepatitis C test"},
}

// stepLabels are the plain words for every step code, for screens without clinical detail.
var stepLabels = map[string]string{
	"medical_history":        "Medical history",
	"physical_exam":          "Physical examination",
	"mental_health":          "Mental health assessment",
	"vaccination_review":     "Vaccination review",
	"pregnancy_test":         "Pregnancy test",
	"hiv_counselling":        "HIV counselling",
	"result_disclosure":      "Disclosure of a result that changes travel",
	"referral_nephrology":    "Nephrologist's report",
	"referral_endocrinology": "Endocrinologist's report",
	"referral_cardiology":    "Cardiologist's report",
	"referral_psychiatry":    "Psychiatrist's report",
	// Checks before departure (the plan's departure list).
	"pre_embarkation_check":   "Pre-embarkation check",
	"pre_departure_screening": "Pre-departure medical screening",
	"departure_health_check":  "Departure health check",
	"inz_1262":                "Departure health check (INZ 1262)",
	"no_live_vaccines":        "No live vaccine before departure",
	"classification":          "Physician's classification",
	"acknowledge_critical":    "Acknowledge a critical lab result",
}

// StepLabel returns the plain-English name of a step code.
func StepLabel(step string) string {
	if s, ok := resultSpecs[step]; ok {
		return s.label
	}
	if l, ok := stepLabels[step]; ok {
		return l
	}
	return strings.ReplaceAll(step, "_", " ")
}

// ResultSteps lists the steps that have a result, for the API description.
func ResultSteps() []string {
	out := make([]string, 0, len(resultSpecs))
	for k := range resultSpecs {
		out = append(out, k)
	}
	return out
}

// checkResult validates a result against its step's spec and the recording role.
func checkResult(r *Result, role Role) error {
	var p Problems
	spec, ok := resultSpecs[r.Step]
	if !ok {
		p.Add("step", "unknown_step", fmt.Sprintf("%q is not a test the clinic records.", r.Step))
		return p.Err()
	}
	if !role.Has(spec.perm) {
		return Errorf(EForbidden, "Your role (%s) may not record the %s.", role, strings.ToLower(spec.label))
	}
	switch spec.kind {
	case kindChoice:
		r.Text = strings.TrimSpace(r.Text)
		if !oneOf(r.Text, spec.choices) {
			p.Add("value", "not_allowed", fmt.Sprintf("Choose one of: %s.", strings.Join(spec.choices, ", ")))
		}
	case kindList:
		if len(r.List) == 0 || len(r.List) > 3 {
			p.Add("value", "count", "Give one to three specimen results, in collection order.")
		}
		for i, v := range r.List {
			if !oneOf(v, spec.choices) {
				p.Add(fmt.Sprintf("value[%d]", i), "not_allowed", fmt.Sprintf("Choose one of: %s.", strings.Join(spec.choices, ", ")))
			}
		}
	case kindNumber:
		if r.Number == nil {
			p.Add("value", "required", "Enter a number.")
		} else if *r.Number < spec.min || *r.Number > spec.max {
			p.Add("value", "out_of_range", fmt.Sprintf("Enter a value from %g to %g %s.", spec.min, spec.max, spec.unit))
		}
		r.Unit = spec.unit
	}
	return p.Err()
}

// applyResult writes one result into the protocol engine's facts.
func applyResult(res *Results, r Result) {
	switch r.Step {
	case "cxr":
		res.CXR = r.Text
	case "igra":
		res.IGRA = r.Text
	case "tst":
		res.TSTmm = r.Number
	case "sputum_smears":
		res.SputumSmears = r.List
	case "sputum_cultures":
		res.SputumCultures = r.List
		if !r.Collected.IsZero() {
			res.SputumCollected = r.Collected
		}
	case "mtb_naat":
		res.MTBNAAT = r.Text
	case "syphilis":
		res.Syphilis = r.Text
	case "syphilis_treated":
		res.SyphilisTreated = r.Text == "yes"
	case "gonorrhea":
		res.Gonorrhea = r.Text
	case "hiv":
		res.HIV = r.Text
	case "hepatitis_b":
		res.HBsAg = r.Text
	case "urinalysis":
		res.Urinalysis = r.Text
	case "creatinine":
		res.CreatinineUmolL = r.Number
	case "egfr":
		res.EGFR = r.Number
	case "hba1c":
		res.HbA1cMmolMol = r.Number
	case "dst":
		res.DST = r.Text
	case "hepatitis_c":
		res.HCV = r.Text
	}
}

// ResultValue returns a result's value as text, for forms and lists.
func (r Result) ResultValue() string {
	switch {
	case r.Number != nil:
		return strings.TrimSpace(fmt.Sprintf("%g %s", *r.Number, r.Unit))
	case r.List != nil:
		return strings.Join(r.List, ", ")
	}
	return r.Text
}
