package protocols

import (
	"context"
	"fmt"
	"math/bits"
	"strings"
	"sync"
	"time"

	"cel.dev/cel-go/common/types/ref"
	"cel.dev/cel-go/interpreter"

	"github.com/mhac-clinic/mhac/clinic"
)

var _ clinic.Assessor = (*Engine)(nil)

// Evaluate applies a version of f.Destination's protocol to f. An empty version means the one in
// force on f.ExamDate; an assessment passes the version it started under. Bad input gives an
// *Error; a rule that cannot be evaluated gives a plain error naming the rule.
func (e *Engine) Evaluate(ctx context.Context, version string, f clinic.Facts) (clinic.Plan, error) {
	if err := ctx.Err(); err != nil {
		return clinic.Plan{}, err
	}
	nf, ierr := normalize(f)
	if ierr != nil {
		return clinic.Plan{}, ierr
	}
	set, ierr := e.pick(nf.Destination, version, nf.ExamDate)
	if ierr != nil {
		return clinic.Plan{}, ierr
	}
	if !contains(set.programs, nf.Program) {
		return clinic.Plan{}, inputErr(CodeUnknownProgram, "program", "%s has no %s program in version %s (programs: %s)",
			set.country, nf.Program, set.version, strings.Join(set.programs, ", "))
	}
	return set.evaluate(&nf, e.ref)
}

var defaultEngine = sync.OnceValues(Load)

// Evaluate applies the embedded protocol version in force on f.ExamDate to f.
func Evaluate(ctx context.Context, f clinic.Facts) (clinic.Plan, error) {
	e, err := defaultEngine()
	if err != nil {
		return clinic.Plan{}, err
	}
	return e.Evaluate(ctx, "", f)
}

// evaluation is the state of one evaluation of one rule set. Evaluations are pooled: the
// activation's value slots and the fired flags are reused, and nothing of them reaches the plan.
type evaluation struct {
	set   *ruleSet
	ref   *reference
	st    evalState
	act   activation
	plan  clinic.Plan
	steps uint64 // bit i: steps[i] already required
	vals  []ref.Val
	fired []bool
	held  []clinic.Blocker // the hold rules' blockers, until the clearance is assembled (reused)
}

var evaluations = sync.Pool{New: func() any { return new(evaluation) }}

func newEvaluation(s *ruleSet, refs *reference, f *clinic.Facts) *evaluation {
	ev := evaluations.Get().(*evaluation)
	ev.set, ev.ref, ev.st, ev.steps = s, refs, newEvalState(f), 0
	if cap(ev.vals) < len(s.names) {
		ev.vals = make([]ref.Val, len(s.names))
	}
	if cap(ev.fired) < len(s.rules) {
		ev.fired = make([]bool, len(s.rules))
	}
	ev.vals, ev.fired = ev.vals[:len(s.names)], ev.fired[:len(s.rules)]
	ev.act = activation{st: &ev.st, set: s, vals: ev.vals}
	return ev
}

func (ev *evaluation) release() {
	clear(ev.vals)
	clear(ev.fired)
	clear(ev.held)
	*ev = evaluation{vals: ev.vals, fired: ev.fired, held: ev.held[:0]}
	evaluations.Put(ev)
}

func (s *ruleSet) evaluate(f *clinic.Facts, refs *reference) (plan clinic.Plan, err error) {
	defer func() {
		if r := recover(); r != nil {
			plan, err = clinic.Plan{}, fmt.Errorf("protocols: %s %s: evaluation failed: %v", s.country, s.version, r)
		}
	}()
	ev := newEvaluation(s, refs, f)
	defer ev.release()
	frame, err := interpreter.NewExecutionFrame(&ev.act)
	if err != nil {
		return clinic.Plan{}, fmt.Errorf("protocols: %w", err)
	}
	ev.act.frame = frame
	defer frame.Close()

	// First pass: which rules apply. Second pass: build the plan, its lists sized once.
	if err := ev.fire(); err != nil {
		return clinic.Plan{}, err
	}
	fired := ev.fired
	ev.plan = clinic.Plan{
		ProtocolID: s.country, ProtocolVersion: s.version, Program: f.Program, ExamDate: f.ExamDate,
		AgeYears: ev.st.age, BirthDateEstimated: f.BirthDateEstimated, OutcomeScale: s.outcomes,
	}
	ev.allocate(fired)
	var validity *rule
	for i, r := range s.rules {
		if !fired[i] {
			continue
		}
		ev.addNotes(r.notes)
		switch r.kind {
		case kindStep:
			ev.require(r)
		case kindOutcome:
			ev.outcome(r)
		case kindTreat:
			ev.plan.Treatments = append(ev.plan.Treatments, ev.treatment(r))
		case kindWithhold:
			ev.plan.Withheld = append(ev.plan.Withheld, ev.treatment(r))
		case kindForm:
			if !contains(ev.plan.Forms, r.code) {
				ev.plan.Forms = append(ev.plan.Forms, r.code)
			}
		case kindValidity:
			if validity == nil || r.months < validity.months { // the shortest period: the cautious reading
				validity = r
			}
		case kindDeparture:
			ev.departure(r)
		case kindHold:
			ev.hold(r)
		case kindPhoto:
			for _, f := range r.forms {
				ev.plan.PhotoForms = append(ev.plan.PhotoForms, clinic.PhotoRequirement{Form: f, Rule: r.id,
					Reason: ev.render(&r.reason), Source: r.csource})
			}
		}
	}
	ev.deferrals(fired)
	ev.withhold()
	ev.validity(validity)
	ev.finish()
	ev.clearance()
	return ev.plan, nil
}

// fire evaluates every condition once; an otherwise-outcome applies only when no other outcome
// does. The result is indexed like the set's rules.
func (ev *evaluation) fire() error {
	s := ev.set
	fired := ev.fired
	anyOutcome := false
	for pass := 0; pass < 2; pass++ {
		for i, r := range s.rules {
			if r.otherwise != (pass == 1) || (pass == 1 && anyOutcome) {
				continue
			}
			ok, err := r.c.check(&ev.act)
			if err != nil {
				return fmt.Errorf("protocols: %s %s rule %s: %w", s.country, s.version, r.id, err)
			}
			fired[i] = ok
			anyOutcome = anyOutcome || (ok && r.kind == kindOutcome)
		}
	}
	return nil
}

// allocate sizes the plan's lists for the rules that apply.
func (ev *evaluation) allocate(fired []bool) {
	var steps uint64
	var c planCapacity
	for i, r := range ev.set.rules {
		if !fired[i] {
			continue
		}
		c.add(r)
		for _, j := range r.stepIdx {
			steps |= 1 << j
		}
	}
	n := bits.OnesCount64(steps)
	p := &ev.plan
	// One backing array per element type, cut with full slice expressions so that an append to
	// one list can never run into the next.
	strs := make([]string, n+c.outcomes+c.forms)
	p.Pending = strs[0:0:n]
	p.Outcome.Codes = strs[n : n : n+c.outcomes]
	p.Forms = strs[n+c.outcomes : n+c.outcomes : n+c.outcomes+c.forms]
	p.Required = make([]clinic.RequiredStep, 0, n)
	p.Outcome.Findings = make([]clinic.OutcomeFinding, 0, c.outcomes)
	drugs := make([]clinic.Treatment, c.treat+c.withhold)
	p.Treatments = drugs[0:0:c.treat]
	p.Withheld = drugs[c.treat : c.treat : c.treat+c.withhold]
	if c.departure > 0 {
		p.Departure = make([]clinic.DepartureCheck, 0, c.departure)
	}
}

func (ev *evaluation) require(r *rule) {
	for k, i := range r.stepIdx {
		if ev.steps&(1<<i) != 0 {
			continue
		}
		ev.steps |= 1 << i
		code := r.steps[k]
		ev.plan.Required = append(ev.plan.Required, clinic.RequiredStep{
			Step: code, Rule: r.id, Reason: ev.render(&r.reason), ReasonFR: ev.render(&r.reasonFR),
			Source: r.csource, Confidence: r.confidence,
		})
		if d := &steps[i]; d.done != nil && !d.done(&ev.st.f.Results) {
			ev.plan.Pending = append(ev.plan.Pending, code)
		}
	}
}

func (ev *evaluation) outcome(r *rule) {
	o := &ev.plan.Outcome
	for _, fd := range o.Findings {
		if fd.Code == r.code {
			return // the first rule that finds a code explains it
		}
	}
	sev := ev.set.severity[r.code]
	o.Codes = append(o.Codes, r.code)
	o.Findings = append(o.Findings, clinic.OutcomeFinding{
		Code: r.code, Rule: r.id, Reason: ev.render(&r.reason), ReasonFR: ev.render(&r.reasonFR),
		Severity: sev, Source: r.csource, Confidence: r.confidence,
	})
	if sev > o.Severity {
		o.Severity = sev
	}
}

func (ev *evaluation) treatment(r *rule) clinic.Treatment {
	t := clinic.Treatment{Drug: r.code, Rule: r.id, Reason: ev.render(&r.reason), ReasonFR: ev.render(&r.reasonFR),
		Source: r.csource, Confidence: r.confidence}
	if r.kind == kindTreat {
		t.Dose, t.DoseProblem = ev.ref.dose(r.code, ev.st.ageMonths, ev.st.f.WeightKg)
	}
	return t
}

// withhold takes every withheld drug out of the treatments.
func (ev *evaluation) withhold() {
	if len(ev.plan.Withheld) == 0 {
		return
	}
	kept := ev.plan.Treatments[:0]
	for _, t := range ev.plan.Treatments {
		out := false
		for _, w := range ev.plan.Withheld {
			out = out || w.Drug == t.Drug
		}
		if !out {
			kept = append(kept, t)
		}
	}
	ev.plan.Treatments = kept
}

// validity sets the clearance's end from the rule chosen.
func (ev *evaluation) validity(best *rule) {
	if best == nil {
		return
	}
	until := addMonthsClamped(ev.st.f.ExamDate, best.months)
	if best.dayBefore {
		until = until.AddDate(0, 0, -1)
	}
	ev.plan.ValidUntil = &until
	ev.plan.Validity = &clinic.Validity{Months: best.months, Until: until, Rule: best.id,
		Reason: ev.render(&best.reason), ReasonFR: ev.render(&best.reasonFR), Source: best.csource, Confidence: best.confidence}
}

func (ev *evaluation) departure(r *rule) {
	d := clinic.DepartureCheck{
		Check: r.departure.Check, MinHours: r.departure.MinHours, MaxHours: r.departure.MaxHours, Rule: r.id,
		Reason: ev.render(&r.reason), ReasonFR: ev.render(&r.reasonFR), Source: r.csource, Confidence: r.confidence,
		Restriction: contains(departureRestrictions, r.departure.Check),
	}
	if dep := ev.st.f.PlannedDeparture; !dep.IsZero() {
		d.NotAfter = dep.Add(-time.Duration(d.MinHours) * time.Hour)
		if d.MaxHours > 0 {
			d.NotBefore = dep.Add(-time.Duration(d.MaxHours) * time.Hour)
		}
	}
	ev.plan.Departure = append(ev.plan.Departure, d)
}

// deferrals lists the pending steps that an applying defer rule lets the physician sign without.
// It runs after every require rule, so a defer rule may stand anywhere in the file.
func (ev *evaluation) deferrals(fired []bool) {
	for i, r := range ev.set.rules {
		if !fired[i] || r.kind != kindDefer || !contains(ev.plan.Pending, r.steps[0]) {
			continue
		}
		if _, dup := ev.plan.DeferralOf(r.steps[0]); dup {
			continue // the first rule that allows it explains it
		}
		ev.plan.Deferrable = append(ev.plan.Deferrable, clinic.Deferral{
			Step: r.steps[0], HoldsTravel: r.deferral.HoldsTravel, Then: r.deferral.Then, ThenFR: r.deferral.ThenFR,
			Rule: r.id, Reason: ev.render(&r.reason), ReasonFR: ev.render(&r.reasonFR), Source: r.csource, Confidence: r.confidence,
		})
	}
}

// finish sets final and the notes that do not belong to one rule.
func (ev *evaluation) finish() {
	f := ev.st.f
	ev.plan.Outcome.Final = len(ev.plan.Pending) == 0 && !contains(f.Results.SputumCultures, "pending")
	if f.BirthDateEstimated {
		ev.addNotes([]string{"The date of birth is estimated: age-based steps rest on it."})
	}
	if s := ev.set; s.usesTB && s.tb != nil {
		if _, ok := s.tb.lookup(f.ResidenceCountry); !ok {
			ev.addNotes([]string{fmt.Sprintf("%s is missing from the WHO TB incidence table (%d); treated as high burden.",
				orUnknown(f.ResidenceCountry), s.tb.info.Year)})
		}
	}
	if f.ExamDate.Before(ev.set.effective) {
		ev.addNotes([]string{fmt.Sprintf("Version %s took effect after the exam date %s; it was chosen explicitly.",
			ev.set.version, f.ExamDate.Format(time.DateOnly))})
	}
}

func (ev *evaluation) addNotes(notes []string) {
	for _, n := range notes {
		if !contains(ev.plan.Notes, n) {
			ev.plan.Notes = append(ev.plan.Notes, n)
		}
	}
}

func (ev *evaluation) render(t *template) string { return t.render(&ev.st, ev.set, ev.ref) }
