package protocols

import (
	"time"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
)

// factVar is one name a rule condition may read: a fact of the contract in its JSON spelling
// ("results.cxr", "findings.tb_symptoms") or a value the engine derives from the facts ("age").
type factVar struct {
	name   string
	typ    *cel.Type
	values []string // the allowed string values, for strings and lists of strings with a vocabulary
	words  string   // how explain names it
	get    func(s *evalState) ref.Val
}

var nullableDouble = cel.NullableType(cel.DoubleType)

func optDouble(p *float64) ref.Val {
	if p == nil {
		return types.NullValue
	}
	return types.Double(*p)
}

// interned holds the CEL values of every string a fact can take from a vocabulary, and every
// two-letter country code, boxed once: reading a fact then allocates nothing.
var interned map[string]ref.Val

func init() {
	m := map[string]ref.Val{"": types.String("")}
	for _, v := range factVars {
		for _, s := range v.values {
			m[s] = types.String(s)
		}
	}
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			s := string([]rune{a, b})
			m[s] = types.String(s)
		}
	}
	interned = m
}

func str(s string) ref.Val {
	if v, ok := interned[s]; ok {
		return v
	}
	return types.String(s)
}

func strList(l []string) ref.Val {
	if len(l) == 0 {
		return emptyList
	}
	vals := make([]ref.Val, len(l))
	for i, s := range l {
		vals[i] = str(s)
	}
	return types.NewRefValList(types.DefaultTypeAdapter, vals)
}

var emptyList = types.NewRefValList(types.DefaultTypeAdapter, []ref.Val{})

func timestamp(t time.Time) ref.Val { return types.Timestamp{Time: t} }

// factVars are declared in every rule set's CEL environment, in this order; the activation keeps
// their values in a slice indexed the same way.
var factVars = []factVar{
	{"destination", cel.StringType, destinations, "destination", func(s *evalState) ref.Val { return str(s.f.Destination) }},
	{"program", cel.StringType, programs, "program", func(s *evalState) ref.Val { return str(s.f.Program) }},
	{"exam_date", cel.TimestampType, nil, "exam date", func(s *evalState) ref.Val { return timestamp(s.f.ExamDate) }},
	{"birth_date", cel.TimestampType, nil, "date of birth", func(s *evalState) ref.Val { return timestamp(s.f.BirthDate) }},
	{"birth_date_estimated", cel.BoolType, nil, "date of birth is estimated", func(s *evalState) ref.Val { return types.Bool(s.f.BirthDateEstimated) }},
	{"age", cel.IntType, nil, "age", func(s *evalState) ref.Val { return types.Int(s.age) }},
	{"age_months", cel.IntType, nil, "age in months", func(s *evalState) ref.Val { return types.Int(s.ageMonths) }},
	{"sex", cel.StringType, valuesSex, "sex", func(s *evalState) ref.Val { return str(s.f.Sex) }},
	{"pregnant", cel.BoolType, nil, "pregnant", func(s *evalState) ref.Val { return types.Bool(s.f.Pregnant) }},
	{"weight_kg", nullableDouble, nil, "weight (kg)", func(s *evalState) ref.Val { return optDouble(s.f.WeightKg) }},
	{"residence_country", cel.StringType, nil, "country of residence", func(s *evalState) ref.Val { return str(s.f.ResidenceCountry) }},
	{"countries_lived", cel.ListType(cel.StringType), nil, "countries lived in", func(s *evalState) ref.Val { return strList(s.f.CountriesLived) }},
	{"unaccompanied_minor", cel.BoolType, nil, "unaccompanied minor", func(s *evalState) ref.Val { return types.Bool(s.f.UnaccompaniedMinor) }},
	{"adoptee", cel.BoolType, nil, "child to be adopted", func(s *evalState) ref.Val { return types.Bool(s.f.Adoptee) }},
	{"vaccination_record", cel.BoolType, nil, "has a written vaccination record", func(s *evalState) ref.Val { return types.Bool(s.f.VaccinationRecord) }},

	{"findings.tb_symptoms", cel.BoolType, nil, "TB symptoms", func(s *evalState) ref.Val { return types.Bool(s.f.Findings.TBSymptoms) }},
	{"findings.tb_contact", cel.BoolType, nil, "known contact of an infectious TB case", func(s *evalState) ref.Val { return types.Bool(s.f.Findings.TBContact) }},
	{"findings.hiv_infected", cel.BoolType, nil, "known HIV infection", func(s *evalState) ref.Val { return types.Bool(s.f.Findings.HIVInfected) }},
	{"findings.previous_tb_treatment", cel.BoolType, nil, "previous TB treatment", func(s *evalState) ref.Val { return types.Bool(s.f.Findings.PreviousTBTreatment) }},
	{"findings.extrapulmonary_tb_signs", cel.BoolType, nil, "signs of extrapulmonary TB", func(s *evalState) ref.Val { return types.Bool(s.f.Findings.ExtrapulmonaryTBSigns) }},
	{"findings.completed_panel_dot", cel.BoolType, nil, "TB treatment by DOT completed at the panel site", func(s *evalState) ref.Val { return types.Bool(s.f.Findings.CompletedPanelDOT) }},
	{"findings.mother_hiv_positive", cel.BoolType, nil, "mother HIV-positive", func(s *evalState) ref.Val { return types.Bool(s.f.Findings.MotherHIVPositive) }},
	{"findings.received_blood_products", cel.BoolType, nil, "received blood products", func(s *evalState) ref.Val { return types.Bool(s.f.Findings.ReceivedBloodProducts) }},

	{"results.cxr", cel.StringType, valuesCXR, "chest X-ray", func(s *evalState) ref.Val { return str(s.f.Results.CXR) }},
	{"results.igra", cel.StringType, valuesIGRA, "IGRA", func(s *evalState) ref.Val { return str(s.f.Results.IGRA) }},
	{"results.tst_mm", nullableDouble, nil, "tuberculin skin test (mm)", func(s *evalState) ref.Val { return optDouble(s.f.Results.TSTmm) }},
	{"results.sputum_smears", cel.ListType(cel.StringType), valuesSmear, "sputum smears", func(s *evalState) ref.Val { return strList(s.f.Results.SputumSmears) }},
	{"results.sputum_cultures", cel.ListType(cel.StringType), valuesCulture, "sputum cultures", func(s *evalState) ref.Val { return strList(s.f.Results.SputumCultures) }},
	{"results.mtb_naat", cel.StringType, valuesNAAT, "M. tuberculosis NAAT", func(s *evalState) ref.Val { return str(s.f.Results.MTBNAAT) }},
	{"results.syphilis", cel.StringType, valuesSyphilis, "syphilis serology", func(s *evalState) ref.Val { return str(s.f.Results.Syphilis) }},
	{"results.syphilis_treated", cel.BoolType, nil, "syphilis treated by the panel", func(s *evalState) ref.Val { return types.Bool(s.f.Results.SyphilisTreated) }},
	{"results.gonorrhea", cel.StringType, valuesPosNeg, "gonorrhoea test", func(s *evalState) ref.Val { return str(s.f.Results.Gonorrhea) }},
	{"results.hiv", cel.StringType, valuesPosNeg, "HIV test", func(s *evalState) ref.Val { return str(s.f.Results.HIV) }},
	{"results.hbsag", cel.StringType, valuesPosNeg, "hepatitis B surface antigen", func(s *evalState) ref.Val { return str(s.f.Results.HBsAg) }},
	{"results.urinalysis", cel.StringType, valuesUrine, "urinalysis", func(s *evalState) ref.Val { return str(s.f.Results.Urinalysis) }},
	{"results.creatinine_umol_l", nullableDouble, nil, "serum creatinine (µmol/L)", func(s *evalState) ref.Val { return optDouble(s.f.Results.CreatinineUmolL) }},
	{"results.egfr", nullableDouble, nil, "eGFR (mL/min/1.73 m²)", func(s *evalState) ref.Val { return optDouble(s.f.Results.EGFR) }},
	{"results.hba1c_mmol_mol", nullableDouble, nil, "HbA1c (mmol/mol)", func(s *evalState) ref.Val { return optDouble(s.f.Results.HbA1cMmolMol) }},

	// Added 2026-12 (protocol-contract.md, "Additions 2026-12").
	{"citizenships", cel.ListType(cel.StringType), nil, "citizenships", func(s *evalState) ref.Val { return strList(s.f.Citizenships) }},
	{"stays", staysType, nil, "stays in other countries", func(s *evalState) ref.Val { return staysVal{stays: s.f.Stays, exam: s.f.ExamDate} }},
	{"stays_recorded", cel.BoolType, nil, "at least one stay is recorded", func(s *evalState) ref.Val { return types.Bool(len(s.f.Stays) > 0) }},
	{"occupation", cel.StringType, valuesOccupation, "occupation", func(s *evalState) ref.Val { return str(s.f.Occupation) }},
	{"ime_type", cel.StringType, valuesIMEType, "type of immigration medical examination", func(s *evalState) ref.Val { return str(s.f.IMEType) }},
	{"previous_cxr_date", nullableTimestamp, nil, "date of the previous chest X-ray certificate", func(s *evalState) ref.Val { return optTimestamp(s.f.PreviousCXRDate) }},
	{"findings.failure_to_thrive", cel.BoolType, nil, "failure to thrive", func(s *evalState) ref.Val { return types.Bool(s.f.Findings.FailureToThrive) }},
	{"findings.hansens_disease_infectious", cel.BoolType, nil, "infectious Hansen's disease", func(s *evalState) ref.Val { return types.Bool(s.f.Findings.HansensInfectious) }},
	{"findings.mental_disorder", cel.BoolType, nil, "a physical or mental disorder (the physician's mental-health assessment)", func(s *evalState) ref.Val { return types.Bool(s.f.Findings.MentalDisorder) }},
	{"findings.harmful_behaviour", cel.BoolType, nil, "harmful behaviour, current or likely to recur", func(s *evalState) ref.Val { return types.Bool(s.f.Findings.HarmfulBehaviour) }},
	{"findings.in_state_care", cel.BoolType, nil, "child in the care of a state welfare authority", func(s *evalState) ref.Val { return types.Bool(s.f.Findings.InStateCare) }},
	{"results.dst", cel.StringType, valuesDST, "drug-susceptibility testing", func(s *evalState) ref.Val { return str(s.f.Results.DST) }},
	{"results.hcv", cel.StringType, valuesPosNeg, "hepatitis C test", func(s *evalState) ref.Val { return str(s.f.Results.HCV) }},
}

var nullableTimestamp = cel.NullableType(cel.TimestampType)

func optTimestamp(t time.Time) ref.Val {
	if t.IsZero() {
		return types.NullValue
	}
	return timestamp(t)
}

var factVarIndex = func() map[string]int {
	m := make(map[string]int, len(factVars))
	for i, v := range factVars {
		m[v.name] = i
	}
	return m
}()

// valueWords are how explain says a result value.
var valueWords = map[string]string{
	"suggestive_of_tb": "suggestive of TB",
	"inactive_tb":      "inactive TB",
	"abnormal_not_tb":  "abnormal, not TB",
	"not_detected":     "not detected",
}
