package clinic

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// The chest X-ray reading forms of the receiving countries, and how the overall result follows
// from a reading, are data (reference/cxr-reading-forms.json) with their sources.
//
//go:embed reference/cxr-reading-forms.json
var readingFormsJSON []byte

// ReadingForm is how one receiving country writes a chest X-ray reading: a list of findings,
// each a checkbox (US DS-3030), or one grade (the other countries).
type ReadingForm struct {
	Form       string           `json:"form"`
	Protocols  []string         `json:"protocols"`
	Kind       string           `json:"kind"` // findings | grading
	Title      string           `json:"title"`
	NoneResult string           `json:"none_result"` // the result when no finding is ticked
	Source     RefSource        `json:"source"`
	Findings   []ReadingFinding `json:"findings"`
	// Precedence orders the results: a reading's result is the first one of its findings.
	Precedence       []string       `json:"precedence"`
	PrecedenceSource RefSource      `json:"precedence_source"`
	Grades           []ReadingGrade `json:"grades"`
}

// ReadingFinding is one checkbox of a findings form and the result it points to.
type ReadingFinding struct {
	Code         string `json:"code"`
	Label        string `json:"label"`
	Result       string `json:"result"`
	NeedsRemarks bool   `json:"needs_remarks"`
}

// ReadingGrade is one choice of a grading form.
type ReadingGrade struct {
	Result string `json:"result"`
	Label  string `json:"label"`
}

// RefSource names where reference data comes from.
type RefSource struct {
	Doc     string `json:"doc"`
	Section string `json:"section"`
	Edition string `json:"edition"`
	URL     string `json:"url"`
}

// readingForms is the parsed reference file.
type readingForms struct {
	PregnancyQuestion struct {
		Sex    string    `json:"sex"`
		MinAge int       `json:"min_age"`
		MaxAge int       `json:"max_age"`
		Source RefSource `json:"source"`
	} `json:"pregnancy_question"`
	SecondRead struct {
		Results []string  `json:"results"`
		Source  RefSource `json:"source"`
	} `json:"second_read_results"`
	Forms []ReadingForm `json:"forms"`
}

var cxrForms = mustReadingForms(readingFormsJSON)

// mustReadingForms reads and checks the reference file; a wrong file stops the program at start.
func mustReadingForms(data []byte) readingForms {
	f, err := parseReadingForms(data)
	if err != nil {
		panic("clinic: reference/cxr-reading-forms.json: " + err.Error())
	}
	return f
}

func parseReadingForms(data []byte) (readingForms, error) {
	var f readingForms
	if err := json.Unmarshal(data, &f); err != nil {
		return f, err
	}
	cxr := resultSpecs["cxr"].choices
	for _, r := range f.SecondRead.Results {
		if !slices.Contains(cxr, r) {
			return f, fmt.Errorf("second_read_results: %q is not a chest X-ray result", r)
		}
	}
	for _, form := range f.Forms {
		if form.Source.Doc == "" {
			return f, fmt.Errorf("%s: no source", form.Form)
		}
		switch form.Kind {
		case "findings":
			if !slices.Contains(cxr, form.NoneResult) || len(form.Findings) == 0 {
				return f, fmt.Errorf("%s: a findings form needs findings and a none_result", form.Form)
			}
			for _, fd := range form.Findings {
				if !slices.Contains(form.Precedence, fd.Result) {
					return f, fmt.Errorf("%s: finding %s points to %q, which precedence does not rank", form.Form, fd.Code, fd.Result)
				}
			}
		case "grading":
			for _, g := range form.Grades {
				if !slices.Contains(cxr, g.Result) {
					return f, fmt.Errorf("%s: grade %q is not a chest X-ray result", form.Form, g.Result)
				}
			}
		default:
			return f, fmt.Errorf("%s: kind %q is neither findings nor grading", form.Form, form.Kind)
		}
	}
	return f, nil
}

// ReadingFormFor returns the reading form of a protocol (US, CA, AU, NZ).
//
// Errors: not_found (no form for the protocol).
func ReadingFormFor(protocolID string) (ReadingForm, error) {
	for _, f := range cxrForms.Forms {
		if slices.Contains(f.Protocols, protocolID) {
			return f, nil
		}
	}
	return ReadingForm{}, NotFound("chest X-ray reading form for " + protocolID)
}

// derive checks a reading against its form and returns the overall result: for a findings form,
// the first result in the form's precedence among the ticked findings (none ticked: none_result);
// for a grading form, the grade chosen.
func (f ReadingForm) derive(r *ImagingReading) (string, error) {
	var p Problems
	if len(r.Remarks) > 4000 {
		p.Add("remarks", "too_long", "Remarks have at most 4000 characters.")
	}
	if f.Kind == "grading" {
		if len(r.Findings) > 0 {
			p.Add("findings", "not_allowed", f.Form+" has no findings list; choose one grade.")
		}
		for _, g := range f.Grades {
			if g.Result == r.Grade {
				return r.Grade, p.Err()
			}
		}
		p.Add("grade", "not_allowed", "Choose one of: "+strings.Join(f.gradeResults(), ", ")+".")
		return "", p.Err()
	}
	if r.Grade != "" {
		p.Add("grade", "not_allowed", f.Form+" is read as a list of findings; tick the findings instead.")
	}
	best := len(f.Precedence)
	seen := map[string]bool{}
	for i, code := range r.Findings {
		fd, ok := f.finding(code)
		switch {
		case !ok:
			p.Add(fmt.Sprintf("findings[%d]", i), "unknown_finding", fmt.Sprintf("%q is not a finding of %s.", code, f.Form))
			continue
		case seen[code]:
			p.Add(fmt.Sprintf("findings[%d]", i), "duplicate", fmt.Sprintf("%q is ticked twice.", code))
		case fd.NeedsRemarks && strings.TrimSpace(r.Remarks) == "":
			p.Add("remarks", "required", fmt.Sprintf("Say in the remarks what %q is.", fd.Label))
		}
		seen[code] = true
		best = min(best, slices.Index(f.Precedence, fd.Result))
	}
	if err := p.Err(); err != nil {
		return "", err
	}
	if best == len(f.Precedence) {
		return f.NoneResult, nil
	}
	return f.Precedence[best], nil
}

func (f ReadingForm) finding(code string) (ReadingFinding, bool) {
	for _, fd := range f.Findings {
		if fd.Code == code {
			return fd, true
		}
	}
	return ReadingFinding{}, false
}

func (f ReadingForm) gradeResults() []string {
	out := make([]string, len(f.Grades))
	for i, g := range f.Grades {
		out[i] = g.Result
	}
	return out
}

// needsSecondRead says whether a result always goes to a second reader.
func needsSecondRead(result string) bool {
	return slices.Contains(cxrForms.SecondRead.Results, result)
}

// asksPregnancy says whether the pregnancy question comes before the X-ray of this person.
func asksPregnancy(sex string, age int) bool {
	q := cxrForms.PregnancyQuestion
	return sex == q.Sex && age >= q.MinAge && age <= q.MaxAge
}

// ReadingForm returns the chest X-ray reading form of a protocol, for the reading screen.
//
// Errors: forbidden, not_found (no form for the protocol).
func (s *Service) ReadingForm(ctx context.Context, a Actor, protocolID string) (ReadingForm, error) {
	if err := a.May(PermReadImaging); err != nil {
		return ReadingForm{}, err
	}
	return ReadingFormFor(protocolID)
}

// ReadingFormNamed returns a reading form by its name (DS-3030, IMM 5419, …).
func ReadingFormNamed(name string) (ReadingForm, bool) {
	for _, f := range cxrForms.Forms {
		if f.Form == name {
			return f, true
		}
	}
	return ReadingForm{}, false
}
