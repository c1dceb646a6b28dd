package clinic

import (
	"context"
	"time"
)

// TravelStatus answers the caseworker's question — fit to travel? — in plain words, without
// clinical detail.
type TravelStatus string

// The travel statuses, from registration to the flight.
const (
	TravelRegistered       TravelStatus = "registered"        // not yet in the exam queue
	TravelInExam           TravelStatus = "in_exam"           // history or examination not done
	TravelWaitingResults   TravelStatus = "waiting_results"   // tests under way
	TravelWaitingPhysician TravelStatus = "waiting_physician" // everything is in; the physician reviews
	TravelOnHold           TravelStatus = "on_hold"           // treatment or follow-up needed first
	TravelPECDue           TravelStatus = "pec_due"           // cleared; pre-embarkation check due
	TravelFit              TravelStatus = "fit_to_travel"
	TravelNotFit           TravelStatus = "not_fit"
	TravelExpired          TravelStatus = "expired" // the medical clearance ran out before the flight
	// TravelIncomplete: signed with required steps not done (a rule allowed it); travel waits
	// for them.
	TravelIncomplete TravelStatus = "incomplete"
	// TravelConsentMissing: the person has not consented (or withdrew consent) to share fitness
	// to travel with the resettlement agency; the board shows no status.
	TravelConsentMissing TravelStatus = "consent_to_share_missing"
)

var travelWords = map[TravelStatus]string{
	TravelRegistered:       "registered, not yet examined",
	TravelInExam:           "waiting for the examination",
	TravelWaitingResults:   "waiting for results",
	TravelWaitingPhysician: "waiting for the physician's review",
	TravelOnHold:           "on hold: treatment or follow-up needed before travel",
	TravelPECDue:           "cleared, pre-embarkation check due",
	TravelFit:              "fit to travel",
	TravelNotFit:           "not fit to travel: contact the clinic",
	TravelExpired:          "medical clearance expired: a new exam is needed",
	TravelIncomplete:       "incomplete: signed with steps not done; travel waits for them",
	TravelConsentMissing:   "consent to share missing",
}

// Label is the status in plain English.
func (t TravelStatus) Label() string { return travelWords[t] }

// What the board says is missing: neutral words only. A pending step's code (a sputum culture,
// a syphilis treatment, an HIV test) would tell the caseworker what the tests found, so the board
// never names the step.
const (
	MissingExamination   = "examination"            // history, vitals or the physical exam are not done
	MissingTests         = "tests_pending"          // tests are under way
	MissingResultsReview = "results_being_reviewed" // everything is in; the physician reviews it
	MissingPEC           = "pre_embarkation_check"  // the check before the flight
	MissingStepsNotDone  = "steps_not_done"         // signed with steps not done that hold travel
)

var missingWords = map[string]string{
	MissingExamination:   "examination not finished",
	MissingTests:         "tests pending",
	MissingResultsReview: "results being reviewed",
	MissingPEC:           "pre-embarkation check",
}

// MissingLabel is a neutral "what is missing" code in plain English.
func MissingLabel(code string) string { return missingWords[code] }

// MemberStatus is one person's line on the caseworker's board.
type MemberStatus struct {
	ApplicantID string
	Name        string
	Status      TravelStatus
	Missing     []string   // what is still missing, in neutral codes (Missing...): never a step code
	By          *time.Time // the date the next thing is due, when it can be said
	ValidUntil  *time.Time
	// Holds are what stops travel besides missing results, in neutral codes (Hold...) with the
	// earliest day each can clear: never the step, the check or the reasons.
	Holds []Blocker
}

// BoardCase is one case on the board.
type BoardCase struct {
	Case    Case
	Members []MemberStatus
}

// Board answers, per case and member, whether the person is fit to travel and if not, what is
// missing and by when; for a person without consent to share with the agency, only "consent to
// share missing".
//
// Errors: forbidden, validation (a bad cursor; a record the protocol cannot assess).
func (s *Service) Board(ctx context.Context, a Actor, f CaseFilter) (Page[BoardCase], error) {
	if err := a.May(PermReadBoard); err != nil {
		return Page[BoardCase]{}, err
	}
	limit, err := casePage(&f, 100, 200)
	if err != nil {
		return Page[BoardCase]{}, err
	}
	if n, ok := NormalizeFlight(f.Flight); ok {
		f.Flight = n
	}
	f.ByDocument = DisclosureFor(a.Role) == DiscloseFull
	today := s.clock.Now()
	var out Page[BoardCase]
	err = s.readLagging(ctx, func(tx Tx) error {
		out = Page[BoardCase]{}
		found, err := tx.SearchCases(ctx, a.SiteID, f)
		if err != nil || len(found) == 0 {
			return err
		}
		page := pageCases(found, limit)
		cases := page.Items
		out.Next = page.Next
		// One query for every member's current assessment, not one per person.
		ids := make([]string, len(cases))
		for i, c := range cases {
			ids[i] = c.ID
		}
		items, err := tx.Worklist(ctx, a.SiteID, WorkFilter{CaseIDs: ids, Limit: 100 * len(ids)})
		if err != nil {
			return err
		}
		zone, err := siteZone(ctx, tx, a.SiteID)
		if err != nil {
			return err
		}
		byID := make(map[string]WorkItem, len(items))
		for _, it := range items {
			byID[it.Assessment.ID] = it
		}
		consented, err := agencyConsents(ctx, tx, cases)
		if err != nil {
			return err
		}
		loaded, err := s.loadListPage(ctx, tx, itemCharts(items))
		if err != nil {
			return err
		}
		for _, c := range cases {
			bc := BoardCase{Case: c}
			for _, m := range c.Members {
				ms, err := s.memberStatus(ctx, tx, loaded, byID, c, m, today, zone, consented[m.ID])
				if err != nil {
					return err
				}
				bc.Members = append(bc.Members, ms)
			}
			out.Items = append(out.Items, bc)
		}
		return nil
	}, func() AuditEntry { return s.audit(a, "board.read", "case", "") })
	return out, err
}

// agencyConsents says which members of the cases consent to share fitness to travel with the
// resettlement agency.
func agencyConsents(ctx context.Context, tx Tx, cases []Case) (map[string]bool, error) {
	var ids []string
	for _, c := range cases {
		for _, m := range c.Members {
			ids = append(ids, m.ID)
		}
	}
	return tx.Consenting(ctx, ids, ConsentShareAgency, "")
}

// memberStatus is one person's line; without consent to share with the agency it says only that.
func (s *Service) memberStatus(ctx context.Context, tx Tx, page *listPage, items map[string]WorkItem, c Case, m Applicant, now time.Time, zone *time.Location, consented bool) (MemberStatus, error) {
	if !consented {
		return MemberStatus{ApplicantID: m.ID, Name: m.FullName(), Status: TravelConsentMissing}, nil
	}
	ms := MemberStatus{ApplicantID: m.ID, Name: m.FullName(), Status: TravelRegistered}
	it, ok := items[m.AssessmentID]
	if !ok {
		return ms, nil
	}
	ch := Chart{Assessment: it.Assessment, Applicant: m, Case: c, Zone: zone}
	if err := s.listChart(ctx, tx, &ch, page); err != nil {
		return ms, err
	}
	ms.Status, ms.Missing, ms.By = TravelStatusOf(ch, now)
	if ms.Status == TravelPECDue || ms.Status == TravelFit || ms.Status == TravelExpired {
		ms.ValidUntil = ch.Plan.ValidUntil // a clearance's end, only once there is a clearance
	}
	ms.Holds = boardHolds(ch.Plan.Clearance)
	if err := s.dotHold(ctx, tx, &ch, &ms, now); err != nil {
		return ms, err
	}
	if ms.Status == TravelWaitingResults && ms.By == nil {
		for _, h := range ms.Holds {
			if h.Code == "culture_pending" && h.Earliest != nil {
				ms.By = h.Earliest // waiting for TB culture results, expected by then
			}
		}
	}
	return ms, nil
}

// listChart evaluates a chart for a list (board, worklist) as the chart itself would: its plan,
// and the vaccines still due where the protocol reviews them.
func (s *Service) listChart(ctx context.Context, tx Tx, ch *Chart, page *listPage) error {
	var err error
	if ch.Plan, err = s.evaluate(ctx, *ch); err != nil {
		return err
	}
	if ch.Plan.awaitsSpecialist() {
		// Only then are the referrals read: their reports may complete the pending steps.
		if ch.Referrals, err = tx.ReferralsOf(ctx, ch.Assessment.ID); err != nil {
			return err
		}
		if ch.Plan, err = s.evaluate(ctx, *ch); err != nil {
			return err
		}
	}
	if ch.Plan.requires(StepHIVCounselling) || ch.Plan.requires(StepResultDisclosure) {
		if ch.Counselling, err = page.counsellingOf(ctx, tx, ch.Assessment.ID); err != nil {
			return err
		}
	}
	if ch.Plan.requires("vaccination_review") {
		// Vaccines still due keep the person from the physician's sign-off.
		if err := s.loadDoses(ctx, tx, ch, page); err != nil {
			return err
		}
		// Refusals, waivers and evidence of immunity settle a vaccine here as on the chart.
		if ch.VaccineDecisions, err = page.decisionsOf(ctx, tx, ch.Assessment.ID); err != nil {
			return err
		}
		if err := s.loadVaccination(ctx, tx, ch, page); err != nil {
			return err
		}
	}
	ch.Incomplete = incomplete(*ch)
	return nil
}

// readyForPhysician is true when history and examination are done and nothing is missing that a
// rule does not allow to wait: only then is the person listed for classification, and the board
// says "waiting for the physician's review".
func readyForPhysician(ch Chart) bool {
	as := ch.Assessment
	if as.History == nil || as.Vitals == nil {
		return false
	}
	for _, st := range ch.Incomplete {
		if _, ok := ch.Plan.DeferralOf(st); !ok {
			return false
		}
	}
	// Every step has a result, yet the outcome waits (sputum cultures growing).
	return len(ch.Plan.Pending) > 0 || ch.Plan.Outcome.Final
}

// What the board says stops travel: neutral words only. A culture hold or the name of a check
// before departure (a treatment, a repeat test) would tell the caseworker what the tests found.
const (
	HoldResultsExpected      = "results_expected"       // results not in yet, expected by a day
	HoldCheckBeforeDeparture = "check_before_departure" // a check to do before the flight
	HoldOnHold               = "on_hold"                // treatment or follow-up needed first
	HoldExamExpires          = "exam_expires_before_departure"
	HoldUnderObservation     = "treatment_under_observation" // a treatment course watched daily; earliest: its expected end
)

var holdWords = map[string]string{
	HoldResultsExpected:      "tests pending, results expected",
	HoldCheckBeforeDeparture: "a check before departure",
	HoldOnHold:               "on hold: treatment or follow-up needed before travel",
	HoldExamExpires:          "medical clearance ends before the flight",
	HoldUnderObservation:     "treatment under observation, planned end",
}

// HoldLabel is a neutral hold code in plain English.
func HoldLabel(code string) string { return holdWords[code] }

// boardHolds keeps of the clearance what the caseworker may read: a neutral code for each hold
// and its earliest day — not the step, the check or the clinical reasons. Missing results are the
// Missing list.
func boardHolds(c Clearance) []Blocker {
	var out []Blocker
	for _, b := range c.BlockedBy {
		code := HoldOnHold
		switch b.Code {
		case "step_pending":
			continue
		case "culture_pending":
			code = HoldResultsExpected
		case "departure_check":
			code = HoldCheckBeforeDeparture
		case "exam_expires_before_departure":
			code = HoldExamExpires
		}
		out = append(out, Blocker{Code: code, Earliest: b.Earliest})
	}
	return out
}

// TravelStatusOf derives the caseworker's status from a chart: what is missing, in neutral words,
// and by when.
func TravelStatusOf(ch Chart, now time.Time) (TravelStatus, []string, *time.Time) {
	as := ch.Assessment
	due := pecDue(ch.Case.DepartureDate)
	if as.State.Locked() && ch.Plan.ValidUntil != nil && ch.Case.DepartureDate != nil &&
		ch.Case.DepartureDate.After(*ch.Plan.ValidUntil) && as.State != StateFitToTravel {
		return TravelExpired, nil, ch.Plan.ValidUntil
	}
	switch as.State {
	case StateFitToTravel:
		return TravelFit, nil, nil
	case StateNotFit:
		return TravelNotFit, nil, due
	case StateSigned:
		if len(heldBy(as.Signoff)) > 0 {
			return TravelIncomplete, []string{MissingStepsNotDone}, nil
		}
		if len(holdingCodes(ch.Plan, as.Classification)) > 0 {
			return TravelOnHold, nil, nil
		}
		return TravelPECDue, []string{MissingPEC}, due
	}
	switch {
	case as.History == nil || as.Vitals == nil:
		return TravelInExam, []string{MissingExamination}, nil
	case !readyForPhysician(ch):
		return TravelWaitingResults, []string{MissingTests}, nil
	}
	return TravelWaitingPhysician, []string{MissingResultsReview}, nil
}

// heldBy lists the steps signed without that hold travel until they are done.
func heldBy(so *Signoff) []string {
	var out []string
	if so == nil {
		return nil
	}
	for _, d := range so.Deferred {
		if d.HoldsTravel {
			out = append(out, d.Step)
		}
	}
	return out
}

// pecDue is the last day for the pre-embarkation check: the day before departure.
func pecDue(departure *time.Time) *time.Time {
	if departure == nil {
		return nil
	}
	d := departure.AddDate(0, 0, -1)
	return &d
}
