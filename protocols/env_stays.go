package protocols

import (
	"fmt"
	"reflect"
	"time"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"

	"github.com/mhac-clinic/mhac/clinic"
)

// Helpers for the 2026-12 rules that count time: consecutive months in a country, months between
// two dates, a date some years back.
const (
	fnLongestStayOutside = "longest_stay_months_outside" // longest_stay_months_outside(stays, "list", since) — longest stay, in completed months from since, in a country NOT on the list
	fnMonthsBetween      = "months_between"              // months_between(from, to) — completed months
	fnYearsBefore        = "years_before"                // years_before(date, n) — the same calendar day n years earlier
)

// staysType is the CEL type of the stays fact: opaque to conditions, read by the helpers.
var staysType = cel.OpaqueType("stays")

// staysVal is the stays of one applicant with the exam date, which ends a stay without a to.
type staysVal struct {
	stays []clinic.Stay
	exam  time.Time
}

func (s staysVal) ConvertToNative(reflect.Type) (any, error) {
	return nil, fmt.Errorf("stays cannot be converted")
}
func (s staysVal) ConvertToType(t ref.Type) ref.Val {
	if t == types.TypeType {
		return staysType
	}
	return types.NewErr("stays cannot be converted to %s", t)
}
func (s staysVal) Equal(o ref.Val) ref.Val { return types.False }
func (s staysVal) Type() ref.Type          { return staysType }
func (s staysVal) Value() any              { return s.stays }

// longestStayOutside is the longest single stay, in completed months counted from since (a stay
// that began earlier counts from since), in a country not on the list. Both days of a stay are
// included: 10 January to 9 April is three months.
func longestStayOutside(s staysVal, list *countryList, since time.Time) int {
	best := 0
	for _, st := range s.stays {
		if list.members[st.Country] {
			continue
		}
		from, to := st.From, st.To
		if to.IsZero() || to.After(s.exam) {
			to = s.exam
		}
		if from.Before(since) {
			from = since
		}
		if to.Before(from) {
			continue
		}
		if m := completedMonths(from, to.AddDate(0, 0, 1)); m > best {
			best = m
		}
	}
	return best
}

func stayFunctions(refs *reference) []cel.EnvOption {
	return []cel.EnvOption{
		cel.Function(fnLongestStayOutside, cel.Overload("longest_stay_months_outside_stays_string_timestamp",
			[]*cel.Type{staysType, cel.StringType, cel.TimestampType}, cel.IntType,
			cel.FunctionBinding(func(args ...ref.Val) ref.Val {
				s, ok := args[0].(staysVal)
				if !ok {
					return types.NewErr("%s: not the stays", fnLongestStayOutside)
				}
				list := refs.lists[string(args[1].(types.String))]
				if list == nil {
					return types.NewErr("unknown reference list %q", args[1])
				}
				since, ok := args[2].(types.Timestamp)
				if !ok {
					return types.NewErr("%s: since is not a date", fnLongestStayOutside)
				}
				return types.Int(longestStayOutside(s, list, since.Time))
			}))),
		cel.Function(fnMonthsBetween, cel.Overload("months_between_timestamp_timestamp",
			[]*cel.Type{cel.TimestampType, cel.TimestampType}, cel.IntType,
			cel.BinaryBinding(func(a, b ref.Val) ref.Val {
				x, ok1 := a.(types.Timestamp)
				y, ok2 := b.(types.Timestamp)
				if !ok1 || !ok2 {
					return types.NewErr("%s: both arguments must be dates (guard a missing date with `!= null &&`)", fnMonthsBetween)
				}
				return types.Int(completedMonths(x.Time, y.Time))
			}))),
		cel.Function(fnYearsBefore, cel.Overload("years_before_timestamp_int",
			[]*cel.Type{cel.TimestampType, cel.IntType}, cel.TimestampType,
			cel.BinaryBinding(func(a, n ref.Val) ref.Val {
				t, ok := a.(types.Timestamp)
				if !ok {
					return types.NewErr("%s: not a date", fnYearsBefore)
				}
				y, m, d := t.Time.Date()
				return types.Timestamp{Time: time.Date(y-int(n.(types.Int)), m, d, 0, 0, 0, 0, time.UTC)}
			}))),
	}
}
