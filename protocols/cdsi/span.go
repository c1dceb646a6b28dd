package cdsi

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Span is an age or interval from the supporting data, such as "4 months - 4 days" or
// "1 year + 6 months". It is parsed once at load time. Weeks are kept as days, since the
// date rules add weeks and days the same way.
type Span struct {
	Years, Months, Days int
	// Set is false when the supporting data left the value empty; what an empty value means
	// depends on where it is used (see the spec's "assumed value if empty" columns).
	Set bool
}

// ParseSpan reads an age or interval. An empty string gives a Span with Set false.
func ParseSpan(s string) (Span, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Span{}, nil
	}
	sp := Span{Set: true}
	fields := strings.Fields(s)
	if last := fields[len(fields)-1]; last == "+" || last == "-" {
		return Span{}, fmt.Errorf("span %q ends with %q", s, last)
	}
	sign := 1
	for i := 0; i < len(fields); {
		switch fields[i] {
		case "+":
			sign = 1
			i++
			continue
		case "-":
			sign = -1
			i++
			continue
		}
		if i+1 >= len(fields) {
			return Span{}, fmt.Errorf("span %q: number %q without a unit", s, fields[i])
		}
		n, err := strconv.Atoi(fields[i])
		if err != nil {
			return Span{}, fmt.Errorf("span %q: %q is not a whole number", s, fields[i])
		}
		n *= sign
		switch strings.ToLower(strings.TrimSuffix(strings.ToLower(fields[i+1]), "s")) {
		case "year":
			sp.Years += n
		case "month":
			sp.Months += n
		case "week":
			sp.Days += 7 * n
		case "day":
			sp.Days += n
		default:
			return Span{}, fmt.Errorf("span %q: unknown unit %q", s, fields[i+1])
		}
		i += 2
	}
	return sp, nil
}

// MustSpan parses a span known to be valid; it is for tests and constants.
func MustSpan(s string) Span {
	sp, err := ParseSpan(s)
	if err != nil {
		panic(err)
	}
	return sp
}

// String gives the span back in the data's own words.
func (s Span) String() string {
	if !s.Set {
		return ""
	}
	var parts []string
	add := func(n int, unit string) {
		if n == 0 {
			return
		}
		sign := "+"
		if n < 0 {
			sign, n = "-", -n
		}
		if len(parts) == 0 && sign == "+" {
			sign = ""
		}
		parts = append(parts, strings.TrimSpace(fmt.Sprintf("%s %d %s", sign, n, unit)))
	}
	add(s.Years, "years")
	add(s.Months, "months")
	add(s.Days, "days")
	if len(parts) == 0 {
		return "0 days"
	}
	return strings.Join(parts, " ")
}

// AddTo applies the spec's date calculation rules (CALCDT-1..6): years first, then months,
// holding the day, then weeks and days as a count of days. A computed date that does not
// exist moves to the first of the next month (CALCDT-5: 07/31/2000 + 2 months = 10/01/2000),
// and days added count from there (CDC's case 2013-0161: 09/29/2025 + 5 months + 4 weeks =
// 03/29/2026). Days taken away count from the last day of the month instead, as CALCDT-6's own
// example does (01/31/2000 + 1 month - 4 days = 02/25/2000, not 02/26): an absolute minimum
// age "5 months - 4 days" never falls after the last day of the month it is counted in.
func (s Span) AddTo(d time.Time) time.Time {
	y, m, day := d.Date()
	y += s.Years
	mi := int(m) - 1 + s.Months
	y += floorDiv(mi, 12)
	mi = mi - floorDiv(mi, 12)*12
	month := time.Month(mi + 1)
	if last := daysIn(y, month); day > last {
		if s.Days < 0 {
			return time.Date(y, month, last, 0, 0, 0, 0, time.UTC).AddDate(0, 0, s.Days)
		}
		day = 1
		month++
		if month > 12 {
			month, y = 1, y+1
		}
	}
	return time.Date(y, month, day, 0, 0, 0, 0, time.UTC).AddDate(0, 0, s.Days)
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// The spec's stand-ins for "no date": an empty begin is 01/01/1900, an empty end 12/31/2999.
var (
	minDate = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	maxDate = time.Date(2999, 12, 31, 0, 0, 0, 0, time.UTC)
)

// dateOr adds the span to d, or returns def when the span is empty.
func (s Span) dateOr(d, def time.Time) time.Time {
	if !s.Set {
		return def
	}
	return s.AddTo(d)
}
