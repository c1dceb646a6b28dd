package protocols

import (
	"time"

	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
	"cel.dev/cel-go/interpreter"

	"github.com/mhac-clinic/mhac/clinic"
)

// evalState is one applicant's facts, validated, with the values the engine derives from them.
type evalState struct {
	f         *clinic.Facts
	age       int
	ageMonths int
}

func newEvalState(f *clinic.Facts) evalState {
	m := completedMonths(f.BirthDate, f.ExamDate)
	return evalState{f: f, age: m / 12, ageMonths: m}
}

// activation hands the CEL programs the values of one evaluation. Values are computed on first
// use and kept in a slice (fact variables first, then the rule set's definitions), so a fact that
// no rule reads costs nothing and no map is built per evaluation.
type activation struct {
	st    *evalState
	set   *ruleSet
	vals  []ref.Val
	frame *interpreter.ExecutionFrame // one CEL frame for every program of the evaluation
}

func (a *activation) ResolveName(name string) (any, bool) {
	i, ok := a.set.names[name]
	if !ok {
		return nil, false
	}
	if v := a.vals[i]; v != nil {
		return v, true
	}
	var v ref.Val
	if i < len(factVars) {
		v = factVars[i].get(a.st)
	} else {
		v = a.set.defs[i-len(factVars)].eval(a)
	}
	a.vals[i] = v
	return v, true
}

func (a *activation) Parent() interpreter.Activation { return nil }

// evalProgram runs one compiled condition and returns its value; an evaluation error comes back
// as a *types.Err value. CEL's Eval recovers a panic inside the program (a helper function's
// included) and returns it as an error.
func evalProgram(c *compiled, a *activation) ref.Val {
	if c.always {
		return types.True
	}
	var in any = a
	if a.frame != nil {
		in = a.frame
	}
	out, _, err := c.prg.Eval(in)
	if err != nil {
		if out != nil && types.IsError(out) {
			return out
		}
		return types.WrapErr(err)
	}
	return out
}

// completedMonths is the number of whole months from birth to on. A monthly anniversary that
// falls on a day the month does not have (31 April, 29 February in a common year) is reached on
// the first day of the next month, so a person born on 29 February turns N on 1 March.
func completedMonths(birth, on time.Time) int {
	by, bm, _ := birth.Date()
	oy, om, _ := on.Date()
	n := (oy-by)*12 + int(om) - int(bm)
	if n < 0 {
		return 0
	}
	if anniversary(birth, n).After(on) {
		n--
	}
	if n < 0 {
		return 0
	}
	return n
}

// anniversary returns birth + n months, rolling a missing day forward to the 1st of the next month.
func anniversary(birth time.Time, n int) time.Time {
	by, bm, bd := birth.Date()
	first := time.Date(by, bm+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	if bd > daysIn(first.Year(), first.Month()) {
		return first.AddDate(0, 1, 0)
	}
	return time.Date(first.Year(), first.Month(), bd, 0, 0, 0, 0, time.UTC)
}

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// addMonthsClamped adds n months to d, clamping to the last day of the target month
// (31 August + 6 months = 28 or 29 February): a validity period never runs past its month.
func addMonthsClamped(d time.Time, n int) time.Time {
	y, m, day := d.Date()
	first := time.Date(y, m+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	if last := daysIn(first.Year(), first.Month()); day > last {
		day = last
	}
	return time.Date(first.Year(), first.Month(), day, 0, 0, 0, 0, time.UTC)
}
