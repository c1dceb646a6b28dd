package protocols

import (
	"sort"
	"strings"
	"time"
)

// SetSummary describes one protocol version, for GET /api/protocols.
type SetSummary struct {
	Country   string   `json:"country"`
	Version   string   `json:"version"`
	Effective string   `json:"effective"`
	Until     string   `json:"until,omitempty"`
	Title     string   `json:"title"`
	Programs  []string `json:"programs"`
	Rules     int      `json:"rules"`
	File      string   `json:"file"`
}

// SetDetail is one protocol version in full, for GET /api/protocols/{country}/{version} and for
// explain: every rule with its condition as written and in words, its reason and its source.
type SetDetail struct {
	SetSummary
	Notes       []string          `json:"notes"`
	Sources     []Source          `json:"sources"`
	Outcomes    []OutcomeLevelDTO `json:"outcomes"`
	Definitions []DefinitionDTO   `json:"definitions"`
	Rules       []RuleDTO         `json:"rules"`
	References  []RefInfo         `json:"references"`
}

// DefinitionDTO is a named condition the rules of a set share.
type DefinitionDTO struct {
	Name    string `json:"name"`
	When    string `json:"when"`
	Means   string `json:"means"`
	MeansFR string `json:"means_fr,omitempty"`
}

// RuleDTO is one rule as a reader sees it.
type RuleDTO struct {
	ID         string      `json:"id"`
	Produces   ProducesDTO `json:"produces"`
	Otherwise  bool        `json:"otherwise,omitempty"`
	When       string      `json:"when"`
	WhenWords  string      `json:"when_words"`
	Reason     string      `json:"reason"`
	ReasonFR   string      `json:"reason_fr"`
	Source     Source      `json:"source"`
	Effective  string      `json:"effective,omitempty"`
	Confidence string      `json:"confidence"`
	Note       string      `json:"note,omitempty"` // e.g. a question still open
	Line       int         `json:"line"`
}

// ProducesDTO is what a rule produces when its condition holds.
type ProducesDTO struct {
	Kind     string   `json:"kind"` // require | outcome | treat | withhold | form | valid_months | departure | hold | defer
	Steps    []string `json:"steps,omitempty"`
	Code     string   `json:"code,omitempty"` // outcome code, drug or form
	Months   int      `json:"months,omitempty"`
	Check    string   `json:"check,omitempty"`
	MinHours int      `json:"min_hours,omitempty"`
	MaxHours int      `json:"max_hours,omitempty"`
	WaitDays int      `json:"wait_days,omitempty"` // hold
	LastDay  string   `json:"last_day,omitempty"`  // valid_months: day_before when the last day is the day before the anniversary
	// defer: whether travel waits for the step, and what the outcome is meanwhile
	HoldsTravel bool   `json:"holds_travel,omitempty"`
	Then        string `json:"then,omitempty"`
}

// Sets lists every protocol version, by destination then effective date.
func (e *Engine) Sets() []SetSummary {
	var out []SetSummary
	for _, c := range destinations {
		for _, s := range e.sets[c] {
			out = append(out, s.summary())
		}
	}
	return out
}

// Set returns one protocol version in full; an unknown destination or version is an *Error.
func (e *Engine) Set(country, version string) (SetDetail, error) {
	country = strings.ToUpper(strings.TrimSpace(country))
	if version == "" {
		if list, ok := e.sets[country]; ok {
			return SetDetail{}, inputErr(CodeUnknownVersion, "version", "a version is required (versions: %s)", strings.Join(versionsOf(list), ", "))
		}
	}
	s, err := e.pick(country, version, time.Time{})
	if err != nil {
		return SetDetail{}, err
	}
	return s.detail(e.ref), nil
}

func (s *ruleSet) summary() SetSummary {
	sum := SetSummary{Country: s.country, Version: s.version, Effective: s.effective.Format(time.DateOnly),
		Title: s.title, Programs: s.programs, Rules: len(s.rules), File: s.file}
	if !s.until.IsZero() {
		sum.Until = s.until.Format(time.DateOnly)
	}
	return sum
}

func (s *ruleSet) detail(refs *reference) SetDetail {
	d := SetDetail{SetSummary: s.summary(), Notes: nonNil(s.notes), Sources: []Source{}, Outcomes: []OutcomeLevelDTO{},
		Definitions: []DefinitionDTO{}, Rules: []RuleDTO{}, References: []RefInfo{}}
	keys := make([]string, 0, len(s.sources))
	for k := range s.sources {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		d.Sources = append(d.Sources, s.sources[k])
	}
	for _, o := range s.outcomes {
		d.Outcomes = append(d.Outcomes, OutcomeLevelDTO(o))
	}
	w := &wordsWriter{set: s, refs: refs}
	for _, def := range s.defs {
		d.Definitions = append(d.Definitions, DefinitionDTO{Name: def.name, When: def.c.expr, Means: def.means, MeansFR: def.meansFR})
	}
	for _, r := range s.rules {
		d.Rules = append(d.Rules, RuleDTO{ID: r.id, Produces: r.produces(), Otherwise: r.otherwise, When: r.c.expr,
			WhenWords: w.condition(r.c), Reason: r.reason.text, ReasonFR: r.reasonFR.text, Source: r.source,
			Effective: r.effective, Confidence: r.confidence, Note: r.note, Line: r.line})
	}
	if s.tb != nil {
		d.References = append(d.References, s.tb.info)
	}
	for _, l := range s.lists {
		d.References = append(d.References, refs.lists[l].info)
	}
	return d
}

func (r *rule) produces() ProducesDTO {
	p := ProducesDTO{Kind: r.kind.String()}
	switch r.kind {
	case kindStep:
		p.Steps = r.steps
	case kindValidity:
		p.Months = r.months
		if r.dayBefore {
			p.LastDay = "day_before"
		}
	case kindDeparture:
		p.Check, p.MinHours, p.MaxHours = r.departure.Check, r.departure.MinHours, r.departure.MaxHours
	case kindHold:
		p.Code, p.WaitDays = r.hold.Code, r.hold.WaitDays
	case kindDefer:
		p.Steps, p.HoldsTravel, p.Then = r.steps, r.deferral.HoldsTravel, r.deferral.Then
	case kindPhoto:
		p.Steps = r.forms
	default:
		p.Code = r.code
	}
	return p
}
