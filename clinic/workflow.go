package clinic

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
