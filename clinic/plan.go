package clinic

import "time"

// Plan is the protocol engine's answer for one applicant on one day: what the destination's
// protocol requires, what is still missing, and what the results found so far.
// See protocol-contract.md, "Result".
type Plan struct {
	ProtocolID      string // the destination: US | CA | AU | NZ
	ProtocolVersion string // the rule set's effective date, "2021-09-03"
	Program         string
	ExamDate        time.Time

	AgeYears           int  // completed years on ExamDate
	BirthDateEstimated bool // the age rests on an estimated birth date

	Required   []RequiredStep // in the order of the rule file
	Pending    []string       // required steps with no result yet (step codes)
	Outcome    Outcome
	Treatments []Treatment // presumptive treatment to give
	Withheld   []Treatment // presumptive treatment not to give, each with why
	Forms      []string    // form identifiers, e.g. "DS-2054", "IMM 1017", "INZ 1096"

	ValidUntil *time.Time // the last day on which the exam serves; nil when it cannot be said yet
	Validity   *Validity  // the rule behind ValidUntil
	Departure  []DepartureCheck
	// Deferrable lists the pending steps the rules allow the physician to sign without, and what
	// the outcome then is (e.g. a chest X-ray in pregnancy, after delivery).
	Deferrable []Deferral
	// PhotoForms are the forms the receiving country requires the person's photo on: without a
	// photo on file they are not issued.
	PhotoForms []PhotoRequirement
	Clearance  Clearance // what stops travel today, and when it can clear

	// OutcomeScale lists every outcome code of this protocol version with its severity, so the
	// clinic can tell whether a physician's classification raises or lowers the rules' finding.
	OutcomeScale []OutcomeLevel

	// Notes are things the physician should know about how the answer was reached, e.g.
	// "RW is missing from the WHO TB table; treated as high burden."
	Notes []string
}

// Source names where a rule comes from.
type Source struct {
	Doc     string // document title or S-code name
	Section string
	Edition string // edition or effective date of the document
	URL     string
}

// RequiredStep is one step the protocol requires, with the rule that requires it.
type RequiredStep struct {
	Step       string // step code: cxr, igra, sputum_cultures, ...
	Rule       string // rule id in the rule file
	Reason     string // plain language, English
	ReasonFR   string // plain language, French
	Source     Source
	Confidence string // high | medium | low
}

// Outcome is the classification or referral outcome the results support so far.
type Outcome struct {
	Codes    []string // e.g. ["class_b1_tb_pulmonary", "class_b3_tb_contact"] or ["no_class"]
	Final    bool     // true when no required step is pending and no culture is pending
	Severity int      // the highest severity among Findings
	Findings []OutcomeFinding
}

// OutcomeFinding is one outcome code with the rule that found it.
type OutcomeFinding struct {
	Code       string
	Rule       string
	Reason     string
	ReasonFR   string
	Severity   int // higher is more severe; compare with OutcomeScale
	Source     Source
	Confidence string
}

// OutcomeLevel is one outcome code of a protocol and its rank.
type OutcomeLevel struct {
	Code     string
	Severity int
	Label    string
	// HoldsTravel is true for outcomes that keep a person from travelling until treated or
	// cleared (e.g. US Class A, referral for active TB); the rule file says which.
	HoldsTravel bool
}

// Treatment is a presumptive treatment given or withheld, with the rule that decided it.
type Treatment struct {
	Drug       string // albendazole | ivermectin | praziquantel | artemether_lumefantrine
	Rule       string
	Reason     string
	ReasonFR   string
	Source     Source
	Confidence string
	// Dose is the dose for this applicant's age and weight from the protocol's dose table; nil
	// when the table has no band for them, and DoseProblem says why.
	Dose        *TreatmentDose
	DoseProblem string
}

// TreatmentDose is one administration of a treatment as the dose table orders it.
type TreatmentDose struct {
	Amount     float64 // per administration, in Unit
	Unit       string  // mg | tablet
	Route      string  // oral
	Doses      int     // administrations in the course
	Schedule   string  // in words, e.g. "once a day for 2 days"
	ScheduleFR string
	Basis      string // the band that gave the dose, e.g. "weight 36 to under 51 kg"
	Table      string // the reference table's name
	Source     Source
}

// Validity says how long the medical clearance lasts and which rule says so.
type Validity struct {
	Months     int
	Until      time.Time
	Rule       string
	Reason     string
	ReasonFR   string
	Source     Source
	Confidence string
}

// DepartureCheck is a check the protocol asks for before travel (pre-embarkation check,
// pre-departure medical screening, departure health check) and its window.
type DepartureCheck struct {
	Check    string // pre_embarkation_check | pre_departure_screening | departure_health_check | inz_1262 | no_live_vaccines
	MinHours int    // the window ends this many hours before departure (0 when not stated)
	MaxHours int    // the window opens this many hours before departure (0 when not stated)
	// NotBefore and NotAfter are the window in real time, in the departure's zone, when the
	// planned departure is known and the rule gives a window; zero otherwise.
	NotBefore time.Time
	NotAfter  time.Time
	// Restriction: the window is one in which something must NOT be done (no live vaccine),
	// not a check to do.
	Restriction bool
	Rule        string
	Reason      string
	ReasonFR    string
	Source      Source
	Confidence  string
}

// Clearance says whether the person may travel on what is known today and, if not, what stops it.
type Clearance struct {
	Cleared   bool
	Until     *time.Time // the last day the exam serves (= Plan.ValidUntil)
	BlockedBy []Blocker
}

// Blocker is one thing that stops travel today.
type Blocker struct {
	Code     string // culture_pending | step_pending | outcome_holds_travel | departure_check | exam_expires_before_departure
	Step     string // the step, for step_pending and culture_pending
	Check    string // the departure check, for departure_check
	Reason   string
	ReasonFR string
	Earliest *time.Time // the earliest day it can clear, when it can be said
	Rule     string     // the rule behind it, when one rule is
}

// Deferral is a required step that a rule allows to be left undone at sign-off, with the rule
// that allows it and what then holds.
type Deferral struct {
	Step        string
	HoldsTravel bool   // true: no travel clearance until the step is done
	Then        string // what the outcome is meanwhile, English
	ThenFR      string
	Rule        string
	Reason      string // when and why the step may be deferred, English
	ReasonFR    string
	Source      Source
	Confidence  string
}

// DeferralOf returns the rule that allows a step to be deferred, if one does.
func (p Plan) DeferralOf(step string) (Deferral, bool) {
	for _, d := range p.Deferrable {
		if d.Step == step {
			return d, true
		}
	}
	return Deferral{}, false
}

// PhotoRequirement is a rule saying that a form carries the person's photo.
type PhotoRequirement struct {
	Form   string
	Rule   string
	Reason string
	Source Source
}

// photoRule returns the rule that requires the person's photo on a form, if any.
func (p Plan) photoRule(form string) (PhotoRequirement, bool) {
	for _, r := range p.PhotoForms {
		if r.Form == form {
			return r, true
		}
	}
	return PhotoRequirement{}, false
}
