package clinic

import (
	"context"
	"time"
)

// State is where an assessment stands. Every change of state goes through transitions below.
type State string

// The states of an assessment.
const (
	StateQueued      State = "queued"        // waiting for the nurse
	StateInExam      State = "in_exam"       // history, exam, tests under way
	StateSigned      State = "signed"        // physician signed off; forms issued; PEC due
	StateFitToTravel State = "fit_to_travel" // the pre-embarkation check found the person fit
	StateNotFit      State = "not_fit"       // the pre-embarkation check found the person not fit
)

// Action is something done to an assessment.
type Action string

// The actions of the workflow.
const (
	ActRecord   Action = "record"   // history, vitals, results, classification
	ActSign     Action = "sign"     // physician sign-off
	ActAddendum Action = "addendum" // a note after sign-off, which reissues the forms
	ActPECFit   Action = "pec_fit"  // pre-embarkation check: fit
	ActPECUnfit Action = "pec_unfit"
)

// transitions is the workflow: for each state, the actions allowed and the state they lead to.
var transitions = map[State]map[Action]State{
	StateQueued: {ActRecord: StateInExam, ActSign: StateSigned},
	StateInExam: {ActRecord: StateInExam, ActSign: StateSigned},
	StateSigned: {ActAddendum: StateSigned, ActPECFit: StateFitToTravel, ActPECUnfit: StateNotFit},
	// A repeated check (a rescheduled flight, a fever that passed) may change the answer.
	StateFitToTravel: {ActAddendum: StateFitToTravel, ActPECFit: StateFitToTravel, ActPECUnfit: StateNotFit},
	StateNotFit:      {ActAddendum: StateNotFit, ActPECFit: StateFitToTravel, ActPECUnfit: StateNotFit},
}

// Next returns the state an action leads to, or an error saying why it is not allowed now.
func Next(from State, act Action) (State, error) {
	if to, ok := transitions[from][act]; ok {
		return to, nil
	}
	if from.Locked() && act == ActRecord {
		return from, Errorf(ELocked, "This assessment is signed and locked. Add an addendum instead.")
	}
	return from, Errorf(EInvalidState, "%s is not possible while the assessment is %s.", actionWords[act], stateWords[from])
}

// Locked reports whether the assessment is signed, so its record may no longer change.
func (s State) Locked() bool {
	return s == StateSigned || s == StateFitToTravel || s == StateNotFit
}

// Label is the state in plain English.
func (s State) Label() string { return stateWords[s] }

var stateWords = map[State]string{
	StateQueued:      "waiting for the nurse",
	StateInExam:      "in examination",
	StateSigned:      "signed, pre-embarkation check due",
	StateFitToTravel: "fit to travel",
	StateNotFit:      "not fit to travel",
}

var actionWords = map[Action]string{
	ActRecord:   "Recording",
	ActSign:     "Signing",
	ActAddendum: "An addendum",
	ActPECFit:   "A pre-embarkation check",
	ActPECUnfit: "A pre-embarkation check",
}

// mutate runs one change of an assessment: it loads the chart under a row lock, checks the
// caller's version and the workflow, lets change do its work, saves with the next version, and
// writes the audit row, all in one transaction. It returns the chart as it is afterwards.
func (s *Service) mutate(ctx context.Context, a Actor, id string, version int, act Action, action string,
	change func(tx Tx, ch *Chart, now time.Time) error) (Chart, error) {
	var out Chart
	err := s.tx(ctx, func(tx Tx) error {
		ch, err := s.loadChart(ctx, tx, a.SiteID, id, true)
		if err != nil {
			return err
		}
		if ch.Assessment.Version != version {
			return Conflict("assessment", ch.Assessment.Version)
		}
		next, err := Next(ch.Assessment.State, act)
		if err != nil {
			return err
		}
		if h := ch.IdentityHold(); h != nil && act != ActAddendum {
			return holdError(h)
		}
		now := s.clock.Now()
		if err := change(tx, &ch, now); err != nil {
			return err
		}
		ch.Assessment.State, ch.Assessment.UpdatedAt = next, now
		if err := tx.SaveAssessment(ctx, &ch.Assessment, version); err != nil {
			return err
		}
		if err := tx.Audit(ctx, s.audit(a, action, "assessment", id)); err != nil {
			return err
		}
		if out, err = s.loadChart(ctx, tx, a.SiteID, id, false); err != nil {
			return err
		}
		return s.syncLabOrders(ctx, tx, a, out, now)
	})
	return out, err
}
