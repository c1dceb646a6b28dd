package clinic

import "time"

// Facts is what the clinic knows about one applicant on one day, in the shape the protocol engine
// reads (see protocol-contract.md, "Facts"). A zero value means "not known / not done yet":
// an empty string result, a nil number, a nil slice. Dates are calendar dates at 00:00 UTC.
type Facts struct {
	Destination string // US | CA | AU | NZ
	Program     string // refugee | immigrant | temporary

	ExamDate           time.Time // ages are the completed years reached on this date
	BirthDate          time.Time
	BirthDateEstimated bool

	Sex                string   // female | male | other
	Pregnant           bool     //
	WeightKg           *float64 // nil: not weighed
	ResidenceCountry   string   // ISO 3166-1 alpha-2, where the applicant lives now
	CountriesLived     []string // ISO 3166-1 alpha-2, every country lived in
	UnaccompaniedMinor bool
	Adoptee            bool
	// VaccinationRecord: the applicant brought a written vaccination record (card, programme
	// record) that the clinic copied. US refugees then get a DS-3025.
	VaccinationRecord bool

	Findings Findings
	Results  Results
}

// Findings are the history and examination facts the rules read.
type Findings struct {
	TBSymptoms            bool // cough >= 2 weeks, fever, night sweats, weight loss, haemoptysis
	TBContact             bool // known contact of an infectious TB case
	HIVInfected           bool
	PreviousTBTreatment   bool
	ExtrapulmonaryTBSigns bool
	CompletedPanelDOT     bool // TB disease treated by DOT at the panel site (US Class B0)
	MotherHIVPositive     bool // CA: HIV test for a child
	ReceivedBloodProducts bool // CA: HIV test for a child
}

// Results are the test results. An empty string or a nil pointer means "no result yet"; the
// allowed values are those of protocol-contract.md and the engine rejects any other.
type Results struct {
	CXR             string   // normal | suggestive_of_tb | inactive_tb | abnormal_not_tb
	IGRA            string   // positive | negative | indeterminate
	TSTmm           *float64 // induration in millimetres
	SputumSmears    []string // positive | negative, in collection order
	SputumCultures  []string // positive | negative | pending, in collection order
	MTBNAAT         string   // detected | not_detected
	Syphilis        string   // reactive | nonreactive
	SyphilisTreated bool
	Gonorrhea       string   // positive | negative
	HIV             string   // positive | negative
	HBsAg           string   // positive | negative
	Urinalysis      string   // normal | abnormal
	CreatinineUmolL *float64 // µmol/L
	EGFR            *float64 // mL/min/1.73 m²
	HbA1cMmolMol    *float64 // mmol/mol
}
