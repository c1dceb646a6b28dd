package protocols

import (
	"fmt"
	"strings"
	"time"

	"cel.dev/cel-go/common/ast"
	"cel.dev/cel-go/common/operators"
)

// Explanation is the rule set in force for one destination, program and date, as a reader sees
// it: each rule that can apply to the program, its condition in words, its reason and its source.
type Explanation struct {
	SetDetail
	Program string `json:"program"`
	On      string `json:"on"`
	// Skipped are the rules left out because their condition requires another program.
	Skipped []string `json:"skipped"`
}

// Explain returns the rule set of destination in force on the given date, for one program.
func (e *Engine) Explain(destination, program string, on time.Time) (Explanation, error) {
	dest := strings.ToUpper(strings.TrimSpace(destination))
	program = strings.ToLower(strings.TrimSpace(program))
	s, err := e.pick(dest, "", calendarDate(on))
	if err != nil {
		return Explanation{}, err
	}
	if !contains(s.programs, program) {
		return Explanation{}, inputErr(CodeUnknownProgram, "program", "%s has no %q program in version %s (programs: %s)",
			s.country, program, s.version, strings.Join(s.programs, ", "))
	}
	x := Explanation{SetDetail: s.detail(e.ref), Program: program, On: calendarDate(on).Format(time.DateOnly), Skipped: []string{}}
	kept := x.Rules[:0]
	for i, r := range s.rules {
		if s.excludes(r.c.ast.NativeRep().Expr(), program) {
			x.Skipped = append(x.Skipped, r.id)
			continue
		}
		kept = append(kept, x.Rules[i])
	}
	x.Rules = kept
	return x, nil
}

// excludes reports whether the condition cannot hold for the program: one of its top-level
// conjuncts (or of a definition it names) requires another program.
func (s *ruleSet) excludes(e ast.Expr, program string) bool {
	switch e.Kind() {
	case ast.IdentKind:
		for _, d := range s.defs {
			if d.name == e.AsIdent() {
				return s.excludes(d.c.ast.NativeRep().Expr(), program)
			}
		}
	case ast.CallKind:
		c := e.AsCall()
		args := c.Args()
		switch c.FunctionName() {
		case operators.LogicalAnd:
			return s.excludes(args[0], program) || s.excludes(args[1], program)
		case operators.Equals:
			if isIdent(args[0], "program") {
				v, ok := literalString(args[1])
				return ok && v != program
			}
		case operators.In:
			if isIdent(args[0], "program") && args[1].Kind() == ast.ListKind {
				for _, el := range args[1].AsList().Elements() {
					if v, ok := literalString(el); !ok || v == program {
						return false
					}
				}
				return true
			}
		}
	}
	return false
}

func isIdent(e ast.Expr, name string) bool { return e.Kind() == ast.IdentKind && e.AsIdent() == name }

// Text renders the explanation for a terminal.
func (x Explanation) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\nVersion %s (effective %s), in force on %s — program: %s\nRule file: %s\n",
		x.Title, x.Version, x.Effective, x.On, x.Program, x.File)
	for _, n := range x.Notes {
		fmt.Fprintf(&b, "Note: %s\n", n)
	}
	sections := []struct{ kind, title string }{
		{"require", "Required steps"}, {"outcome", "Outcomes"}, {"treat", "Presumptive treatment"},
		{"withhold", "Treatment withheld"}, {"form", "Forms"}, {"valid_months", "Validity"}, {"departure", "Before departure"},
		{"hold", "Travel holds"},
	}
	for _, sec := range sections {
		first := true
		for _, r := range x.Rules {
			if r.Produces.Kind != sec.kind {
				continue
			}
			if first {
				fmt.Fprintf(&b, "\n== %s ==\n", sec.title)
				first = false
			}
			writeRule(&b, r)
		}
	}
	if len(x.Skipped) > 0 {
		fmt.Fprintf(&b, "\nNot for %s (condition names another program): %s\n", x.Program, strings.Join(x.Skipped, ", "))
	}
	b.WriteString("\n== Outcome severity (higher is more severe) ==\n")
	for _, o := range x.Outcomes {
		hold := ""
		if o.HoldsTravel {
			hold = " — holds travel"
		}
		fmt.Fprintf(&b, "  %3d  %-28s %s%s\n", o.Severity, o.Code, o.Label, hold)
	}
	if len(x.Definitions) > 0 {
		b.WriteString("\n== Definitions ==\n")
		for _, d := range x.Definitions {
			fmt.Fprintf(&b, "  %s: %s\n      CEL: %s\n", d.Name, d.Means, d.When)
		}
	}
	b.WriteString("\n== Reference data ==\n")
	for _, r := range x.References {
		fmt.Fprintf(&b, "  %s — %s; source: %s", r.Name, r.Title, r.Source.String())
		if r.AsOf != "" {
			fmt.Fprintf(&b, " (as of %s)", r.AsOf)
		}
		if r.Incomplete {
			b.WriteString(" [INCOMPLETE]")
		}
		b.WriteString("\n")
	}
	return b.String()
}

func writeRule(b *strings.Builder, r RuleDTO) {
	what := r.Produces.Code
	switch r.Produces.Kind {
	case "require":
		what = strings.Join(r.Produces.Steps, ", ")
	case "valid_months":
		what = fmt.Sprintf("%d months", r.Produces.Months)
		if r.Produces.LastDay == "day_before" {
			what = fmt.Sprintf("less than %d months (last day: the day before the anniversary)", r.Produces.Months)
		}
	case "hold":
		what = r.Produces.Code
		if r.Produces.WaitDays > 0 {
			what += fmt.Sprintf(" (up to %d days)", r.Produces.WaitDays)
		}
	case "departure":
		what = r.Produces.Check
		switch {
		case r.Produces.MaxHours > 0 && r.Produces.MinHours > 0:
			what += fmt.Sprintf(" (from %d h to %d h before departure)", r.Produces.MaxHours, r.Produces.MinHours)
		case r.Produces.MaxHours > 0:
			what += fmt.Sprintf(" (within %d h)", r.Produces.MaxHours)
		}
	}
	verify := ""
	if r.Confidence == "low" {
		verify = "  [verify]"
	}
	fmt.Fprintf(b, "\n  %s  [%s]%s\n", what, r.ID, verify)
	when := r.WhenWords
	if r.Otherwise {
		when = "no other outcome stands, and " + when
	}
	fmt.Fprintf(b, "    When:   %s\n", when)
	fmt.Fprintf(b, "    Why:    %s\n", r.Reason)
	fmt.Fprintf(b, "    Source: %s (confidence %s", r.Source.String(), r.Confidence)
	if r.Effective != "" {
		fmt.Fprintf(b, "; rule dates from %s", r.Effective)
	}
	b.WriteString(")\n")
	if r.Note != "" {
		fmt.Fprintf(b, "    Note:   %s\n", r.Note)
	}
}
