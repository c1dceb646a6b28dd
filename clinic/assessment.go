package clinic

import "time"

// Assessment is one applicant's medical examination for one destination, from the queue to the
// pre-embarkation check. It pins the protocol version it started under.
type Assessment struct {
	ID              string
	ApplicantID     string
	CaseID          string
	SiteID          string
	State           State
	ExamDate        time.Time // clinic-local date the exam opened; ages are computed on it
	ProtocolID      string
	ProtocolVersion string
	Version         int
	QueuedAt        time.Time
	UpdatedAt       time.Time

	History        *History
	Vitals         *Vitals
	Findings       Findings
	Results        []Result // every result recorded, oldest first; the newest per step counts
	Classification *Classification
	Signoff        *Signoff
	Addenda        []Addendum
	PEC            *PEC
	MentalHealth   *MentalHealth
}

// History is the medical history the nurse records.
type History struct {
	Answers    []HistoryAnswer
	RecordedBy string
	RecordedAt time.Time
}

// HistoryAnswer is one yes/no question of the history, with details when yes.
type HistoryAnswer struct {
	Code    string
	Yes     bool
	Details string
	Date    string // when, for the questions whose forms ask it: YYYY, YYYY-MM or YYYY-MM-DD
}

// Vitals are the measurements of the physical examination.
type Vitals struct {
	HeightCm     float64
	WeightKg     float64
	Systolic     int
	Diastolic    int
	Pulse        int
	TempC        float64
	Pregnant     bool
	ExamNormal   bool   // physical examination without abnormal finding
	ExamNotes    string // abnormal findings, by system
	RecordedBy   string
	RecordedAt   time.Time
	RecordedName string

	RespiratoryRate int     // per minute; 0 = not measured
	SpO2            int     // oxygen saturation, %; 0 = not measured
	HeadCircCm      float64 // head circumference (infants); 0 = not measured
	Systems         []SystemExam
	Vision          *VisualAcuity
	Hearing         *Hearing
}

// Result is one test result. Exactly one of Text, List and Number carries the value, as the
// step's kind says (see resultSpecs).
type Result struct {
	Step       string
	Text       string
	List       []string
	Number     *float64
	Unit       string
	RecordedBy string // user id
	ByName     string
	RecordedAt time.Time
	// Collected is the day the last specimen of a sputum series was collected (lab results only).
	Collected time.Time
}

// Classification is the physician's outcome for the assessment.
type Classification struct {
	Codes          []string
	Notes          string
	OverrideReason string // why the physician lowered what the rules found
	By             string
	ByName         string
	At             time.Time
}

// Signoff locks the assessment: nothing of it changes afterwards but addenda and the PEC.
type Signoff struct {
	By               string
	ByName           string
	RegistrationID   string
	At               time.Time
	IncompleteReason string // why the physician signed while the protocol found steps missing (records signed before deferral rules)
	// Deferred lists the required steps signed without, each allowed by a rule and with the
	// physician's reason; FormsNotIssued the forms left out because a result they print is missing.
	Deferred       []DeferredStep
	FormsNotIssued []FormPlan
}

// DeferredStep is a required step the physician signed without, as a deferral rule allows.
type DeferredStep struct {
	Step        string
	Label       string // plain words, e.g. "Chest X-ray"
	Reason      string // the physician's reason
	Rule        string // the rule that allows the deferral
	HoldsTravel bool
	Then        string // what the outcome is meanwhile, from the rule
}

// Addendum is a note added after sign-off; it reissues the forms.
type Addendum struct {
	ID     string
	Text   string
	By     string
	ByName string
	At     time.Time
}

// PEC is the pre-embarkation check: fitness to fly shortly before departure.
type PEC struct {
	FlightNumber  string
	DepartureDate *time.Time
	TempC         float64
	Symptoms      bool // any symptom of infectious disease found at the check
	Fit           bool // the outcome is fit or fit with assistance
	Remarks       string
	By            string
	ByName        string
	At            time.Time

	Outcome PECOutcome
	// Vitals measured at the check; 0 when not measured.
	Pulse, RespiratoryRate, SystolicBP, DiastolicBP, SpO2 int
	SymptomAnswers                                        []PECSymptom
	PregnancyWeeks                                        *int // nil when not pregnant or not asked
	PregnancyMultiple                                     bool
	PregnancyLimit                                        *PregnancyLimit // the airline limit the check applied
	NewConditions, NewMedicines                           string          // since the exam, in words
	NotFitReason                                          string
	RecheckDate                                           *time.Time
	Needs                                                 TravelNeeds
}

// LatestResults returns the newest result of each step.
func (a *Assessment) LatestResults() map[string]Result {
	latest := make(map[string]Result, len(a.Results))
	for _, r := range a.Results {
		latest[r.Step] = r
	}
	return latest
}
