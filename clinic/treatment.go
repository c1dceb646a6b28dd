package clinic

import (
	"context"
	"fmt"
	"math"
	"regexp"
	"strings"
	"time"
)

// What happened to a treatment the rules name.
const (
	TreatGiven    = "given"
	TreatWithheld = "withheld"
	TreatRefused  = "refused"
)

// WithholdReasons are the contraindications a nurse may record when withholding a treatment.
var WithholdReasons = []string{"pregnancy", "breastfeeding", "age", "weight", "loa_loa", "allergy", "acute_illness",
	"drug_interaction", "other"}

// TreatmentRoutes are the routes a treatment may be given by.
var TreatmentRoutes = []string{"oral"}

// TreatmentRecord is what the nurse recorded of one treatment at this exam: one administration
// given, or the treatment withheld (with the contraindication) or refused by the person.
type TreatmentRecord struct {
	ID           string
	AssessmentID string
	ApplicantID  string
	Drug         string
	Rule         string // the rule that ordered (or withheld) it
	Status       string // TreatGiven | TreatWithheld | TreatRefused
	DoseAmount   float64
	DoseUnit     string // mg | tablet
	Route        string
	BatchID      string  // the stock batch it was given from
	Lot          string  // the batch's lot, copied so the record stands alone
	Quantity     float64 // units taken from the batch
	At           time.Time
	Observed     bool   // the nurse saw the person swallow it
	ReasonCode   string // withheld: one of WithholdReasons
	Reason       string // words: the contraindication, or what the person said
	RecordedBy   string
	RecordedName string
	RecordedAt   time.Time
}

// TreatmentOrder is one treatment the rules name for the applicant, with what was recorded.
type TreatmentOrder struct {
	Treatment        // the rule's recommendation (or its withholding) and the dose
	Recommended bool // true: the rules say give it; false: the rules withhold it
	Records     []TreatmentRecord
}

// Status is the latest record's status, or "not_recorded".
func (o TreatmentOrder) Status() string {
	if len(o.Records) == 0 {
		return "not_recorded"
	}
	return o.Records[len(o.Records)-1].Status
}

// TreatmentStore holds the treatments recorded at exams.
type TreatmentStore interface {
	AddTreatment(ctx context.Context, r TreatmentRecord) error
	// TreatmentsOf lists an assessment's records, oldest first.
	TreatmentsOf(ctx context.Context, assessmentID string) ([]TreatmentRecord, error)
}

// TreatmentOrders lists the treatments the plan names: those to give, then those withheld by
// rule, each with its records.
func TreatmentOrders(ch Chart) []TreatmentOrder {
	out := make([]TreatmentOrder, 0, len(ch.Plan.Treatments)+len(ch.Plan.Withheld))
	add := func(t Treatment, rec bool) {
		for _, o := range out {
			if o.Drug == t.Drug {
				return // a drug withheld by two rules is one order
			}
		}
		o := TreatmentOrder{Treatment: t, Recommended: rec}
		for _, r := range ch.Treatments {
			if r.Drug == t.Drug {
				o.Records = append(o.Records, r)
			}
		}
		out = append(out, o)
	}
	for _, t := range ch.Plan.Treatments {
		add(t, true)
	}
	for _, t := range ch.Plan.Withheld {
		add(t, false)
	}
	return out
}

// UnrecordedTreatments lists the drugs the rules recommend that have no record yet: sign-off
// names them to the physician and the forms print them as not recorded.
func UnrecordedTreatments(ch Chart) []string {
	var out []string
	for _, o := range TreatmentOrders(ch) {
		if o.Recommended && len(o.Records) == 0 {
			out = append(out, o.Drug)
		}
	}
	return out
}

// RecordTreatment records that a treatment the rules name was given, withheld or refused. A dose
// given comes out of a batch of the site's stock that has not expired.
//
// Errors: forbidden, not_found, conflict (a stale version), locked (signed), validation (a dose, batch or reason the record does not allow).
func (s *Service) RecordTreatment(ctx context.Context, a Actor, id string, version int, r TreatmentRecord) (Chart, error) {
	if err := a.May(PermRecordTreatment); err != nil {
		return Chart{}, err
	}
	r = trimTreatment(r)
	return s.mutate(ctx, a, id, version, ActRecord, "assessment.treatment", func(tx Tx, ch *Chart, now time.Time) error {
		site, err := tx.SiteByCode(ctx, a.SiteCode)
		if err != nil {
			return err
		}
		order, ok := findOrder(TreatmentOrders(*ch), r.Drug)
		if !ok {
			return (&Problems{{Field: "drug", Code: "not_ordered", Message: "The protocol names no " + r.Drug + " treatment for this applicant."}}).Err()
		}
		if err := checkTreatment(r, order, ch.Assessment.ExamDate, now); err != nil {
			return err
		}
		if r.Status == TreatGiven {
			if err := takeDose(ctx, tx, a.SiteID, &r, site.Today(now)); err != nil {
				return err
			}
		}
		r.ID, r.AssessmentID, r.ApplicantID, r.Rule = NewID(), ch.Assessment.ID, ch.Applicant.ID, order.Rule
		r.RecordedBy, r.RecordedName, r.RecordedAt = a.UserID, a.Name, now
		return tx.AddTreatment(ctx, r)
	})
}

func findOrder(orders []TreatmentOrder, drug string) (TreatmentOrder, bool) {
	for _, o := range orders {
		if o.Drug == drug {
			return o, true
		}
	}
	return TreatmentOrder{}, false
}

func trimTreatment(r TreatmentRecord) TreatmentRecord {
	for _, f := range []*string{&r.Drug, &r.Status, &r.DoseUnit, &r.Route, &r.BatchID, &r.ReasonCode, &r.Reason} {
		*f = strings.TrimSpace(*f)
	}
	return r
}

var drugCode = regexp.MustCompile(`^[a-z][a-z0-9_]{1,60}$`)

// checkTreatment validates a record against its order and the exam.
func checkTreatment(r TreatmentRecord, o TreatmentOrder, examDate, now time.Time) error {
	var p Problems
	switch {
	case r.At.IsZero():
		p.Add("at", "required", "Enter when it was given, withheld or refused.")
	case r.At.After(now.Add(5 * time.Minute)):
		p.Add("at", "in_future", "The time is after now.")
	case r.At.Before(examDate):
		p.Add("at", "before_exam", "The time is before the exam date.")
	}
	textField(&p, "reason", r.Reason, 500, false)
	switch r.Status {
	case TreatGiven:
		if !o.Recommended {
			p.Add("status", "withheld_by_rule", "The protocol withholds "+r.Drug+": "+o.Reason)
		} else if o.Dose != nil && givenCount(o.Records) >= o.Dose.Doses {
			p.Add("status", "course_complete", fmt.Sprintf("All %d doses of the course are recorded as given.", o.Dose.Doses))
		}
		checkGiven(&p, r)
	case TreatWithheld:
		switch {
		case r.ReasonCode == "":
			p.Add("reason_code", "required", "Choose the contraindication.")
		case !contains(WithholdReasons, r.ReasonCode):
			p.Add("reason_code", "not_allowed", "Use one of "+strings.Join(WithholdReasons, ", ")+".")
		case r.ReasonCode == "other" && r.Reason == "":
			p.Add("reason", "required", "Say what the contraindication is.")
		}
	case TreatRefused:
	case "":
		p.Add("status", "required", "Say whether it was given, withheld or refused.")
	default:
		p.Add("status", "not_allowed", "Use given, withheld or refused.")
	}
	if r.Status != TreatGiven && (r.BatchID != "" || r.DoseAmount != 0 || r.Quantity != 0) {
		p.Add("batch_id", "not_allowed", "Only a dose given takes a batch, a dose and a quantity.")
	}
	return p.Err()
}

func givenCount(rs []TreatmentRecord) int {
	n := 0
	for _, r := range rs {
		if r.Status == TreatGiven {
			n++
		}
	}
	return n
}

func checkGiven(p *Problems, r TreatmentRecord) {
	if r.DoseAmount <= 0 || r.DoseAmount > 100000 {
		p.Add("dose_amount", "out_of_range", "Enter the dose given.")
	}
	if !contains(StrengthUnits, r.DoseUnit) {
		p.Add("dose_unit", "not_allowed", "Use one of "+strings.Join(StrengthUnits, ", ")+".")
	}
	if !contains(TreatmentRoutes, r.Route) {
		p.Add("route", "not_allowed", "Use one of "+strings.Join(TreatmentRoutes, ", ")+".")
	}
	if r.BatchID == "" {
		p.Add("batch_id", "required", "Choose the batch it was given from.")
	}
	if r.Quantity <= 0 || r.Quantity > 100 || !quarterUnits(r.Quantity) {
		p.Add("quantity", "out_of_range", "Enter the units taken from the batch (more than 0, in quarters at most).")
	}
}

// takeDose checks the batch the dose came from and counts the units out of it.
func takeDose(ctx context.Context, tx Tx, siteID string, r *TreatmentRecord, today time.Time) error {
	b, err := tx.BatchByID(ctx, siteID, r.BatchID, true)
	if IsCode(err, ENotFound) {
		return (&Problems{{Field: "batch_id", Code: "unknown", Message: "No such batch in this site's stock."}}).Err()
	}
	if err != nil {
		return err
	}
	var p Problems
	switch {
	case b.Drug != r.Drug:
		p.Add("batch_id", "wrong_drug", "This batch is "+b.Drug+", not "+r.Drug+".")
	case b.Expired(today):
		p.Add("batch_id", "expired", "Batch "+b.Lot+" expired on "+b.ExpiresOn.Format(time.DateOnly)+"; do not give it.")
	case b.Remaining < r.Quantity:
		p.Add("quantity", "insufficient_stock", fmt.Sprintf("Batch %s has %g units left.", b.Lot, b.Remaining))
	case b.StrengthUnit == r.DoseUnit && math.Abs(b.Strength*r.Quantity-r.DoseAmount) > 1e-6:
		p.Add("quantity", "dose_mismatch", fmt.Sprintf("%g units of %g %s make %g %s, not the %g %s entered.",
			r.Quantity, b.Strength, b.StrengthUnit, b.Strength*r.Quantity, b.StrengthUnit, r.DoseAmount, r.DoseUnit))
	}
	if err := p.Err(); err != nil {
		return err
	}
	r.Lot = b.Lot
	return tx.TakeFromBatch(ctx, b.ID, r.Quantity)
}

// formTreatments is what the forms print of the treatments: every record as it was made, and
// for an order with no record, the rule's withholding or "not recorded".
func formTreatments(ch Chart, loc *time.Location) []FormTreatment {
	var out []FormTreatment
	for _, o := range TreatmentOrders(ch) {
		if len(o.Records) == 0 {
			ft := FormTreatment{Drug: o.Drug, Status: "not_recorded", Recommended: o.Recommended}
			if !o.Recommended {
				ft.Status, ft.ByRule, ft.Reason = TreatWithheld, true, o.Reason
			}
			out = append(out, ft)
			continue
		}
		for _, r := range o.Records {
			y, m, d := r.At.In(loc).Date()
			ft := FormTreatment{Drug: r.Drug, Given: r.Status == TreatGiven, Date: time.Date(y, m, d, 0, 0, 0, 0, time.UTC),
				Status: r.Status, Recommended: o.Recommended, Route: r.Route, Lot: r.Lot, At: r.At.UTC(),
				Observed: r.Observed, RecordedBy: r.RecordedName, Reason: treatmentReason(r)}
			if ft.Given {
				ft.Dose = fmt.Sprintf("%g %s", r.DoseAmount, r.DoseUnit)
			}
			out = append(out, ft)
		}
	}
	return out
}

// treatmentReason is the contraindication or refusal in words.
func treatmentReason(r TreatmentRecord) string {
	code := strings.ReplaceAll(r.ReasonCode, "_", " ")
	switch {
	case r.ReasonCode == "loa_loa":
		code = "lived in a Loa loa-endemic country"
	case r.ReasonCode == "other":
		code = ""
	}
	switch {
	case code != "" && r.Reason != "":
		return code + " (" + r.Reason + ")"
	case code != "":
		return code
	}
	return r.Reason
}
