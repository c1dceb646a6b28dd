package clinic

import (
	"context"
	"fmt"
	"strings"
	"time"
)

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

	// Additions 2026-12 (protocol-contract.md): every one may be left out.
	Citizenships     []string  // ISO 3166-1 alpha-2: AU hepatitis B class
	Stays            []Stay    // periods spent in a country, for the rules that count consecutive months
	PlannedDeparture time.Time // date, time and zone of the flight; zero when not known
	Occupation       string    // health_worker | other; "" = not recorded (not a health worker)
	IMEType          string    // CA: full | streamlined; "" = full
	PreviousCXRDate  time.Time // NZ: issue date of the last chest X-ray certificate; zero when none
	// DepartureChecksDone are the departure checks already done, with when; the engine says
	// whether each was inside its window.
	DepartureChecksDone []DepartureCheckDone

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
	FailureToThrive       bool // CA: HIV test for a child
	HansensInfectious     bool // US: infectious Hansen's disease (Class A)
	InStateCare           bool // AU: child in the care of a state or territory welfare authority
	// From the mental-health assessment (never from the history's yes/no): the physician found a
	// physical or mental disorder, and harmful behaviour (current, or past and likely to recur).
	MentalDisorder   bool // US: Class A or B mental disorder
	HarmfulBehaviour bool // US: Class A when with a disorder
}

// Stay is a period in one country, both days included; To zero means "until the exam date".
type Stay struct {
	Country string
	From    time.Time
	To      time.Time
}

// DepartureCheckDone is a departure check the clinic has recorded, with its time.
type DepartureCheckDone struct {
	Check string    // pre_embarkation_check | pre_departure_screening | departure_health_check | inz_1262
	At    time.Time // when it was done, with its zone
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
	DST             string   // drug susceptibility testing: susceptible | resistant | pending
	HCV             string   // hepatitis C: positive | negative
	// SputumCollected is the day the last sputum specimen was collected; cultures are read for
	// weeks from it. Zero when not recorded (the exam date is used).
	SputumCollected time.Time
	// SpecialistReports are the specialties of the referrals whose report is recorded, as
	// ReferralSpecialtyCode writes them ("nephrology"); a referral_<specialty> step is done when
	// its specialty is here.
	SpecialistReports []string
}

// addDeparture gives the protocol the case's flight and the checks before it that the record
// holds. The departure is the flight's day and time in the site's time zone (the departure
// airport's); when the flight has no time recorded, the start of that day (as the PEC window is),
// so a window opens no later than the protocol's rule would have it. A recorded PEC stands for
// the check the protocol names for it (pre-embarkation check, or the departure health check).
func (f *Facts) addDeparture(c Case, as Assessment, zone *time.Location) {
	if zone == nil {
		zone = time.UTC
	}
	if d := c.DepartureDate; d != nil {
		f.PlannedDeparture = time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, zone)
		if hm, err := time.Parse("15:04", c.DepartureTime); err == nil {
			f.PlannedDeparture = time.Date(d.Year(), d.Month(), d.Day(), hm.Hour(), hm.Minute(), 0, 0, zone)
		}
	}
	if p := as.PEC; p != nil && !p.At.IsZero() {
		for _, check := range departureChecks {
			f.DepartureChecksDone = append(f.DepartureChecksDone, DepartureCheckDone{Check: check, At: p.At})
		}
	}
}

// siteZone is the time zone of a site, for the flight's day.
func siteZone(ctx context.Context, tx Tx, siteID string) (*time.Location, error) {
	sites, err := tx.Sites(ctx)
	if err != nil {
		return nil, err
	}
	for _, st := range sites {
		if st.ID == siteID {
			return st.Location(), nil
		}
	}
	return time.UTC, nil
}

// addPerson gives the protocol what the registration holds about the person beyond the basics:
// every citizenship (the nationality first), the stays abroad, the occupation, the type of IME
// IRCC asked for and the last chest X-ray certificate's date.
func (f *Facts) addPerson(ap Applicant) {
	if ap.Nationality != "" {
		f.Citizenships = []string{ap.Nationality}
	}
	for _, c := range ap.Citizenships {
		if !contains(f.Citizenships, c) {
			f.Citizenships = append(f.Citizenships, c)
		}
	}
	if len(ap.Stays) > 0 {
		f.Stays = append([]Stay(nil), ap.Stays...)
	}
	f.Occupation, f.IMEType = ap.Occupation, ap.IMEType
	if d := ap.PreviousCXRDate; d != nil {
		f.PreviousCXRDate = *d
	}
}

// Occupations and IMETypes are the values the registration takes for the person's occupation and
// the type of IME (protocol-contract.md, "Additions 2026-12").
var (
	Occupations = []string{"health_worker", "other"}
	IMETypes    = []string{"full", "streamlined"}
)

// maxStays bounds the stays recorded for one person.
const maxStays = 50

// validatePersonFacts checks and normalizes the protocol facts of a registration: country codes,
// the stays' dates (none after today, none ending before it starts), the occupation and IME type.
// at is the field prefix ("members[0]." or "").
func validatePersonFacts(p *Problems, at string, m *Applicant, today time.Time) {
	seen := map[string]bool{}
	var cits []string
	for j, c := range m.Citizenships {
		c = strings.ToUpper(strings.TrimSpace(c))
		switch {
		case !isCountryCode(c):
			p.Add(fmt.Sprintf("%scitizenships[%d]", at, j), "invalid_country", "Use two-letter country codes, e.g. RW.")
		case !seen[c] && c != m.Nationality:
			cits = append(cits, c)
		}
		seen[c] = true
	}
	m.Citizenships = cits
	if len(m.Stays) > maxStays {
		p.Add(at+"stays", "too_many", fmt.Sprintf("At most %d stays.", maxStays))
	}
	for j, st := range m.Stays {
		f := fmt.Sprintf("%sstays[%d].", at, j)
		m.Stays[j].Country = strings.ToUpper(strings.TrimSpace(st.Country))
		if !isCountryCode(m.Stays[j].Country) {
			p.Add(f+"country", "invalid_country", "Use the two-letter country code, e.g. KE.")
		}
		switch {
		case st.From.IsZero():
			p.Add(f+"from", "required", "Enter the first day of the stay.")
		case st.From.After(today):
			p.Add(f+"from", "in_future", "The stay starts after today.")
		}
		switch {
		case st.To.IsZero():
		case st.To.After(today):
			p.Add(f+"to", "in_future", "The stay ends after today: leave the last day empty while it goes on.")
		case !st.From.IsZero() && st.To.Before(st.From):
			p.Add(f+"to", "before_start", "The last day is before the first day.")
		}
	}
	m.Occupation = strings.ToLower(strings.TrimSpace(m.Occupation))
	if m.Occupation != "" && !oneOf(m.Occupation, Occupations) {
		p.Add(at+"occupation", "not_allowed", "Choose health_worker or other, or leave it empty.")
	}
	m.IMEType = strings.ToLower(strings.TrimSpace(m.IMEType))
	if m.IMEType != "" && !oneOf(m.IMEType, IMETypes) {
		p.Add(at+"ime_type", "not_allowed", "Choose full or streamlined, or leave it empty.")
	}
	if d := m.PreviousCXRDate; d != nil && d.After(today) {
		p.Add(at+"previous_cxr_date", "in_future", "The certificate's date is after today.")
	}
}
