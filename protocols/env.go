package protocols

import (
	"regexp"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common"
	"cel.dev/cel-go/common/ast"
	"cel.dev/cel-go/common/decls"
	"cel.dev/cel-go/common/operators"
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
	"cel.dev/cel-go/common/types/traits"
	"cel.dev/cel-go/parser"
)

var (
	identRE   = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
	countryRE = regexp.MustCompile(`^[A-Z]{2}$`)
)

// Helper functions a condition may call, beyond CEL's own.
const (
	fnInList      = "country_in"            // country_in(country, "list") — the country is on the reference list
	fnAnyInList   = "any_country_in"        // any_country_in(countries, "list") — any of them is on it
	fnLivedInAny  = "lived_in_any_of"       // lived_in_any_of("list") — residence or any country lived in is on it
	fnTBIncidence = "tb_incidence_at_least" // tb_incidence_at_least(country, n) — WHO incidence >= n per 100 000
)

// baseEnv declares the facts and the list helpers. The TB helper is added per rule set, bound to
// the table that set names, so an old version keeps the table it was written against.
func baseEnv(refs *reference) (*cel.Env, error) {
	opts := []cel.EnvOption{
		cel.CrossTypeNumericComparisons(true),
		cel.Macros(cel.GlobalMacro(fnLivedInAny, 1, expandLivedInAny)),
		cel.Function(fnInList, cel.Overload("country_in_string_string",
			[]*cel.Type{cel.StringType, cel.StringType}, cel.BoolType,
			cel.BinaryBinding(func(c, l ref.Val) ref.Val {
				list := refs.lists[string(l.(types.String))]
				if list == nil {
					return types.NewErr("unknown reference list %q", l)
				}
				return types.Bool(list.members[string(c.(types.String))])
			}))),
		cel.Function(fnAnyInList, cel.Overload("any_country_in_list_string",
			[]*cel.Type{cel.ListType(cel.StringType), cel.StringType}, cel.BoolType,
			cel.BinaryBinding(func(cs, l ref.Val) ref.Val {
				list := refs.lists[string(l.(types.String))]
				if list == nil {
					return types.NewErr("unknown reference list %q", l)
				}
				lister, ok := cs.(traits.Lister)
				if !ok {
					return types.NewErr("any_country_in: not a list")
				}
				n, _ := lister.Size().(types.Int)
				for i := types.Int(0); i < n; i++ {
					if s, ok := lister.Get(i).(types.String); ok && list.members[string(s)] {
						return types.True
					}
				}
				return types.False
			})),
			// Every rule is type-checked at load, so the runtime check of the list's elements
			// (an iteration of the list on each call) is not needed.
			decls.DisableTypeGuards(true)),
	}
	opts = append(opts, stayFunctions(refs)...)
	for _, v := range factVars {
		opts = append(opts, cel.Variable(v.name, v.typ))
	}
	return cel.NewEnv(opts...)
}

// tbFunction declares tb_incidence_at_least bound to one WHO table. A country missing from the
// table counts as high burden (the cautious side); the evaluation then adds a note saying so.
func tbFunction(t *tbTable) cel.EnvOption {
	at := func(c, n ref.Val) ref.Val {
		var x float64
		switch v := n.(type) {
		case types.Double:
			x = float64(v)
		case types.Int:
			x = float64(v)
		default:
			return types.NewErr("tb_incidence_at_least: threshold is not a number")
		}
		return types.Bool(t.atLeast(string(c.(types.String)), x))
	}
	return cel.Function(fnTBIncidence,
		cel.Overload("tb_incidence_at_least_string_double", []*cel.Type{cel.StringType, cel.DoubleType}, cel.BoolType, cel.BinaryBinding(at)),
		cel.Overload("tb_incidence_at_least_string_int", []*cel.Type{cel.StringType, cel.IntType}, cel.BoolType, cel.BinaryBinding(at)))
}

// expandLivedInAny rewrites lived_in_any_of("list") as
// any_country_in(countries_lived, "list") || country_in(residence_country, "list").
func expandLivedInAny(eh parser.ExprHelper, _ ast.Expr, args []ast.Expr) (ast.Expr, *common.Error) {
	if args[0].Kind() != ast.LiteralKind {
		return nil, eh.NewError(args[0].ID(), fnLivedInAny+` takes the name of a reference list in quotes, e.g. lived_in_any_of("loa_loa")`)
	}
	return eh.NewCall(operators.LogicalOr,
		eh.NewCall(fnAnyInList, eh.NewIdent("countries_lived"), eh.Copy(args[0])),
		eh.NewCall(fnInList, eh.NewIdent("residence_country"), eh.Copy(args[0]))), nil
}
