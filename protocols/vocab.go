package protocols

import "github.com/mhac-clinic/mhac/clinic"

// The contract's vocabulary (protocol-contract.md). A rule file may only use these codes; the
// loader rejects any other, with a suggestion when one is close.

var destinations = []string{"US", "CA", "AU", "NZ"}

var programs = []string{"refugee", "immigrant", "temporary"}

// stepDef is one step code and how the engine knows it is done (protocols.md §1).
type stepDef struct {
	code  string
	words string
	// done reports whether the facts hold the step's result; nil for steps the clinic workflow
	// records (history, examination, ...), which are never pending in the engine.
	done func(r *clinic.Results) bool
}

var steps = []stepDef{
	{"medical_history", "medical history", nil},
	{"physical_exam", "physical examination", nil},
	{"mental_health", "mental-health assessment", nil},
	{"cxr", "chest X-ray", func(r *clinic.Results) bool { return r.CXR != "" }},
	{"igra", "interferon-gamma release assay (IGRA)", func(r *clinic.Results) bool { return r.IGRA != "" }},
	{"tst", "tuberculin skin test", func(r *clinic.Results) bool { return r.TSTmm != nil }},
	{"sputum_smears", "three sputum smears", func(r *clinic.Results) bool { return len(r.SputumSmears) >= 3 }},
	{"sputum_cultures", "three sputum cultures", func(r *clinic.Results) bool { return culturesComplete(r.SputumCultures) }},
	{"mtb_naat", "M. tuberculosis nucleic-acid test", func(r *clinic.Results) bool { return r.MTBNAAT != "" }},
	{"syphilis", "syphilis serology", func(r *clinic.Results) bool { return r.Syphilis != "" }},
	{"gonorrhea", "gonorrhoea NAAT", func(r *clinic.Results) bool { return r.Gonorrhea != "" }},
	{"hiv", "HIV test", func(r *clinic.Results) bool { return r.HIV != "" }},
	{"hepatitis_b", "hepatitis B surface antigen", func(r *clinic.Results) bool { return r.HBsAg != "" }},
	{"urinalysis", "urinalysis", func(r *clinic.Results) bool { return r.Urinalysis != "" }},
	{"creatinine", "serum creatinine / eGFR", func(r *clinic.Results) bool { return r.CreatinineUmolL != nil || r.EGFR != nil }},
	{"hba1c", "HbA1c", func(r *clinic.Results) bool { return r.HbA1cMmolMol != nil }},
	{"vaccination_review", "vaccination record review", nil},
	{"pregnancy_test", "pregnancy test", nil},
	// Added 2026-12.
	{"dst", "drug-susceptibility testing", func(r *clinic.Results) bool { return r.DST != "" && r.DST != "pending" }},
	{"hepatitis_c", "hepatitis C test", func(r *clinic.Results) bool { return r.HCV != "" }},
	{"hiv_counselling", "HIV counselling (pre- or post-test)", nil},
	{"result_disclosure", "disclosure of a result that changes travel (post-test counselling)", nil},
	// A specialist's report: referral_<specialty>, done once a referral of that specialty has its
	// report recorded (results.specialist_reports).
	referralStep("nephrology", "nephrologist's report (specialist referral)"),
	referralStep("endocrinology", "endocrinologist's report (specialist referral)"),
	referralStep("cardiology", "cardiologist's report (specialist referral)"),
	referralStep("psychiatry", "psychiatrist's report (specialist referral)"),
}

// referralStep is the step "a specialist of this specialty has reported".
func referralStep(specialty, words string) stepDef {
	return stepDef{"referral_" + specialty, words, func(r *clinic.Results) bool { return contains(r.SpecialistReports, specialty) }}
}

func culturesComplete(c []string) bool {
	if len(c) < 3 {
		return false
	}
	for _, v := range c {
		if v == "pending" {
			return false
		}
	}
	return true
}

var stepIndex = func() map[string]int {
	m := make(map[string]int, len(steps))
	for i, s := range steps {
		m[s.code] = i
	}
	return m
}()

var treatments = []string{"albendazole", "ivermectin", "praziquantel", "artemether_lumefantrine", treatmentMMR}

var forms = []string{"DS-2054", "DS-3025", "DS-3026", "DS-3030", "IMM 1017", "IMM 5728", "501", "502", "707", "815", "INZ 1007", "INZ 1096", "INZ 1262"}

// treatmentsMMR: AU departure health check vaccine, added 2026-12.
const treatmentMMR = "mmr_vaccine"

// departureChecks are the checks before travel. The contract's short names are pec
// (pre_embarkation_check) and pdms (pre_departure_screening); the engine keeps the long codes
// the clinic has always used. no_live_vaccines is a restriction window, not a check to do.
var departureChecks = []string{"pre_embarkation_check", "pre_departure_screening", "departure_health_check", "inz_1262", "no_live_vaccines"}

// departureRestrictions are the departure windows in which something must not be done.
var departureRestrictions = []string{"no_live_vaccines"}

// holdCodes are the travel holds a rule may declare (clearance.blocked_by).
var holdCodes = []string{"culture_pending"}

var confidences = []string{"high", "medium", "low"}

// outcomeCodes are the outcome codes each destination may use (protocol-contract.md).
var outcomeCodes = map[string][]string{
	"US": {"class_a_tb", "class_b0_tb", "class_b1_tb_pulmonary", "class_b1_tb_extrapulmonary", "class_b2_ltbi",
		"class_b3_tb_contact", "class_a_syphilis", "class_a_gonorrhea", "class_b_other", "no_class", "class_a_hansens",
		"class_a_mental", "class_b_mental"},
	"CA": {"refer_tb", "medical_surveillance", "refer_specialist", "no_finding"},
	"AU": {"refer_tb", "refer_specialist", "hiv_positive_refer", "no_finding"},
	"NZ": {"refer_tb", "refer_renal", "refer_diabetes", "refer_specialist", "no_finding"},
}

// outcomeCodesAdded are codes added to the vocabulary after some versions were written: a version
// written before them may leave them out (its rules cannot give them).
var outcomeCodesAdded = []string{"class_a_hansens", "class_a_mental", "class_b_mental"}

// Result vocabularies.
var (
	valuesCXR      = []string{"normal", "suggestive_of_tb", "inactive_tb", "abnormal_not_tb"}
	valuesIGRA     = []string{"positive", "negative", "indeterminate"}
	valuesSmear    = []string{"positive", "negative"}
	valuesCulture  = []string{"positive", "negative", "pending"}
	valuesNAAT     = []string{"detected", "not_detected"}
	valuesSyphilis = []string{"reactive", "nonreactive"}
	valuesPosNeg   = []string{"positive", "negative"}
	valuesUrine    = []string{"normal", "abnormal"}
	valuesSex      = []string{"female", "male", "other"}
	// Added 2026-12.
	valuesDST        = []string{"susceptible", "resistant", "pending"}
	valuesOccupation = []string{"health_worker", "other"}
	valuesIMEType    = []string{"full", "streamlined"}
)

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
