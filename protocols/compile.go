package protocols

import (
	"fmt"
	"sort"
	"strings"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/ast"
	"cel.dev/cel-go/common/operators"
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
)

// compiled is one condition: its text, its checked AST (for explain) and its program.
type compiled struct {
	expr      string
	ast       *cel.Ast
	prg       cel.Program
	lists     []string // reference lists it reads
	usesTB    bool     // it calls tb_incidence_at_least
	idents    []string // names it reads (facts and definitions)
	wantsBool bool
	always    bool // the condition is the constant true: no need to run it
}

// exprError is a problem found in a condition, with the position inside the expression.
type exprError struct {
	line, col int // 1-based line, 0-based column inside the expression; 0 when unknown
	msg       string
}

// compileExpr parses, type-checks and plans one condition. wantBool demands a true/false result.
func compileExpr(env *cel.Env, ref *reference, expr string, wantBool bool) (*compiled, []exprError) {
	if strings.TrimSpace(expr) == "" {
		return nil, []exprError{{msg: "the condition (when:) is empty; write true for a rule that always applies"}}
	}
	a, iss := env.Compile(expr)
	if iss != nil && iss.Err() != nil {
		var out []exprError
		for _, e := range iss.Errors() {
			out = append(out, exprError{line: e.Location.Line(), col: e.Location.Column(), msg: e.Message})
		}
		return nil, out
	}
	c := &compiled{expr: expr, ast: a, wantsBool: wantBool}
	if errs := lint(a, ref, c); len(errs) > 0 {
		return nil, errs
	}
	if wantBool && !a.OutputType().IsExactType(cel.BoolType) {
		return nil, []exprError{{line: 1, msg: fmt.Sprintf("the condition must be true or false, but it gives a value of type %s",
			a.OutputType())}}
	}
	prg, err := env.Program(a, cel.EvalOptions(cel.OptOptimize))
	if err != nil {
		return nil, []exprError{{msg: err.Error()}}
	}
	c.prg = prg
	if e := a.NativeRep().Expr(); e.Kind() == ast.LiteralKind && e.AsLiteral() == types.True {
		c.always = true
	}
	return c, nil
}

// lint checks what CEL's type checker cannot: that a string compared with a result is one of that
// result's values, and that a reference list named in quotes exists.
func lint(a *cel.Ast, ref *reference, c *compiled) []exprError {
	native := a.NativeRep()
	info := native.SourceInfo()
	var errs []exprError
	report := func(id int64, format string, args ...any) {
		loc := info.GetStartLocation(id)
		errs = append(errs, exprError{line: loc.Line(), col: loc.Column(), msg: fmt.Sprintf(format, args...)})
	}
	checkValue := func(v *factVar, lit ast.Expr) {
		s, ok := literalString(lit)
		if !ok || s == "" || contains(v.values, s) { // "" is a missing result
			return
		}
		report(lit.ID(), "%q is not a value of %s (values: %s)%s", s, v.name, strings.Join(v.values, ", "), suggest(s, v.values))
	}
	ast.PreOrderVisit(native.Expr(), ast.NewExprVisitor(func(e ast.Expr) {
		if e.Kind() == ast.IdentKind && !contains(c.idents, e.AsIdent()) {
			c.idents = append(c.idents, e.AsIdent())
		}
		if e.Kind() != ast.CallKind {
			return
		}
		call := e.AsCall()
		args := call.Args()
		switch call.FunctionName() {
		case operators.Equals, operators.NotEquals:
			if v := enumVar(args[0]); v != nil {
				checkValue(v, args[1])
			} else if v := enumVar(args[1]); v != nil {
				checkValue(v, args[0])
			}
		case operators.In:
			if v := enumVar(args[1]); v != nil { // "positive" in results.sputum_smears
				checkValue(v, args[0])
			}
			if v := enumVar(args[0]); v != nil && args[1].Kind() == ast.ListKind { // results.cxr in ["a", "b"]
				for _, el := range args[1].AsList().Elements() {
					checkValue(v, el)
				}
			}
		case fnInList, fnAnyInList, fnLongestStayOutside:
			name, ok := literalString(args[1])
			if !ok {
				report(args[1].ID(), "%s takes the name of a reference list in quotes, e.g. \"loa_loa\"", call.FunctionName())
				return
			}
			if _, ok := ref.lists[name]; !ok {
				report(args[1].ID(), "there is no reference list %q (lists: %s)%s", name, strings.Join(ref.listNames(), ", "),
					suggest(name, ref.listNames()))
				return
			}
			if !contains(c.lists, name) {
				c.lists = append(c.lists, name)
			}
		case fnTBIncidence:
			c.usesTB = true
		}
	}))
	return errs
}

// enumVar returns the fact variable e names when that variable has a fixed vocabulary.
func enumVar(e ast.Expr) *factVar {
	if e.Kind() != ast.IdentKind {
		return nil
	}
	if i, ok := factVarIndex[e.AsIdent()]; ok && factVars[i].values != nil {
		return &factVars[i]
	}
	return nil
}

func literalString(e ast.Expr) (string, bool) {
	if e.Kind() != ast.LiteralKind {
		return "", false
	}
	s, ok := e.AsLiteral().(types.String)
	return string(s), ok
}

func (ref *reference) listNames() []string {
	names := make([]string, 0, len(ref.lists))
	for n := range ref.lists {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// evalValue runs a compiled condition and reports a run-time error as a message.
func (c *compiled) check(a *activation) (bool, error) {
	v := evalProgram(c, a)
	return asBool(v)
}

func asBool(v ref.Val) (bool, error) {
	switch b := v.(type) {
	case types.Bool:
		return bool(b), nil
	case *types.Err:
		return false, b
	}
	return false, fmt.Errorf("the condition gave %v, not true or false", v)
}
