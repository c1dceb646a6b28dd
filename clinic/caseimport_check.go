package clinic

import (
	"fmt"
	"strings"
	"time"
)

// importCheck checks the cases of one import against each other and the register.
type importCheck struct {
	in       CaseImport
	existing map[string]Case        // registered cases by number
	holders  map[string]Applicant   // registered people by document type and number
	seenDocs map[string]int         // documents seen earlier in the file, with their line
	read     map[ImportProblem]bool // (line, column) the reader has already reported
	today    time.Time
}

// check returns the case's status (new, unchanged or refused) and its problems.
func (c *importCheck) check(ic *ImportedCase) (string, []ImportProblem) {
	var out []ImportProblem
	add := func(line int, field, format string, args ...any) {
		out = append(out, ic.problem(c.in.Columns, line, field, format, args...))
	}
	if c.read == nil {
		c.read = map[ImportProblem]bool{}
		for _, p := range c.in.Problems {
			c.read[ImportProblem{Line: p.Line, Column: p.Column}] = true
		}
	}
	if err := ic.Case.Validate(c.today); err != nil {
		for _, f := range ErrorOf(err).Fields {
			line, field := fieldLine(ic, f.Field)
			p := ic.problem(c.in.Columns, line, field, "%s", f.Message)
			if !c.read[ImportProblem{Line: p.Line, Column: p.Column}] {
				out = append(out, p)
			}
		}
	}
	if len(ic.FlightNumber) > 12 {
		add(ic.Line, "flight_number", "A flight number has at most 12 characters.")
	}
	principals := 0
	for _, m := range ic.Case.Members {
		if m.Relationship == "principal" {
			principals++
		}
	}
	if principals != 1 && len(ic.Case.Members) > 0 {
		add(ic.Line, "relationship", "Case %s has %d principal applicants; a case has exactly one.", ic.Case.CaseNumber, principals)
	}
	if len(out) > 0 {
		return "refused", out
	}
	if cur, ok := c.existing[ic.Case.CaseNumber]; ok {
		diffs := caseDifferences(ic, cur)
		for _, d := range diffs {
			add(d.line, d.field, "Case %s is already registered and the file differs: %s. An import never changes a registered case; correct it on the case screen.", cur.CaseNumber, d.what)
		}
		if len(diffs) > 0 {
			return "refused", out
		}
		return "unchanged", nil
	}
	for i, m := range ic.Case.Members {
		if m.DocumentNumber == "" {
			continue
		}
		k := docKey(m.DocumentType, m.DocumentNumber)
		if h, ok := c.holders[k]; ok {
			add(ic.MemberLines[i], "document_number", "Document %s %s is already registered for %s (another case).", m.DocumentType, m.DocumentNumber, h.FullName())
		} else if line, ok := c.seenDocs[k]; ok {
			add(ic.MemberLines[i], "document_number", "Document %s %s is also on line %d.", m.DocumentType, m.DocumentNumber, line)
		} else {
			c.seenDocs[k] = ic.MemberLines[i]
		}
	}
	if len(out) > 0 {
		return "refused", out
	}
	return "new", nil
}

type difference struct {
	line  int
	field string
	what  string
}

// caseDifferences lists how the file's case differs from the registered one. Members are matched
// by name and birth date.
func caseDifferences(ic *ImportedCase, cur Case) []difference {
	var out []difference
	n := ic.Case
	caseField := func(field, file, rec string) {
		if !strings.EqualFold(file, rec) {
			out = append(out, difference{ic.Line, field, fmt.Sprintf("%s is %q in the file, %q on record", field, file, rec)})
		}
	}
	caseField("destination", n.Destination, cur.Destination)
	caseField("program", n.Program, cur.Program)
	recFlight, fileFlight := "", ""
	if cur.DepartureDate != nil {
		recFlight = cur.FlightNumber + " " + cur.DepartureDate.Format(time.DateOnly)
	}
	if ic.DepartureDate != nil {
		fileFlight = ic.FlightNumber + " " + ic.DepartureDate.Format(time.DateOnly)
	}
	if fileFlight != "" {
		caseField("flight_number", fileFlight, recFlight)
	}
	used := make([]bool, len(cur.Members))
	for i, m := range n.Members {
		j := matchMember(m, cur.Members, used)
		if j < 0 {
			out = append(out, difference{ic.MemberLines[i], "surnames", fmt.Sprintf("%s (born %s) is not a member on record", m.FullName(), m.BirthDate.Format(time.DateOnly))})
			continue
		}
		used[j] = true
		r := cur.Members[j]
		for _, f := range []struct{ field, file, rec string }{
			{"sex", m.Sex, r.Sex}, {"relationship", m.Relationship, r.Relationship},
			{"birth_date_estimated", fmt.Sprint(m.BirthDateEstimated), fmt.Sprint(r.BirthDateEstimated)},
			{"nationality", m.Nationality, r.Nationality}, {"country_of_birth", m.CountryOfBirth, r.CountryOfBirth},
			{"document_type", m.DocumentType, r.DocumentType}, {"document_number", m.DocumentNumber, r.DocumentNumber},
		} {
			if !strings.EqualFold(f.file, f.rec) {
				out = append(out, difference{ic.MemberLines[i], f.field, fmt.Sprintf("%s's %s is %q in the file, %q on record", m.FullName(), f.field, f.file, f.rec)})
			}
		}
	}
	for j, r := range cur.Members {
		if !used[j] {
			out = append(out, difference{ic.Line, "surnames", fmt.Sprintf("%s (born %s) is on record but not in the file", r.FullName(), r.BirthDate.Format(time.DateOnly))})
		}
	}
	return out
}

func matchMember(m Applicant, rec []Applicant, used []bool) int {
	for j, r := range rec {
		if !used[j] && strings.EqualFold(m.Surnames, r.Surnames) && strings.EqualFold(m.GivenNames, r.GivenNames) && m.BirthDate.Equal(r.BirthDate) {
			return j
		}
	}
	return -1
}
