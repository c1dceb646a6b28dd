package protocols

import (
	"strings"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

// normalizeAdditions checks the facts added in 2026-12 (protocol-contract.md, "Additions
// 2026-12") and puts them in canonical form. Slices are copied, never changed in place.
func normalizeAdditions(f *clinic.Facts) *Error {
	var e *Error
	if len(f.Citizenships) > 0 {
		var cs []string // a copy, made only when a code needs rewriting
		for i, c := range f.Citizenships {
			n, e := countryCode("citizenships", c)
			switch {
			case e != nil:
				return e
			case n == "":
				return inputErr(CodeInvalidValue, "citizenships", "citizenships has an empty entry")
			case n != c && cs == nil:
				cs = append([]string(nil), f.Citizenships...)
			}
			if cs != nil {
				cs[i] = n
			}
		}
		if cs != nil {
			f.Citizenships = cs
		}
	}
	if len(f.Stays) > 0 {
		var stays []clinic.Stay // a copy, made only when a stay needs rewriting
		for i, s := range f.Stays {
			orig := s
			field := staysField(i)
			if s.Country, e = countryCode("", s.Country); e != nil {
				e.Field = field.String() + ".country"
				return e
			}
			switch {
			case s.Country == "":
				return inputErr(CodeMissingField, field.String()+".country", "%s.country is required", field.String())
			case s.From.IsZero():
				return inputErr(CodeMissingField, field.String()+".from", "%s.from is required (the first day of the stay)", field)
			}
			s.From = calendarDate(s.From)
			if !s.To.IsZero() {
				s.To = calendarDate(s.To)
				if s.To.Before(s.From) {
					return inputErr(CodeInvalidDate, field.String()+".to", "%s.to %s is before its from %s", field, s.To.Format(time.DateOnly), s.From.Format(time.DateOnly))
				}
			}
			if s.From.After(f.ExamDate) {
				return inputErr(CodeInvalidDate, field.String()+".from", "%s.from %s is after the exam date", field, s.From.Format(time.DateOnly))
			}
			if s != orig && stays == nil {
				stays = append([]clinic.Stay(nil), f.Stays...)
			}
			if stays != nil {
				stays[i] = s
			}
		}
		if stays != nil {
			f.Stays = stays
		}
	}
	f.Occupation = strings.ToLower(strings.TrimSpace(f.Occupation))
	if e := checkEnum("occupation", f.Occupation, valuesOccupation); e != nil {
		return e
	}
	f.IMEType = strings.ToLower(strings.TrimSpace(f.IMEType))
	if e := checkEnum("ime_type", f.IMEType, valuesIMEType); e != nil {
		return e
	}
	if !f.PreviousCXRDate.IsZero() {
		f.PreviousCXRDate = calendarDate(f.PreviousCXRDate)
		if f.PreviousCXRDate.After(f.ExamDate) {
			return inputErr(CodeInvalidDate, "previous_cxr_date", "previous_cxr_date %s is after the exam date", f.PreviousCXRDate.Format(time.DateOnly))
		}
	}
	if !f.PlannedDeparture.IsZero() && (f.PlannedDeparture.Year() < 1900 || f.PlannedDeparture.Year() > 2200) {
		return inputErr(CodeInvalidDate, "planned_departure", "planned_departure is out of range")
	}
	for i, c := range f.DepartureChecksDone {
		field := checksField(i)
		if long, ok := checkAliases[c.Check]; ok { // the contract's short names
			done := append([]clinic.DepartureCheckDone(nil), f.DepartureChecksDone...)
			done[i].Check, c.Check = long, long
			f.DepartureChecksDone = done
		}
		if !contains(departureChecks, c.Check) {
			return inputErr(CodeInvalidValue, field.String()+".check", "%q is not a departure check (%s)%s", c.Check, strings.Join(departureChecks, ", "), suggest(c.Check, departureChecks))
		}
		if c.At.IsZero() {
			return inputErr(CodeMissingField, field.String()+".at", "%s.at is required (when the check was done)", field)
		}
	}
	if r := &f.Results; !r.SputumCollected.IsZero() {
		r.SputumCollected = calendarDate(r.SputumCollected)
		if r.SputumCollected.After(f.ExamDate.AddDate(1, 0, 0)) || r.SputumCollected.Before(f.ExamDate.AddDate(-1, 0, 0)) {
			return inputErr(CodeInvalidDate, "results.sputum_collected", "results.sputum_collected %s is more than a year from the exam date", r.SputumCollected.Format(time.DateOnly))
		}
	}
	return nil
}

// checkAliases are the contract's short names of the departure checks.
var checkAliases = map[string]string{"pec": "pre_embarkation_check", "pdms": "pre_departure_screening"}

// staysField and checksField name a list entry in an error; a field name is only built when an
// error needs it (an indexed("stays", i) for each stay on every evaluation would allocate).
type staysField int
type checksField int

func (i staysField) String() string  { return indexed("stays", int(i)) }
func (i checksField) String() string { return indexed("departure_checks_done", int(i)) }
