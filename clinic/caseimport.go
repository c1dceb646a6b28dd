package clinic

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// ImportProblem is one thing an import could not take, where it is in the file.
type ImportProblem struct {
	Line    int    `json:"line"`
	Column  string `json:"column"`
	Message string `json:"message"`
}

// ImportedCase is one case read from a case list, with the lines it came from.
type ImportedCase struct {
	Case          NewCase
	FlightNumber  string
	DepartureDate *time.Time
	Line          int   // the case's first line
	MemberLines   []int // the line of each member, in Case.Members order
}

// CaseImport is a case list as a reader (interop/sheets) made it: the cases it could read and the
// problems of the lines it could not.
type CaseImport struct {
	FileName string
	SHA256   string
	Cases    []ImportedCase
	Problems []ImportProblem
	// Columns maps a field name (e.g. "birth_date") to the column heading in the file ("DOB"), so
	// problems name the column the registrar sees.
	Columns map[string]string
}

// ImportPreview is what the upload page shows of one case.
type ImportPreview struct {
	Line       int      `json:"line"`
	CaseNumber string   `json:"case_number"`
	Status     string   `json:"status"` // new | unchanged | refused
	Members    []string `json:"members"`
}

// ImportSummary is the answer to an import: what was (or, in a dry run, would be) added.
type ImportSummary struct {
	Cases     int             `json:"cases"`
	People    int             `json:"people"`
	Unchanged int             `json:"unchanged"`
	Errors    []ImportProblem `json:"errors"`
	DryRun    bool            `json:"-"`
	Preview   []ImportPreview `json:"-"`
}

// CaseImportStore reads what an import checks against and records the import itself.
type CaseImportStore interface {
	// CasesByNumbers loads the site's cases with these numbers, with their members, by number.
	CasesByNumbers(ctx context.Context, siteID string, numbers []string) (map[string]Case, error)
	// ApplicantsByDocuments finds the site's people holding any of these document numbers.
	ApplicantsByDocuments(ctx context.Context, siteID string, numbers []string) ([]Applicant, error)
	// CreateCases adds many new cases with their members at once.
	CreateCases(ctx context.Context, cs []Case) error
	// RecordImport keeps the import's summary (and so its problems) for an administrator.
	RecordImport(ctx context.Context, r ImportRecord) error
}

// ImportRecord is one import kept: file, who, when, and what came of it.
type ImportRecord struct {
	ID, SiteID, UserID, FileName, SHA256 string
	At                                   time.Time
	DryRun                               bool
	Summary                              ImportSummary
}

// ImportCases registers the cases of a case list. A case is added whole or not at all, and when
// any line has a problem nothing is added: the summary lists every problem with its line and
// column. A case already registered is never changed: if the file agrees with it, it counts as
// unchanged; if not, its differences are listed as problems. A dry run checks everything and
// adds nothing.
// Errors: forbidden, not_found (the actor's site); the problems of the file are in the summary.
func (s *Service) ImportCases(ctx context.Context, a Actor, in CaseImport, dryRun bool) (ImportSummary, error) {
	if err := a.May(PermImportCases); err != nil {
		return ImportSummary{}, err
	}
	now := s.clock.Now()
	sum := ImportSummary{DryRun: dryRun, Errors: append([]ImportProblem{}, in.Problems...)}
	var created []Case
	err := s.store.Tx(ctx, func(tx Tx) error {
		site, err := siteOf(ctx, tx, a)
		if err != nil {
			return err
		}
		numbers := make([]string, 0, len(in.Cases))
		var docs []string
		for _, ic := range in.Cases {
			numbers = append(numbers, strings.TrimSpace(ic.Case.CaseNumber))
			for _, m := range ic.Case.Members {
				if d := strings.TrimSpace(m.DocumentNumber); d != "" {
					docs = append(docs, d)
				}
			}
		}
		existing, err := tx.CasesByNumbers(ctx, a.SiteID, numbers)
		if err != nil {
			return err
		}
		holders, err := tx.ApplicantsByDocuments(ctx, a.SiteID, docs)
		if err != nil {
			return err
		}
		chk := importCheck{in: in, existing: existing, holders: map[string]Applicant{}, seenDocs: map[string]int{}, today: now.AddDate(0, 0, 1)}
		for _, h := range holders {
			chk.holders[docKey(h.DocumentType, h.DocumentNumber)] = h
		}
		for i := range in.Cases {
			ic := &in.Cases[i]
			for j := range ic.Case.Members {
				if ic.Case.Members[j].ResidenceCountry == "" {
					ic.Case.Members[j].ResidenceCountry = site.Country
				}
			}
			status, probs := chk.check(ic)
			if status == "new" {
				dups, err := importDuplicates(ctx, tx, a, ic, in.Columns)
				if err != nil {
					return err
				}
				if len(dups) > 0 {
					status, probs = "refused", dups
				}
			}
			sum.Errors = append(sum.Errors, probs...)
			sum.Preview = append(sum.Preview, previewOf(ic, status))
			switch status {
			case "unchanged":
				sum.Unchanged++
			case "new":
				sum.Cases++
				sum.People += len(ic.Case.Members)
				created = append(created, newCaseOf(a, ic, now))
			}
		}
		if dryRun {
			return tx.Audit(ctx, s.audit(a, "case.import_preview", "case", ""))
		}
		if len(sum.Errors) > 0 {
			// Nothing is added; the refused import is kept with its problems.
			sortProblems(sum.Errors)
			if err := tx.RecordImport(ctx, ImportRecord{ID: NewID(), SiteID: a.SiteID, UserID: a.UserID,
				FileName: in.FileName, SHA256: in.SHA256, At: now, Summary: sum}); err != nil {
				return err
			}
			return tx.Audit(ctx, s.audit(a, "case.import_refused", "case", ""))
		}
		if err := tx.CreateCases(ctx, created); err != nil {
			return err
		}
		for i := range created {
			if err := tx.Audit(ctx, s.audit(a, "case.import", "case", created[i].ID)); err != nil {
				return err
			}
		}
		return tx.RecordImport(ctx, ImportRecord{ID: NewID(), SiteID: a.SiteID, UserID: a.UserID,
			FileName: in.FileName, SHA256: in.SHA256, At: now, Summary: sum})
	})
	if err != nil {
		return ImportSummary{}, err
	}
	sortProblems(sum.Errors)
	if len(sum.Errors) > 0 {
		sum.Cases, sum.People = 0, 0 // nothing is (or would be) added
	}
	return sum, nil
}

func siteOf(ctx context.Context, tx Tx, a Actor) (Site, error) {
	sites, err := tx.Sites(ctx)
	if err != nil {
		return Site{}, err
	}
	for _, s := range sites {
		if s.ID == a.SiteID {
			return s, nil
		}
	}
	return Site{}, NotFound("site")
}

func newCaseOf(a Actor, ic *ImportedCase, now time.Time) Case {
	n := ic.Case
	c := Case{ID: NewID(), SiteID: a.SiteID, CaseNumber: n.CaseNumber, Destination: n.Destination, Program: n.Program,
		FlightNumber: ic.FlightNumber, DepartureDate: ic.DepartureDate, Version: 1, CreatedAt: now}
	for _, m := range n.Members {
		m.ID, m.CaseID, m.SiteID, m.Version, m.CreatedAt = NewID(), c.ID, a.SiteID, 1, now
		if !contains(m.CountriesLived, m.ResidenceCountry) {
			m.CountriesLived = append(m.CountriesLived, m.ResidenceCountry)
		}
		c.Members = append(c.Members, m)
	}
	return c
}

func previewOf(ic *ImportedCase, status string) ImportPreview {
	p := ImportPreview{Line: ic.Line, CaseNumber: ic.Case.CaseNumber, Status: status, Members: []string{}}
	for _, m := range ic.Case.Members {
		p.Members = append(p.Members, m.FullName())
	}
	return p
}

func sortProblems(ps []ImportProblem) {
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].Line < ps[j].Line })
}

// docKey is how a travel document is compared: its number, whatever the case of its letters.
func docKey(_, number string) string { return strings.ToUpper(strings.TrimSpace(number)) }

// fieldLine turns a NewCase field path ("members[2].birth_date") into the line and field name.
func fieldLine(ic *ImportedCase, field string) (int, string) {
	if rest, ok := strings.CutPrefix(field, "members["); ok {
		if k := strings.Index(rest, "]."); k > 0 {
			if i, err := strconv.Atoi(rest[:k]); err == nil && i < len(ic.MemberLines) {
				return ic.MemberLines[i], rest[k+2:]
			}
		}
	}
	return ic.Line, field
}

func (ic *ImportedCase) problem(cols map[string]string, line int, field, format string, args ...any) ImportProblem {
	col := field
	if h, ok := cols[field]; ok {
		col = h
	}
	return ImportProblem{Line: line, Column: col, Message: fmt.Sprintf(format, args...)}
}

// importDuplicates checks each member of a new case for a registered person with a similar name
// and a birth date within a year, as registration does (a same document number is already a
// problem of its own). A file cannot say whether they are the same person, so the case is
// refused with the possible duplicate named: the registrar registers it by hand and decides.
func importDuplicates(ctx context.Context, tx Tx, a Actor, ic *ImportedCase, cols map[string]string) ([]ImportProblem, error) {
	var out []ImportProblem
	for i, m := range ic.Case.Members {
		cands, err := tx.FindDuplicates(ctx, a.SiteID, DuplicateQuery{Surnames: m.Surnames, GivenNames: m.GivenNames, BirthDate: m.BirthDate}, 3)
		if err != nil {
			return nil, err
		}
		for _, c := range cands {
			if c.Match == MatchSimilarName {
				out = append(out, ic.problem(cols, ic.MemberLines[i], "surnames",
					"Possibly already registered: %s. Register this case by hand to compare the photo and decide.", candidateWords(c)))
				break
			}
		}
	}
	return out, nil
}
