package protocols

import (
	"strconv"
	"strings"

	"cel.dev/cel-go/common/ast"
	"cel.dev/cel-go/common/operators"
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/parser"
)

// wordsWriter says a checked condition in plain English, for explain: facts by their names,
// definitions by what they mean, comparisons as a reader would say them. Anything it does not
// know how to say is shown as CEL.
type wordsWriter struct {
	set  *ruleSet
	refs *reference
	info *ast.SourceInfo
}

func (w *wordsWriter) condition(c *compiled) string {
	native := c.ast.NativeRep()
	w.info = native.SourceInfo()
	if s := w.expr(native.Expr()); s != "" {
		return s
	}
	return c.expr
}

func (w *wordsWriter) expr(e ast.Expr) string {
	if call, ok := w.info.GetMacroCall(e.ID()); ok && call.Kind() == ast.CallKind && call.AsCall().FunctionName() == fnLivedInAny {
		return "the country of residence or any country lived in is on the list " + w.listTitle(call.AsCall().Args()[0])
	}
	switch e.Kind() {
	case ast.LiteralKind:
		if b, ok := e.AsLiteral().(types.Bool); ok && bool(b) {
			return "always"
		}
		return w.value(e)
	case ast.IdentKind:
		return w.name(e.AsIdent())
	case ast.ListKind:
		return w.list(e, "and")
	case ast.CallKind:
		return w.call(e)
	}
	return w.cel(e)
}

func (w *wordsWriter) call(e ast.Expr) string {
	c := e.AsCall()
	args := c.Args()
	switch fn := c.FunctionName(); fn {
	case operators.LogicalAnd, operators.LogicalOr:
		if r, ok := w.ageRange(args[0], args[1]); ok && fn == operators.LogicalAnd {
			return r
		}
		word := " and "
		if fn == operators.LogicalOr {
			word = " or "
		}
		return w.operand(args[0], fn) + word + w.operand(args[1], fn)
	case operators.LogicalNot:
		return "not (" + w.expr(args[0]) + ")"
	case operators.Equals, operators.NotEquals:
		return w.equality(args[0], args[1], fn == operators.NotEquals)
	case operators.Less, operators.LessEquals, operators.Greater, operators.GreaterEquals:
		phrase := map[string]string{operators.Less: " is under ", operators.LessEquals: " is at most ",
			operators.Greater: " is over ", operators.GreaterEquals: " is at least "}[fn]
		return w.expr(args[0]) + phrase + w.expr(args[1])
	case operators.In:
		if args[1].Kind() == ast.ListKind {
			return w.expr(args[0]) + " is " + w.list(args[1], "or")
		}
		return w.expr(args[1]) + " include " + w.expr(args[0])
	case "size":
		if len(args) == 1 {
			return "the number of " + w.expr(args[0])
		}
	case fnInList:
		return w.expr(args[0]) + " is on the list " + w.listTitle(args[1])
	case fnAnyInList:
		return "any of " + w.expr(args[0]) + " is on the list " + w.listTitle(args[1])
	case fnTBIncidence:
		return "the WHO TB incidence of " + w.expr(args[0]) + " is at least " + w.expr(args[1]) + " per 100 000 (a country missing from the table counts)"
	case fnLongestStayOutside:
		if len(args) == 3 {
			return "the longest stay since " + w.expr(args[2]) + " in a country not on the list " + w.listTitle(args[1]) + ", in completed months,"
		}
	case fnMonthsBetween:
		if len(args) == 2 {
			return "the completed months from " + w.expr(args[0]) + " to " + w.expr(args[1])
		}
	case fnYearsBefore:
		if len(args) == 2 {
			return w.expr(args[1]) + " years before " + w.expr(args[0])
		}
	}
	return w.cel(e)
}

// ageRange says `x >= a && x <= b` as "x is from a to b".
func (w *wordsWriter) ageRange(lo, hi ast.Expr) (string, bool) {
	cmp := func(e ast.Expr, fn string) (string, ast.Expr, bool) {
		if e.Kind() != ast.CallKind || e.AsCall().FunctionName() != fn {
			return "", nil, false
		}
		a := e.AsCall().Args()
		if a[0].Kind() != ast.IdentKind || a[1].Kind() != ast.LiteralKind {
			return "", nil, false
		}
		return a[0].AsIdent(), a[1], true
	}
	n1, a, ok1 := cmp(lo, operators.GreaterEquals)
	n2, b, ok2 := cmp(hi, operators.LessEquals)
	if !ok1 || !ok2 || n1 != n2 {
		return "", false
	}
	return w.name(n1) + " is from " + w.value(a) + " to " + w.value(b), true
}

// operand parenthesises an and/or inside the other, so "A and (B or C)" keeps its meaning.
func (w *wordsWriter) operand(e ast.Expr, parent string) string {
	s := w.expr(e)
	if e.Kind() == ast.CallKind {
		if fn := e.AsCall().FunctionName(); (fn == operators.LogicalAnd || fn == operators.LogicalOr) && fn != parent {
			return "(" + s + ")"
		}
	}
	if e.Kind() == ast.IdentKind && w.isDefinition(e.AsIdent()) && strings.ContainsAny(s, ",") ||
		e.Kind() == ast.IdentKind && w.isDefinition(e.AsIdent()) && (strings.Contains(s, " or ") || strings.Contains(s, " and ")) {
		return "(" + s + ")"
	}
	return s
}

func (w *wordsWriter) equality(a, b ast.Expr, negated bool) string {
	if b.Kind() == ast.LiteralKind {
		if _, null := b.AsLiteral().(types.Null); null {
			if negated {
				return w.expr(a) + " is recorded"
			}
			return w.expr(a) + " is not recorded"
		}
		if s, ok := b.AsLiteral().(types.String); ok && s == "" {
			if negated {
				return w.expr(a) + " is recorded"
			}
			return w.expr(a) + " is not recorded"
		}
	}
	if negated {
		return w.expr(a) + " is not " + w.expr(b)
	}
	return w.expr(a) + " is " + w.expr(b)
}

func (w *wordsWriter) name(n string) string {
	if i, ok := factVarIndex[n]; ok {
		return factVars[i].words
	}
	for _, d := range w.set.defs {
		if d.name == n {
			return d.means
		}
	}
	return n
}

func (w *wordsWriter) isDefinition(n string) bool {
	_, fact := factVarIndex[n]
	return !fact
}

func (w *wordsWriter) value(e ast.Expr) string {
	switch v := e.AsLiteral().(type) {
	case types.String:
		if s, ok := valueWords[string(v)]; ok {
			return s
		}
		return strings.ReplaceAll(string(v), "_", " ")
	case types.Int:
		return strconv.FormatInt(int64(v), 10)
	case types.Double:
		return strconv.FormatFloat(float64(v), 'f', -1, 64)
	case types.Bool:
		return strconv.FormatBool(bool(v))
	}
	return w.cel(e)
}

func (w *wordsWriter) list(e ast.Expr, last string) string {
	els := e.AsList().Elements()
	parts := make([]string, len(els))
	for i, el := range els {
		parts[i] = w.expr(el)
	}
	if len(parts) <= 1 {
		return strings.Join(parts, "")
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " " + last + " " + parts[len(parts)-1]
}

func (w *wordsWriter) listTitle(e ast.Expr) string {
	if s, ok := literalString(e); ok {
		if l := w.refs.lists[s]; l != nil {
			return l.info.Title
		}
		return s
	}
	return w.cel(e)
}

func (w *wordsWriter) cel(e ast.Expr) string {
	s, err := parser.Unparse(e, w.info)
	if err != nil {
		return "(a condition)"
	}
	return s
}
