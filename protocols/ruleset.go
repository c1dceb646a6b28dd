package protocols

import (
	"fmt"
	"path"
	"regexp"
	"strings"
	"time"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/types/ref"

	"github.com/mhac-clinic/mhac/clinic"
)

// ruleSet is one protocol version of one destination, compiled.
type ruleSet struct {
	file      string
	country   string
	version   string
	effective time.Time
	until     time.Time // last day in force; zero when open-ended
	title     string
	programs  []string
	notes     []string
	sources   map[string]Source
	outcomes  []clinic.OutcomeLevel
	severity  map[string]int
	tb        *tbTable
	names     map[string]int // CEL name → activation slot: fact variables, then definitions
	defs      []*definition
	rules     []*rule
	lists     []string // reference lists the set reads
	usesTB    bool
	capacity  planCapacity // how long the plan's lists can get, to size them once
}

type planCapacity struct{ steps, outcomes, treat, withhold, forms, departure, holds, deferrals int }

type definition struct {
	name, means, meansFR string
	c                    *compiled
	typ                  *cel.Type
}

func (d *definition) eval(a *activation) ref.Val { return evalProgram(d.c, a) }

type ruleKind int

const (
	kindStep ruleKind = iota
	kindOutcome
	kindTreat
	kindWithhold
	kindForm
	kindValidity
	kindDeparture
	kindHold
	kindDefer
	kindPhoto
)

var kindNames = [...]string{"require", "outcome", "treat", "withhold", "form", "valid_months", "departure", "hold", "defer", "photo_on"}

func (k ruleKind) String() string { return kindNames[k] }

type rule struct {
	id         string
	kind       ruleKind
	steps      []string // kindStep
	forms      []string // kindPhoto: the forms that need the person's photo
	stepIdx    []int    // indexes of steps in the step vocabulary
	code       string   // outcome code, drug or form
	months     int      // kindValidity
	dayBefore  bool     // kindValidity: the last day is the day before the anniversary
	departure  departureYAML
	hold       holdYAML
	deferral   deferYAML // kindDefer; its step is steps[0]
	otherwise  bool
	c          *compiled
	reason     template
	reasonFR   template
	source     Source
	csource    clinic.Source // source, converted once
	confidence string
	effective  string
	line       int
	notes      []string // notes to add when the rule applies (incomplete reference lists, the rule's note)
	note       string   // the rule's own note, as written
}

// Source names where a rule or a reference list comes from.
type Source struct {
	Ref     string `json:"ref,omitempty"` // the short name used in the rule file (S-TB, S-DMP, ...)
	Doc     string `json:"doc"`
	Section string `json:"section,omitempty"`
	Edition string `json:"edition,omitempty"`
	URL     string `json:"url,omitempty"`
	Checked string `json:"checked,omitempty"` // when the source was last read against the rules
}

func (s Source) clinic() clinic.Source {
	return clinic.Source{Doc: s.Doc, Section: s.Section, Edition: s.Edition, URL: s.URL}
}

// String is the one-line citation of the contract ("source": "...").
func (s Source) String() string {
	parts := []string{s.Doc}
	if s.Section != "" {
		parts = append(parts, s.Section)
	}
	if s.Edition != "" {
		parts = append(parts, s.Edition)
	}
	return strings.Join(parts, ", ")
}

var (
	ruleIDRE  = regexp.MustCompile(`^[a-z]{2}\.[a-z0-9_]+(\.[a-z0-9_]+)*$`)
	dateRE    = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	partialRE = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)
)

func parseDate(s string) (time.Time, bool) {
	if !dateRE.MatchString(s) {
		return time.Time{}, false
	}
	t, err := time.Parse("2006-01-02", s)
	return t, err == nil
}

// partialDateStart reads "2009", "2009-10" or "2009-10-01" as its first day.
func partialDateStart(s string) (time.Time, bool) {
	if !partialRE.MatchString(s) {
		return time.Time{}, false
	}
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// resolveSource fills a rule's source from the file's sources when it names one with ref:, and
// says what is missing. A rule must name at least a document and a section.
func resolveSource(y sourceYAML, known map[string]Source) (Source, string) {
	s := Source(y)
	if y.Ref != "" {
		base, ok := known[y.Ref]
		if !ok {
			keys := make([]string, 0, len(known))
			for k := range known {
				keys = append(keys, k)
			}
			return s, fmt.Sprintf("source ref %q is not one of the file's sources%s", y.Ref, suggest(y.Ref, keys))
		}
		if s.Doc == "" {
			s.Doc = base.Doc
		}
		if s.Edition == "" {
			s.Edition = base.Edition
		}
		if s.URL == "" {
			s.URL = base.URL
		}
		s.Checked = base.Checked
	}
	if strings.TrimSpace(s.Doc) == "" {
		return s, "source is missing: name the document (source: {ref: S-XX, section: ...} or {doc: ..., section: ...})"
	}
	return s, ""
}

// fileCountry checks that a rule file sits at <country>/<version>.yaml.
func fileCountry(file string) (country, version string) {
	dir, base := path.Split(file)
	return strings.ToUpper(path.Base(strings.TrimSuffix(dir, "/"))), strings.TrimSuffix(base, ".yaml")
}
