package clinic

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"
)

// ManifestProblem is one thing wrong in a manifest, named by its line and column as the file shows
// them (line 0: the file as a whole).
type ManifestProblem struct {
	Line    int    `json:"line"`
	Column  string `json:"column"`
	Message string `json:"message"`
}

// ManifestLine is one line of a manifest: a flight on a date, and one case or one person on it.
type ManifestLine struct {
	Line               int
	FlightNumber       string
	Date               time.Time
	CaseNumber         string // the whole case travels ...
	PersonID           string // ... or one person (an applicant id)
	DepartureTime      string
	DepartureAirport   string
	DestinationAirport string
}

// ManifestImport is a manifest as read from its file.
type ManifestImport struct {
	FileName string
	SHA256   string
	Lines    []ManifestLine
	Problems []ManifestProblem // what the reader could not read
	// Columns maps a field ("flight") to the heading in the file ("Flight No"), so problems name
	// the column the movement officer sees.
	Columns map[string]string
}

// ManifestSummary is what an import did (or, in a dry run, would do).
type ManifestSummary struct {
	Flights    int               `json:"flights"`    // flights recorded by this import
	Passengers int               `json:"passengers"` // people booked or moved
	Unchanged  int               `json:"unchanged"`  // people already on their flight
	Errors     []ManifestProblem `json:"errors"`
}

// ManifestPerson is a person a manifest names, with their case and current flight.
type ManifestPerson struct {
	ApplicantID string
	CaseID      string
	CaseNumber  string
	CaseVersion int
	FlightID    string // "" not booked
}

// ManifestStore finds the people a manifest names.
type ManifestStore interface {
	// PeopleForManifest returns the members of the site's cases with these numbers and the site's
	// people with these ids.
	PeopleForManifest(ctx context.Context, siteID string, caseNumbers, applicantIDs []string) ([]ManifestPerson, error)
}

var uuidPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// errDryRun rolls a dry run's transaction back.
var errDryRun = errors.New("dry run")

// ImportManifest books the people of a manifest on its flights, recording flights not yet known.
// It is all or nothing: any problem and nothing changes. A person already on their flight is
// counted unchanged, so importing the same file again changes nothing.
//
// Errors: forbidden, conflict (a case changed meanwhile). Problems in the file are in the summary, not an error.
func (s *Service) ImportManifest(ctx context.Context, a Actor, in ManifestImport, dryRun bool) (ManifestSummary, error) {
	if err := a.May(PermManageFlights); err != nil {
		return ManifestSummary{}, err
	}
	col := func(field string) string {
		if h, ok := in.Columns[field]; ok {
			return h
		}
		return field
	}
	sum := ManifestSummary{Errors: append([]ManifestProblem{}, in.Problems...)}
	bad := func(line int, field, msg string) {
		sum.Errors = append(sum.Errors, ManifestProblem{Line: line, Column: col(field), Message: msg})
	}
	var caseNumbers, personIDs []string
	for i := range in.Lines {
		l := &in.Lines[i]
		n := NewFlight{Number: l.FlightNumber, Date: l.Date, DepartureTime: l.DepartureTime,
			DepartureAirport: l.DepartureAirport, DestinationAirport: l.DestinationAirport}
		if err := n.Validate(); err != nil {
			for _, f := range ErrorOf(err).Fields {
				field := f.Field
				if field == "number" {
					field = "flight"
				}
				bad(l.Line, field, f.Message)
			}
		}
		l.FlightNumber, l.DepartureTime, l.DepartureAirport, l.DestinationAirport = n.Number, n.DepartureTime, n.DepartureAirport, n.DestinationAirport
		l.CaseNumber, l.PersonID = strings.TrimSpace(l.CaseNumber), strings.ToLower(strings.TrimSpace(l.PersonID))
		switch {
		case l.CaseNumber == "" && l.PersonID == "":
			bad(l.Line, "case_number", "Give the case number, or the person's id.")
		case l.CaseNumber != "" && l.PersonID != "":
			bad(l.Line, "person_id", "Give the case number or the person's id, not both.")
		case l.PersonID != "" && !uuidPattern.MatchString(l.PersonID):
			bad(l.Line, "person_id", "A person's id is the id the clinic gave them, e.g. 0b7c…-….")
		case l.PersonID != "":
			personIDs = append(personIDs, l.PersonID)
		default:
			caseNumbers = append(caseNumbers, l.CaseNumber)
		}
	}
	err := s.tx(ctx, func(tx Tx) error {
		people, err := tx.PeopleForManifest(ctx, a.SiteID, caseNumbers, personIDs)
		if err != nil {
			return err
		}
		byCase, byID := map[string][]ManifestPerson{}, map[string]ManifestPerson{}
		for _, p := range people {
			byCase[p.CaseNumber] = append(byCase[p.CaseNumber], p)
			byID[p.ApplicantID] = p
		}
		type key struct {
			number string
			date   time.Time
		}
		target := map[string]key{}         // applicant id → the flight the manifest puts them on
		firstLine := map[string]int{}      // applicant id → the line that did
		flightOf := map[key]ManifestLine{} // each flight's first line
		var order []key
		for _, l := range in.Lines {
			var ps []ManifestPerson
			switch {
			case l.CaseNumber != "":
				if ps = byCase[l.CaseNumber]; len(ps) == 0 {
					bad(l.Line, "case_number", fmt.Sprintf("No case %s is registered at this site.", l.CaseNumber))
				}
			case uuidPattern.MatchString(l.PersonID):
				p, ok := byID[l.PersonID]
				if !ok {
					bad(l.Line, "person_id", "No person with this id is registered at this site.")
				}
				ps = []ManifestPerson{p}
				if !ok {
					ps = nil
				}
			}
			k := key{l.FlightNumber, l.Date}
			if _, seen := flightOf[k]; !seen && ValidFlightNumber(l.FlightNumber) && !l.Date.IsZero() {
				flightOf[k] = l
				order = append(order, k)
			}
			for _, p := range ps {
				if prev, ok := target[p.ApplicantID]; ok && prev != k {
					bad(l.Line, "flight", fmt.Sprintf("This person is also on %s %s (line %d).", prev.number, prev.date.Format(time.DateOnly), firstLine[p.ApplicantID]))
					continue
				}
				if _, ok := target[p.ApplicantID]; !ok {
					target[p.ApplicantID], firstLine[p.ApplicantID] = k, l.Line
				}
			}
		}
		if len(sum.Errors) > 0 {
			return errDryRun // nothing is written when anything is wrong
		}
		ids := map[key]string{}
		for _, k := range order {
			l := flightOf[k]
			f, err := tx.FlightByNumber(ctx, a.SiteID, k.number, k.date)
			if IsCode(err, ENotFound) {
				sum.Flights++
				f, err = s.findOrCreateFlight(ctx, tx, a, NewFlight{Number: k.number, Date: k.date, DepartureTime: l.DepartureTime,
					DepartureAirport: l.DepartureAirport, DestinationAirport: l.DestinationAirport})
			}
			if err != nil {
				return err
			}
			ids[k] = f.ID
		}
		// Book case by case, flight by flight, in a fixed order.
		moves := map[string]map[string][]string{} // case id → flight id → people
		versions := map[string]int{}
		for id, k := range target {
			p := byID[id]
			if p.FlightID == ids[k] {
				sum.Unchanged++
				continue
			}
			sum.Passengers++
			if moves[p.CaseID] == nil {
				moves[p.CaseID] = map[string][]string{}
			}
			moves[p.CaseID][ids[k]] = append(moves[p.CaseID][ids[k]], id)
			versions[p.CaseID] = p.CaseVersion
		}
		caseIDs := make([]string, 0, len(moves))
		for c := range moves {
			caseIDs = append(caseIDs, c)
		}
		sort.Strings(caseIDs)
		for _, c := range caseIDs {
			for fid, people := range moves[c] {
				sort.Strings(people)
				if err := s.book(ctx, tx, a, c, fid, people); err != nil {
					return err
				}
			}
			if err := tx.SyncCaseFlight(ctx, &Case{ID: c}, versions[c]); err != nil {
				return err
			}
		}
		e := s.audit(a, "flight.manifest", "flight", "")
		e.Detail = fmt.Sprintf("%s sha256:%s", in.FileName, in.SHA256)
		if err := tx.Audit(ctx, e); err != nil {
			return err
		}
		if dryRun {
			return errDryRun
		}
		return nil
	})
	if errors.Is(err, errDryRun) {
		err = nil
	}
	return sum, err
}
