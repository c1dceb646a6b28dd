package clinic

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// Where a dose's record comes from.
const (
	OriginClinic = "clinic" // given at this clinic
	OriginRecord = "record" // copied from a written record (vaccination card, programme record)
)

// The DS-3025 status of a required vaccine, and the form's "not medically appropriate" reasons.
const (
	LineComplete    = "complete"
	LineGiveToday   = "give_today"
	LineNotRequired = "not_required"
	LineRefused     = "refused" // a dose due today that the applicant or guardian declined

	ReasonNotAgeAppropriate     = "not_age_appropriate"
	ReasonInsufficientInterval  = "insufficient_interval"
	ReasonContraindication      = "contraindication"
	ReasonNotFluSeason          = "not_flu_season"
	ReasonNotRoutinelyAvailable = "not_routinely_available"
)

// DoseSites and DoseRoutes are the body sites and routes a dose may be given by (HL7 tables
// 0163 and 0162, in words).
var (
	DoseSites  = []string{"left_arm", "right_arm", "left_thigh", "right_thigh", "left_gluteal", "right_gluteal"}
	DoseRoutes = []string{"intramuscular", "subcutaneous", "intradermal", "oral", "intranasal"}
)

// Dose is one vaccine dose of an applicant's history. Doses belong to the person, so a later
// assessment sees them; AssessmentID is the exam during which the dose was entered. A wrong
// entry is never deleted: it is marked InError and leaves the evaluation.
type Dose struct {
	ID             string
	ApplicantID    string
	AssessmentID   string
	Date           time.Time // calendar date, 00:00 UTC
	CVX            string
	MVX            string // manufacturer code (HL7 MVX), when known
	Manufacturer   string // manufacturer in words, when no MVX code fits
	Lot            string
	Site           string // one of DoseSites, or "" (oral, intranasal, or not on the record)
	Route          string // one of DoseRoutes, or "" when the record does not say
	Origin         string // OriginClinic | OriginRecord
	SourceDocument string // the document a copied dose comes from
	BatchID        string // the stock lot a dose given here came from ("" for a copied dose)
	RecordedBy     string // user id
	RecordedName   string
	RecordedAt     time.Time
	InError        *DoseError
}

// DoseError marks a dose entered in error: who found it, when, and why.
type DoseError struct {
	Reason string
	By     string
	ByName string
	At     time.Time
}

// Immunizer evaluates vaccination histories (CDC's CDSi logic) and derives the DS-3025 worksheet.
type Immunizer interface {
	// Vaccine describes a CVX code; ok is false when the CDSi data does not know it.
	Vaccine(cvx string) (v Vaccine, ok bool)
	// Vaccines lists every CVX code the data knows, for the nurse's choice of vaccine.
	Vaccines() []Vaccine
	// DS3025Vaccines lists the vaccines the DS-3025 rule files name, for the site's list of
	// vaccines it cannot get.
	DS3025Vaccines() []DS3025Vaccine
	// Worksheet evaluates the doses of f and forecasts the next ones.
	Worksheet(ctx context.Context, f VaccinationFacts) (VaccinationView, error)
}

// Vaccine is a CVX code with its display text.
type Vaccine struct {
	CVX         string
	Name        string
	Unspecified bool // "unspecified formulation": fine for an old record, not for a dose given here
}

// VaccinationFacts are what the evaluation reads. Doses are the valid ones, oldest first.
type VaccinationFacts struct {
	BirthDate      time.Time
	Sex            string // female | male | other
	CountryOfBirth string
	ExamDate       time.Time // picks the DS-3025 rule version
	AssessOn       time.Time // the day doses are judged on: the exam date, or a later dose's date
	Pregnant       bool
	Doses          []Dose
	ImmuneAntigens []string // antigens with evidence of immunity (a positive titre, documented disease)
}

// VaccinationView is the chart's vaccination section.
type VaccinationView struct {
	AssessedOn time.Time
	Doses      []DoseView        // every dose on record, oldest first; doses in error carry no evaluation
	Forecast   []VaccineForecast // groups the DS-3025 names or the history holds, in CDSi order
	DS3025     *DS3025           // nil outside the US
}

// DoseView is one dose with its verdict for each antigen it carries.
type DoseView struct {
	Dose
	Vaccine     string // CVX display text
	Evaluations []DoseEvaluation
	Problem     string // why the dose was left out of the evaluation, besides being in error
}

// DoseEvaluation is the CDSi verdict on one antigen of one dose.
type DoseEvaluation struct {
	VaccineGroup string
	Antigen      string
	Status       string // valid | not_valid | extraneous | sub_standard
	Reason       string
	DoseNumber   string // the target dose it counted for
	Series       string
}

// VaccineForecast is what CDSi says is next for one vaccine group.
type VaccineForecast struct {
	VaccineGroup string
	SeriesType   string // standard | risk
	Status       string // not_complete | complete | immune | aged_out | not_recommended | contraindicated
	DoseNumber   string // the next dose; "" when none is due
	Earliest     *time.Time
	Recommended  *time.Time
	PastDue      *time.Time
	Latest       *time.Time
	Reasons      []string
	Vaccines     []Vaccine // recommended products for the next dose, when the data names them
}

// DS3025 is the vaccination worksheet of a US applicant.
type DS3025 struct {
	RulesVersion    string
	RulesTitle      string
	DataVersion     string // the CDSi supporting data the forecast used, e.g. "CDSi supporting data 4.64 (508)"
	Sources         []string
	Lines           []DS3025Line
	RequirementsMet bool // no line asks for a dose today
}

// DS3025Line is one required vaccine: its status at the exam, and why.
type DS3025Line struct {
	Key          string // the rule file's key, e.g. dtap
	Vaccine      string
	VaccineGroup string
	Status       string // LineComplete | LineGiveToday | LineNotRequired | LineRefused
	ReasonCode   string // one of the Reason… codes when not required
	Reason       string
	Doses        []LineDose
	GiveToday    bool
	GiveVaccines []Vaccine // products CDSi recommends for today's dose
	GivenAtExam  bool      // a dose of this vaccine was given at this exam
	NextDue      *time.Time
	Source       string
	Decisions    []VaccineDecision // refusals, waivers, immunity recorded for this vaccine, oldest first
	// Unavailable is the site's entry that made a dose due today "not routinely available".
	Unavailable *VaccineUnavailability
}

// LineDose is one dose counted on a line, with the group's verdict on it.
type LineDose struct {
	DoseID string
	Date   time.Time
	CVX    string
	Status string // valid | not_valid | …
}

// RecordDose adds a dose to the applicant's history, from a written record or given here. A dose
// given here from a lot of the site's stock (BatchID) takes its lot and MVX from the lot and
// counts one dose out of it; an expired or empty lot is refused.
//
// Errors: forbidden, unavailable (vaccination not configured), validation, not_found, conflict (a
// stale version, or the Idempotency-Key), locked (signed), invalid_state.
func (s *Service) RecordDose(ctx context.Context, a Actor, id string, version int, d Dose) (Chart, error) {
	if err := a.May(PermRecordDose); err != nil {
		return Chart{}, err
	}
	if s.immunizer == nil {
		return Chart{}, Errorf(EUnavailable, "Vaccination records are not enabled on this server.")
	}
	d = trimDose(d)
	return s.mutate(ctx, a, id, version, ActRecord, "assessment.vaccination", func(tx Tx, ch *Chart, now time.Time) error {
		site, err := tx.SiteByCode(ctx, a.SiteCode)
		if err != nil {
			return err
		}
		if err := s.checkDose(&d, *ch, site.Today(now)); err != nil {
			return err
		}
		if d.BatchID != "" {
			if err := takeVaccineDose(ctx, tx, a.SiteID, &d, site.Today(now)); err != nil {
				return err
			}
		}
		if d.Origin == OriginClinic {
			// A dose copied from a written record needs no one in front of the nurse.
			if err := s.requireIdentityCheck(ctx, tx, ch, IDVaccination, now); err != nil {
				return err
			}
		}
		d.ID, d.ApplicantID, d.AssessmentID = NewID(), ch.Applicant.ID, ch.Assessment.ID
		d.RecordedBy, d.RecordedName, d.RecordedAt, d.InError = a.UserID, a.Name, now, nil
		return tx.AddDose(ctx, d)
	})
}

// MarkDoseInError takes a wrongly entered dose out of the evaluation; the entry stays on record.
//
// Errors: forbidden, validation (no reason), not_found (the assessment or the dose), conflict (a
// stale version, or the Idempotency-Key), locked (signed), invalid_state (already in error).
func (s *Service) MarkDoseInError(ctx context.Context, a Actor, id string, version int, doseID, reason string) (Chart, error) {
	if err := a.May(PermMarkDoseError); err != nil {
		return Chart{}, err
	}
	reason = strings.TrimSpace(reason)
	if reason == "" || len(reason) > 500 {
		return Chart{}, (&Problems{{Field: "reason", Code: "required", Message: "Say why the dose was entered in error (at most 500 characters)."}}).Err()
	}
	return s.mutate(ctx, a, id, version, ActRecord, "assessment.vaccination_error", func(tx Tx, ch *Chart, now time.Time) error {
		for _, d := range ch.Doses {
			if d.ID != doseID {
				continue
			}
			if d.InError != nil {
				return Errorf(EInvalidState, "This dose is already marked entered in error.")
			}
			return tx.MarkDoseInError(ctx, doseID, DoseError{Reason: reason, By: a.UserID, ByName: a.Name, At: now})
		}
		return NotFound("dose")
	})
}

func trimDose(d Dose) Dose {
	for _, f := range []*string{&d.CVX, &d.MVX, &d.Manufacturer, &d.Lot, &d.Site, &d.Route, &d.Origin, &d.SourceDocument, &d.BatchID} {
		*f = strings.TrimSpace(*f)
	}
	d.MVX = strings.ToUpper(d.MVX)
	return d
}

var (
	mvxCode = regexp.MustCompile(`^[A-Z]{2,4}$`)
	lotCode = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9 ./-]*$`)
)

// checkDose validates a dose against the chart it joins and the site's today, and writes its
// CVX code the way the immunizer does.
func (s *Service) checkDose(d *Dose, ch Chart, today time.Time) error {
	var p Problems
	here := d.Origin == OriginClinic
	switch d.Origin {
	case OriginClinic, OriginRecord:
	case "":
		p.Add("origin", "required", "Say whether the dose was given here or copied from a record.")
	default:
		p.Add("origin", "not_allowed", "Use clinic or record.")
	}
	switch {
	case d.Date.IsZero():
		p.Add("date", "required", "Enter the date the dose was given.")
	case d.Date.After(today):
		p.Add("date", "in_future", "The date is after today.")
	case d.Date.Before(ch.Applicant.BirthDate):
		p.Add("date", "before_birth", "The date is before the applicant's birth date.")
	case here && d.Date.Before(ch.Assessment.ExamDate):
		p.Add("date", "before_exam", "A dose given here during this exam is dated on or after the exam date; record an earlier dose from its written record.")
	}
	if d.CVX == "" {
		p.Add("cvx", "required", "Choose the vaccine.")
	} else if v, ok := s.immunizer.Vaccine(d.CVX); !ok {
		p.Add("cvx", "unknown", fmt.Sprintf("CVX %q is not a vaccine the CDSi data knows.", d.CVX))
	} else {
		d.CVX = v.CVX
		switch {
		case here && v.Unspecified:
			p.Add("cvx", "unspecified", "Choose the exact product given ("+v.Name+" names no formulation).")
		case !d.Date.IsZero() && hasDose(ch.Doses, d.CVX, d.Date):
			p.Add("date", "duplicate", "This vaccine is already recorded on this date.")
		}
	}
	if d.MVX != "" && !mvxCode.MatchString(d.MVX) {
		p.Add("mvx", "invalid", "An MVX code has 2 to 4 letters, e.g. SKB.")
	}
	textField(&p, "manufacturer", d.Manufacturer, 100, false)
	if d.BatchID != "" && !here {
		p.Add("batch_id", "not_allowed", "Only a dose given here comes from the stock.")
	}
	if textField(&p, "lot", d.Lot, 40, here && d.BatchID == "") && !lotCode.MatchString(d.Lot) {
		p.Add("lot", "invalid", "A lot number has letters, digits, spaces, dots, slashes and hyphens.")
	}
	textField(&p, "source_document", d.SourceDocument, 200, d.Origin == OriginRecord)
	checkSiteRoute(&p, *d, here)
	return p.Err()
}

// textField checks a free-text field's presence and length; it reports whether it has a value.
func textField(p *Problems, field, v string, max int, required bool) bool {
	switch {
	case v == "" && required:
		p.Add(field, "required", "Enter the "+strings.ReplaceAll(field, "_", " ")+".")
	case len(v) > max:
		p.Add(field, "too_long", fmt.Sprintf("At most %d characters.", max))
	}
	return v != ""
}

// checkSiteRoute: a dose given here names its route, and its site unless it goes by mouth or nose.
func checkSiteRoute(p *Problems, d Dose, here bool) {
	mucosal := d.Route == "oral" || d.Route == "intranasal"
	switch {
	case d.Route == "" && here:
		p.Add("route", "required", "Choose the route.")
	case d.Route != "" && !contains(DoseRoutes, d.Route):
		p.Add("route", "not_allowed", "Use one of "+strings.Join(DoseRoutes, ", ")+".")
	}
	switch {
	case d.Site != "" && mucosal:
		p.Add("site", "not_allowed", "An "+d.Route+" dose has no injection site.")
	case d.Site != "" && !contains(DoseSites, d.Site):
		p.Add("site", "not_allowed", "Use one of "+strings.Join(DoseSites, ", ")+".")
	case d.Site == "" && here && d.Route != "" && !mucosal:
		p.Add("site", "required", "Choose the injection site.")
	}
}

func hasDose(doses []Dose, cvx string, date time.Time) bool {
	for _, d := range doses {
		if d.InError == nil && d.CVX == cvx && d.Date.Equal(date) {
			return true
		}
	}
	return false
}

// Vaccines lists the vaccines the clinic can record, by CVX code; nil when vaccination is not
// configured.
//
// Errors: forbidden, unavailable (vaccination not configured).
func (s *Service) Vaccines(a Actor) ([]Vaccine, error) {
	if err := a.May(PermListVaccines); err != nil {
		return nil, err
	}
	if s.immunizer == nil {
		return nil, Errorf(EUnavailable, "Vaccination is not configured on this server.")
	}
	return s.immunizer.Vaccines(), nil
}
