package clinic

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// FormSnapshot is everything a signed medical form prints, frozen at sign-off. It is stored as
// JSON and hashed; the forms are drawn from it alone, so the same snapshot always gives the same
// form. A reissue is a new snapshot carrying an addendum and the id of the one it supersedes.
//
// Field order is the JSON order and part of the hash: append new fields at the end of a struct.
// Dates are calendar dates at 00:00 UTC; instants (SignedAt, PEC time) are UTC. A zero number
// means "not measured".
type FormSnapshot struct {
	ID           string `json:"id"`
	AssessmentID string `json:"assessment_id"`

	Site         FormSite `json:"site"`
	Organisation string   `json:"organisation"` // the clinic or organisation running the site

	Applicant   FormApplicant `json:"applicant"`
	Destination string        `json:"destination"` // US | CA | AU | NZ
	Program     string        `json:"program"`     // refugee | immigrant | temporary
	ExamDate    time.Time     `json:"exam_date"`

	ProtocolID      string   `json:"protocol_id"`
	ProtocolVersion string   `json:"protocol_version"`
	Forms           []string `json:"forms"` // the protocol engine's form list at sign-off

	History      []FormHistoryAnswer `json:"history"`
	Counselling  []FormCounselling   `json:"counselling,omitempty"`
	Vitals       FormVitals          `json:"vitals"`
	Exam         []FormExamFinding   `json:"exam"`
	Labs         []FormLabResult     `json:"labs"`
	CXR          *FormChestXRay      `json:"cxr,omitempty"`
	Sputum       []FormSputum        `json:"sputum"`
	Vaccinations []FormVaccination   `json:"vaccinations"`

	TBClass    string          `json:"tb_class"` // an outcome code such as class_b1_tb_pulmonary; "" outside the US
	Outcomes   []FormOutcome   `json:"outcomes"`
	Treatments []FormTreatment `json:"treatments"` // given and withheld
	Referrals  []FormReferral  `json:"referrals"`  // the specialist referrals as recorded, oldest first
	Required   []FormStep      `json:"required"`

	Physician FormPhysician `json:"physician"`
	SignedAt  time.Time     `json:"signed_at"`

	Addendum *FormAddendum `json:"addendum,omitempty"`
	PEC      *FormPEC      `json:"pec,omitempty"`

	// Deferred lists the required steps signed without (a protocol rule allowed it), each with
	// the physician's reason; every form prints them. Empty on a complete examination.
	Deferred     []FormDeferred    `json:"deferred,omitempty"`
	MentalHealth *FormMentalHealth `json:"mental_health,omitempty"`
	// VaccinationData names the CDSi supporting data the vaccination forecast used; empty when
	// there was no vaccination worksheet.
	VaccinationData string `json:"vaccination_data,omitempty"`
}

// FormDeferred is one required step not done at sign-off.
type FormDeferred struct {
	Step   string `json:"step"`
	Label  string `json:"label"`
	Reason string `json:"reason"`
	Then   string `json:"then"` // what the outcome is meanwhile, from the rule
}

// NotDoneLine is the sentence every form and the verification page print for steps not done:
// "Signed with steps not done: HIV test — reason; ...". Empty when none.
func NotDoneLine(ds []FormDeferred) string {
	if len(ds) == 0 {
		return ""
	}
	parts := make([]string, len(ds))
	for i, d := range ds {
		parts[i] = d.Label + " — " + d.Reason
	}
	return "Signed with steps not done: " + strings.Join(parts, "; ")
}

// FormMentalHealth is the mental-health screen and the physician's assessment.
type FormMentalHealth struct {
	Instrument       string `json:"instrument"` // e.g. "Refugee Health Screener-15 (RHS-15)"
	Language         string `json:"language"`
	Interpreter      bool   `json:"interpreter"`
	Score            int    `json:"score"`
	Thermometer      int    `json:"thermometer"`
	Positive         bool   `json:"positive"`
	CutOff           string `json:"cut_off"`
	Assessment       string `json:"assessment"`
	Disorder         string `json:"disorder,omitempty"` // the disorder diagnosed; "" none
	HarmfulBehaviour bool   `json:"harmful_behaviour"`
	HarmfulDetails   string `json:"harmful_details"`
	Referral         string `json:"referral"`
}

// FormCounselling is one counselling session recorded at the exam (HIV pre- and post-test on 707).
type FormCounselling struct {
	Topic           string    `json:"topic"` // hiv | tb | syphilis | class_a
	Stage           string    `json:"stage"` // pre_test | post_test
	Language        string    `json:"language"`
	Interpreter     bool      `json:"interpreter"`
	ResultDisclosed bool      `json:"result_disclosed"`
	Referral        string    `json:"referral"`
	Counsellor      string    `json:"counsellor"`
	At              time.Time `json:"at"`
}

// FormSite is the clinic location where the exam took place.
type FormSite struct {
	Code     string `json:"code"`
	Name     string `json:"name"`
	City     string `json:"city"`
	Country  string `json:"country"`  // ISO 3166-1 alpha-2
	Timezone string `json:"timezone"` // IANA name, e.g. Africa/Kigali
}

// FormApplicant is the applicant's identity as printed on every form.
type FormApplicant struct {
	Surnames           string    `json:"surnames"`
	GivenNames         string    `json:"given_names"`
	BirthDate          time.Time `json:"birth_date"`
	BirthDateEstimated bool      `json:"birth_date_estimated"`
	Sex                string    `json:"sex"`              // female | male | other
	Nationality        string    `json:"nationality"`      // ISO 3166-1 alpha-2
	CountryOfBirth     string    `json:"country_of_birth"` // ISO 3166-1 alpha-2
	DocumentType       string    `json:"document_type"`    // passport | refugee_travel_document | unhcr_id | ...
	DocumentNumber     string    `json:"document_number"`
	CaseNumber         string    `json:"case_number"`
	FileNumber         string    `json:"file_number"` // alien number, UCI, HAP id, INZ client number
	Photo              []byte    `json:"photo,omitempty"`
	PhotoType          string    `json:"photo_type,omitempty"` // image/jpeg | image/png
}

// FormHistoryAnswer is one medical-history question and its answer.
type FormHistoryAnswer struct {
	Code     string `json:"code"`
	Question string `json:"question"`
	Yes      bool   `json:"yes"`
	Details  string `json:"details"`
	Date     string `json:"date,omitempty"`
	// Forms are the forms whose view of the question bank holds the question; none for the
	// summary answers every form may tick.
	Forms []string `json:"forms,omitempty"`
}

// FormVitals are the measurements taken at the exam.
type FormVitals struct {
	HeightCm    float64 `json:"height_cm"`
	WeightKg    float64 `json:"weight_kg"`
	BMI         float64 `json:"bmi"`
	Systolic    int     `json:"systolic"`
	Diastolic   int     `json:"diastolic"`
	Pulse       int     `json:"pulse"`
	TempC       float64 `json:"temp_c"`
	Pregnant    bool    `json:"pregnant"`
	VisionLeft  string  `json:"vision_left"`  // Snellen, e.g. 6/6, without correction
	VisionRight string  `json:"vision_right"` // Snellen, without correction

	VisionLeftCorrected  string  `json:"vision_left_corrected"`
	VisionRightCorrected string  `json:"vision_right_corrected"`
	HearingLeft          string  `json:"hearing_left"`  // normal | impaired | not_tested; "" not recorded
	HearingRight         string  `json:"hearing_right"` // normal | impaired | not_tested; "" not recorded
	HearingMethod        string  `json:"hearing_method"`
	RespiratoryRate      int     `json:"respiratory_rate"`
	SpO2                 int     `json:"spo2"`
	HeadCircCm           float64 `json:"head_circ_cm"`
	// Growth is a child's height and weight against the WHO tables (none for an adult).
	Growth []FormGrowth `json:"growth,omitempty"`
}

// FormGrowth is one WHO growth indicator: the measurement, its z-score and its percentile.
type FormGrowth struct {
	Indicator  string  `json:"indicator"` // weight_for_age, length_for_age, height_for_age, bmi_for_age_length, bmi_for_age, weight_for_length, weight_for_height
	Measured   float64 `json:"measured"`
	Z          float64 `json:"z"`
	Percentile float64 `json:"percentile"`
}

// FormExamFinding is the physical examination of one body system.
type FormExamFinding struct {
	System string `json:"system"` // e.g. "Lungs", "Skin"
	Normal bool   `json:"normal"`
	Notes  string `json:"notes"`
	Status string `json:"status"` // normal | abnormal | not_examined | note
	Code   string `json:"code"`   // the system's code (ExamSystems); "" for the overall answer
}

// FormLabResult is one laboratory result.
type FormLabResult struct {
	Step      string    `json:"step"` // step code: hiv, syphilis, urinalysis, ...
	Test      string    `json:"test"`
	LOINC     string    `json:"loinc"`
	Value     string    `json:"value"`
	Unit      string    `json:"unit"`
	Reference string    `json:"reference"`
	Date      time.Time `json:"date"`
}

// FormChestXRay is the chest X-ray reading.
type FormChestXRay struct {
	Result   string    `json:"result"` // normal | suggestive_of_tb | inactive_tb | abnormal_not_tb
	Findings string    `json:"findings"`
	Reader   string    `json:"reader"`
	Date     time.Time `json:"date"`
}

// FormSputum is one sputum specimen with its smear, culture and NAAT results.
type FormSputum struct {
	Number       int       `json:"number"`
	Collected    time.Time `json:"collected"`
	Type         string    `json:"type"`    // spontaneous | induced | gastric_aspirate
	Smear        string    `json:"smear"`   // negative | positive
	Culture      string    `json:"culture"` // negative | positive | pending
	CultureFinal time.Time `json:"culture_final"`
	NAAT         string    `json:"naat"` // detected | not_detected | "" when not done
}

// FormVaccination is one vaccine line of the vaccination record.
type FormVaccination struct {
	Vaccine string     `json:"vaccine"`
	Doses   []FormDose `json:"doses"`
	Status  string     `json:"status"`      // complete | given_at_exam | not_medically_appropriate | refused
	Reason  string     `json:"reason_code"` // why not given: not_age_appropriate | contraindication | ...
	// Decisions are the refusals, waivers, "not indicated" and evidence of immunity recorded for
	// the vaccine, each in words as it was recorded.
	Decisions []FormVaccineDecision `json:"decisions,omitempty"`
	// UnavailableSince is the date the site set the vaccine "not routinely available", when that
	// is the line's reason.
	UnavailableSince *time.Time `json:"unavailable_since,omitempty"`
}

// FormVaccineDecision is one recorded decision about a vaccine.
type FormVaccineDecision struct {
	Kind       string    `json:"kind"` // refusal | waiver | not_indicated | immunity
	ReasonCode string    `json:"reason_code"`
	Text       string    `json:"text"`
	RecordedBy string    `json:"recorded_by"`
	RecordedAt time.Time `json:"recorded_at"`
}

// FormDose is one dose of a vaccine.
type FormDose struct {
	Date   time.Time `json:"date"`
	CVX    string    `json:"cvx"`
	Lot    string    `json:"lot"`
	AtExam bool      `json:"at_exam"` // given at this exam rather than copied from a record
	Source string    `json:"source"`  // where the date came from: record | exam | lab
	MVX    string    `json:"mvx,omitempty"`
}

// FormOutcome is one outcome code with the plain-text finding behind it.
type FormOutcome struct {
	Code string `json:"code"`
	Text string `json:"text"`
}

// FormTreatment is what the record holds of one treatment the rules name: one administration
// given, the treatment withheld or refused as recorded, withheld by a protocol rule, or
// recommended with nothing recorded (Status "not_recorded"). A form never prints a
// recommendation as given.
type FormTreatment struct {
	Drug   string    `json:"drug"`
	Given  bool      `json:"given"`  // Status == given
	Dose   string    `json:"dose"`   // as given, e.g. "400 mg"; "" unless given
	Date   time.Time `json:"date"`   // the calendar date it was given, withheld or refused
	Reason string    `json:"reason"` // the contraindication, refusal, or the rule's reason

	Status      string    `json:"status"`      // given | withheld | refused | not_recorded
	ByRule      bool      `json:"by_rule"`     // withheld by a protocol rule, with no record of the nurse
	Recommended bool      `json:"recommended"` // the rules recommend giving it
	Route       string    `json:"route"`
	Lot         string    `json:"lot"`
	At          time.Time `json:"at"` // the instant, UTC
	Observed    bool      `json:"observed"`
	RecordedBy  string    `json:"recorded_by"`
}

// Text is the treatment in words, as the forms print it.
func (t FormTreatment) Text() string {
	switch t.Status {
	case TreatGiven:
		s := "Given: " + t.Dose + " " + t.Route
		if t.Lot != "" {
			s += ", lot " + t.Lot
		}
		if t.Observed {
			s += ", swallowing observed"
		} else {
			s += ", swallowing not observed"
		}
		return s + ", by " + t.RecordedBy
	case TreatWithheld:
		if t.ByRule {
			return "Withheld by protocol rule: " + t.Reason
		}
		return "Withheld: " + t.Reason + ", by " + t.RecordedBy
	case TreatRefused:
		s := "Refused by the applicant"
		if t.Reason != "" {
			s += ": " + t.Reason
		}
		return s + ", recorded by " + t.RecordedBy
	}
	return "Recommended; not recorded"
}

// FormStep is a required step with the rule reason that required it.
type FormStep struct {
	Step   string `json:"step"`
	Reason string `json:"reason"`
}

// FormPhysician is the signing physician.
type FormPhysician struct {
	Name           string `json:"name"`
	RegistrationID string `json:"registration_id"`
}

// FormAddendum is present when the snapshot reissues a signed form.
type FormAddendum struct {
	Text       string `json:"text"`
	Supersedes string `json:"supersedes"` // id of the superseded snapshot
}

// FormPEC is the pre-embarkation check done shortly before departure.
type FormPEC struct {
	CheckedAt     time.Time     `json:"checked_at"`
	FlightNumber  string        `json:"flight_number"`
	DepartureDate time.Time     `json:"departure_date"`
	TempC         float64       `json:"temp_c"`
	Symptoms      []FormSymptom `json:"symptoms"`
	FitToTravel   bool          `json:"fit_to_travel"`
	TravelNeeds   []string      `json:"travel_needs"` // e.g. "Wheelchair (WCHR)", "Medical escort: nurse"
	Examiner      string        `json:"examiner"`
	Remarks       string        `json:"remarks"`
	// Recorded by the extended check; absent (omitted) on snapshots of the first PEC.
	Outcome           string           `json:"outcome,omitempty"` // fit | fit_with_assistance | not_fit
	Pulse             int              `json:"pulse,omitempty"`
	RespiratoryRate   int              `json:"respiratory_rate,omitempty"`
	SystolicBP        int              `json:"systolic_bp,omitempty"`
	DiastolicBP       int              `json:"diastolic_bp,omitempty"`
	SpO2              int              `json:"spo2,omitempty"`
	PregnancyWeeks    int              `json:"pregnancy_weeks,omitempty"`
	PregnancyMultiple bool             `json:"pregnancy_multiple,omitempty"`
	PregnancyLimit    string           `json:"pregnancy_limit,omitempty"` // the airline limit applied, with its source
	NewConditions     string           `json:"new_conditions,omitempty"`
	NewMedicines      string           `json:"new_medicines,omitempty"`
	NotFitReason      string           `json:"not_fit_reason,omitempty"`
	RecheckDate       *time.Time       `json:"recheck_date,omitempty"`
	Needs             *FormTravelNeeds `json:"needs,omitempty"`
}

// FormTravelNeeds is the assistance a passenger needs on the journey (the MEDIF's source).
type FormTravelNeeds struct {
	Escort     string  `json:"escort"`     // who escorts; "" when none
	Wheelchair string  `json:"wheelchair"` // WCHR | WCHS | WCHC; "" when none
	Stretcher  bool    `json:"stretcher"`
	OxygenLPM  float64 `json:"oxygen_lpm"` // 0 when none
	Other      string  `json:"other"`
}

// FormSymptom is one question of the PEC symptom screen.
type FormSymptom struct {
	Code    string `json:"code"`
	Label   string `json:"label"`
	Present bool   `json:"present"`
	Details string `json:"details"`
}

// ErrInvalidSnapshot is in the chain of every Validate error (errors.Is), beside the clinic
// Error with code EValidation and one FieldError per problem.
var ErrInvalidSnapshot = errors.New("invalid form snapshot")

// Validate checks what every form needs: an applicant name and birth date, a known destination,
// the exam date, the signing physician and the sign-off time.
func (s FormSnapshot) Validate() error {
	var p Problems
	if s.Applicant.Surnames == "" && s.Applicant.GivenNames == "" {
		p.Add("applicant.surnames", "required", "applicant.surnames and applicant.given_names are both empty")
	}
	if s.Applicant.BirthDate.IsZero() {
		p.Add("applicant.birth_date", "required", "applicant.birth_date is missing")
	}
	switch s.Destination {
	case "US", "CA", "AU", "NZ":
	default:
		p.Add("destination", "not_allowed", fmt.Sprintf("destination %q is not one of US, CA, AU, NZ", s.Destination))
	}
	if s.ExamDate.IsZero() {
		p.Add("exam_date", "required", "exam_date is missing")
	}
	if s.Physician.Name == "" {
		p.Add("physician.name", "required", "physician.name is missing")
	}
	if s.SignedAt.IsZero() {
		p.Add("signed_at", "required", "signed_at is missing")
	}
	if len(p) == 0 {
		return nil
	}
	e := p.Err().(*Error)
	e.cause = ErrInvalidSnapshot
	return e
}

// Canonical returns the snapshot's JSON: struct fields in declaration order, no insignificant
// whitespace. Encoding the same snapshot always gives the same bytes, and decoding then encoding
// them again gives them back, so the stored JSON and its hash stay in step.
func (s FormSnapshot) Canonical() ([]byte, error) {
	b, err := json.Marshal(s)
	if err != nil {
		return nil, fmt.Errorf("encode form snapshot: %w", err)
	}
	return b, nil
}

// SHA256 returns the lowercase hex SHA-256 of the canonical JSON.
func (s FormSnapshot) SHA256() (string, error) {
	b, err := s.Canonical()
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:]), nil
}

// decodeSnapshot checks a stored snapshot against the hash frozen with it at sign-off: a body
// changed afterwards must never be drawn and signed as the physician's form.
func decodeSnapshot(stored StoredSnapshot) (FormSnapshot, error) {
	var snap FormSnapshot
	sum := sha256.Sum256(stored.JSON)
	if got := hex.EncodeToString(sum[:]); got != stored.SHA256 {
		return snap, Errorf(EInternal, "snapshot %s does not match its hash (stored %.12s, body %.12s)", stored.ID, stored.SHA256, got)
	}
	if err := json.Unmarshal(stored.JSON, &snap); err != nil {
		return snap, Internal(err, "decode snapshot "+stored.ID)
	}
	return snap, nil
}
