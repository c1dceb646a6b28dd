package protocols

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"gopkg.in/yaml.v3"
)

// The rule-file format (rules/README.md describes it for physicians and administrators).

type fileYAML struct {
	Country          string                `yaml:"country"`
	Version          string                `yaml:"version"`
	Effective        string                `yaml:"effective"`
	Until            string                `yaml:"until"`
	Title            string                `yaml:"title"`
	Programs         []string              `yaml:"programs"`
	TBIncidenceTable string                `yaml:"tb_incidence_table"`
	Notes            []string              `yaml:"notes"`
	Sources          map[string]sourceYAML `yaml:"sources"`
	Outcomes         []outcomeYAML         `yaml:"outcomes"`
	Definitions      []definitionYAML      `yaml:"definitions"`
	Rules            []ruleYAML            `yaml:"rules"`
}

type sourceYAML struct {
	Ref     string `yaml:"ref"` // a key of the file's sources
	Doc     string `yaml:"doc"`
	Section string `yaml:"section"`
	Edition string `yaml:"edition"`
	URL     string `yaml:"url"`
	Checked string `yaml:"checked"` // file sources: when the source was last read against this file (YYYY-MM[-DD])
}

type outcomeYAML struct {
	Code        string `yaml:"code"`
	Severity    *int   `yaml:"severity"`
	Label       string `yaml:"label"`
	HoldsTravel bool   `yaml:"holds_travel"` // keeps the person from travelling until treated or cleared
}

type definitionYAML struct {
	Name    string `yaml:"name"`
	When    string `yaml:"when"`
	Means   string `yaml:"means"`
	MeansFR string `yaml:"means_fr"`
}

type departureYAML struct {
	Check    string `yaml:"check"`
	MinHours int    `yaml:"min_hours"`
	MaxHours int    `yaml:"max_hours"`
}

// holdYAML is a travel hold: while the rule's condition holds, travel is blocked; wait_days after
// the exam (or after the last sputum specimen, for culture_pending) is the earliest it can clear.
type holdYAML struct {
	Code     string `yaml:"code"`
	WaitDays int    `yaml:"wait_days"`
}

// deferYAML is a deferral: a required step the physician may sign without, and what then holds.
type deferYAML struct {
	Step        string `yaml:"step"`
	HoldsTravel bool   `yaml:"holds_travel"` // true: no travel clearance until the step is done
	Then        string `yaml:"then"`         // what the outcome then is, in words
	ThenFR      string `yaml:"then_fr"`
}

type ruleYAML struct {
	ID string `yaml:"id"`

	// What the rule produces: exactly one of these.
	Require     stringList     `yaml:"require"`
	Outcome     string         `yaml:"outcome"`
	Treat       string         `yaml:"treat"`
	Withhold    string         `yaml:"withhold"`
	Form        string         `yaml:"form"`
	PhotoOn     stringList     `yaml:"photo_on"` // forms the receiving country requires the person's photo on
	ValidMonths int            `yaml:"valid_months"`
	Departure   *departureYAML `yaml:"departure"`
	Hold        *holdYAML      `yaml:"hold"`

	// LastDay (valid_months only): "anniversary" (default) — the exam serves up to and including
	// the same day N months later ("no more than N months"); "day_before" — the day before it
	// ("less than N months", "a period of N months").
	LastDay string `yaml:"last_day"`
	// Note is added to the plan's notes when the rule applies (a question still open, say).
	Note  string     `yaml:"note"`
	Defer *deferYAML `yaml:"defer"`

	Otherwise  bool       `yaml:"otherwise"` // outcome only: stands only when no other outcome does
	When       string     `yaml:"when"`
	Reason     string     `yaml:"reason"`
	ReasonFR   string     `yaml:"reason_fr"`
	Source     sourceYAML `yaml:"source"`
	Effective  string     `yaml:"effective"`
	Confidence string     `yaml:"confidence"`
}

// stringList accepts either one string or a list of strings.
type stringList []string

func (s *stringList) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		*s = stringList{n.Value}
		return nil
	case yaml.SequenceNode:
		out := make(stringList, 0, len(n.Content))
		for _, c := range n.Content {
			if c.Kind != yaml.ScalarNode {
				return fmt.Errorf("line %d: expected a step code", c.Line)
			}
			out = append(out, c.Value)
		}
		*s = out
		return nil
	}
	return fmt.Errorf("line %d: expected a step code or a list of step codes", n.Line)
}

// positions are the line numbers of the parts of a rule file, for error messages.
type positions struct {
	rules       []rulePos
	definitions []rulePos
	outcomes    []int
}

type rulePos struct {
	line     int // the rule's first line
	whenLine int // the line of its when: value
	whenCol  int
	block    bool // when: is a block scalar (| or >), its text starts on the next line
}

// decodeStrict decodes one YAML document into v, rejecting unknown keys, duplicate keys and a
// second document.
func decodeStrict(data []byte, v any) error {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		if errors.Is(err, io.EOF) {
			return errors.New("the file is empty")
		}
		return cleanYAMLError(err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return errors.New("more than one YAML document in the file")
	}
	return nil
}

// cleanYAMLError makes yaml.v3's messages read as a person would write them.
func cleanYAMLError(err error) error {
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "yaml: unmarshal errors:\n  ")
	msg = strings.TrimPrefix(msg, "yaml: ")
	msg = strings.ReplaceAll(msg, "\n  ", "; ")
	for _, t := range []string{"protocols.fileYAML", "protocols.ruleYAML", "protocols.sourceYAML", "protocols.outcomeYAML",
		"protocols.definitionYAML", "protocols.departureYAML", "protocols.holdYAML", "protocols.deferYAML", "protocols.listYAML", "protocols.countryYAML", "protocols.tableYAML"} {
		msg = strings.ReplaceAll(msg, " in type "+t, "")
	}
	return errors.New(msg)
}

// filePositions reads the line numbers of rules, definitions and outcomes.
func filePositions(data []byte) positions {
	var doc yaml.Node
	var p positions
	if yaml.Unmarshal(data, &doc) != nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return p
	}
	root := doc.Content[0]
	for i := 0; i+1 < len(root.Content); i += 2 {
		key, val := root.Content[i].Value, root.Content[i+1]
		if val.Kind != yaml.SequenceNode {
			continue
		}
		for _, item := range val.Content {
			switch key {
			case "rules":
				p.rules = append(p.rules, itemPos(item))
			case "definitions":
				p.definitions = append(p.definitions, itemPos(item))
			case "outcomes":
				p.outcomes = append(p.outcomes, item.Line)
			}
		}
	}
	return p
}

func itemPos(item *yaml.Node) rulePos {
	rp := rulePos{line: item.Line}
	if item.Kind != yaml.MappingNode {
		return rp
	}
	for i := 0; i+1 < len(item.Content); i += 2 {
		if item.Content[i].Value == "when" {
			v := item.Content[i+1]
			rp.whenLine, rp.whenCol = v.Line, v.Column
			rp.block = v.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0
		}
	}
	return rp
}

func (p positions) rule(i int) rulePos {
	if i < len(p.rules) {
		return p.rules[i]
	}
	return rulePos{}
}

func (p positions) definition(i int) rulePos {
	if i < len(p.definitions) {
		return p.definitions[i]
	}
	return rulePos{}
}
