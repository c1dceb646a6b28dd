// Package vaccination says which vaccines the DS-3025 worksheet requires of a US immigrant
// applicant at their age, and derives each one's status from the CDSi evaluation of the
// applicant's history. It is pure: no database, no HTTP.
package vaccination

import (
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/mhac-clinic/mhac/protocols/cdsi"
)

//go:embed rules/*.yaml
var embedded embed.FS

// RuleSet is one version of the table of required vaccines by age.
type RuleSet struct {
	Version   string
	Effective time.Time
	Title     string
	Sources   map[string]Source
	Notes     []string
	Vaccines  []Rule
}

// Source is a document the rules cite.
type Source struct {
	Doc     string `yaml:"doc"`
	Edition string `yaml:"edition"`
	URL     string `yaml:"url"`
}

// Rule is one DS-3025 row: the vaccine, the CDSi vaccine group that judges it, and the ages
// at which it is required.
type Rule struct {
	Key       string
	Name      string
	Group     string    // CDSi vaccine group
	MinAge    cdsi.Span // inclusive
	MaxAge    cdsi.Span // exclusive; unset means no limit
	BornFrom  time.Time // zero when birth date does not matter
	Seasonal  bool      // only in flu season
	SourceRef string
	Section   string
}

// Citation is the rule's source in words.
func (r Rule) Citation(rs *RuleSet) string {
	s := rs.Sources[r.SourceRef]
	return fmt.Sprintf("%s (%s): %s", s.Doc, s.Edition, r.Section)
}

type yamlFile struct {
	Version   string            `yaml:"version"`
	Effective string            `yaml:"effective"`
	Title     string            `yaml:"title"`
	Sources   map[string]Source `yaml:"sources"`
	Notes     []string          `yaml:"notes"`
	Vaccines  []struct {
		Key      string `yaml:"key"`
		Name     string `yaml:"name"`
		Group    string `yaml:"cdsi_group"`
		MinAge   string `yaml:"min_age"`
		MaxAge   string `yaml:"max_age"`
		BornFrom string `yaml:"born_from"`
		Seasonal bool   `yaml:"seasonal"`
		Source   struct {
			Ref     string `yaml:"ref"`
			Section string `yaml:"section"`
		} `yaml:"source"`
	} `yaml:"vaccines"`
}

// Parse reads and checks a rule file against the CDSi data: every vaccine names a known
// vaccine group, has readable ages and cites a declared source.
func Parse(b []byte, data *cdsi.Data) (*RuleSet, error) {
	var f yamlFile
	dec := yaml.NewDecoder(strings.NewReader(string(b)))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("vaccination rules: %w", err)
	}
	eff, err := time.Parse("2006-01-02", f.Effective)
	if err != nil {
		return nil, fmt.Errorf("vaccination rules %s: effective date: %w", f.Version, err)
	}
	if f.Version == "" || len(f.Vaccines) == 0 {
		return nil, fmt.Errorf("vaccination rules: version and vaccines are required")
	}
	groups := map[string]bool{}
	for _, g := range data.Groups {
		groups[g.Name] = true
	}
	rs := &RuleSet{Version: f.Version, Effective: eff, Title: f.Title, Sources: f.Sources, Notes: f.Notes}
	seen := map[string]bool{}
	for i, v := range f.Vaccines {
		r, err := buildRule(v.Key, v.Name, v.Group, v.MinAge, v.MaxAge, v.BornFrom, v.Seasonal, v.Source.Ref, v.Source.Section)
		if err != nil {
			return nil, fmt.Errorf("vaccination rules %s: vaccines[%d]: %w", f.Version, i, err)
		}
		switch {
		case seen[r.Key]:
			return nil, fmt.Errorf("vaccination rules %s: key %q used twice", f.Version, r.Key)
		case !groups[r.Group]:
			return nil, fmt.Errorf("vaccination rules %s: %s: unknown CDSi vaccine group %q", f.Version, r.Key, r.Group)
		case rs.Sources[r.SourceRef].Doc == "":
			return nil, fmt.Errorf("vaccination rules %s: %s: source %q is not declared", f.Version, r.Key, r.SourceRef)
		}
		seen[r.Key] = true
		rs.Vaccines = append(rs.Vaccines, r)
	}
	return rs, nil
}

func buildRule(key, name, group, minAge, maxAge, bornFrom string, seasonal bool, ref, section string) (Rule, error) {
	r := Rule{Key: key, Name: name, Group: group, Seasonal: seasonal, SourceRef: ref, Section: section}
	if key == "" || name == "" || group == "" || ref == "" || section == "" {
		return r, fmt.Errorf("key, name, cdsi_group and source (ref, section) are required")
	}
	var err error
	if r.MinAge, err = cdsi.ParseSpan(minAge); err != nil {
		return r, err
	}
	if !r.MinAge.Set {
		return r, fmt.Errorf("%s: min_age is required", key)
	}
	if r.MaxAge, err = cdsi.ParseSpan(maxAge); err != nil {
		return r, err
	}
	if bornFrom != "" {
		if r.BornFrom, err = time.Parse("2006-01-02", bornFrom); err != nil {
			return r, fmt.Errorf("%s: born_from: %w", key, err)
		}
	}
	return r, nil
}

// LoadAll reads every embedded rule file, oldest first.
func LoadAll(data *cdsi.Data) ([]*RuleSet, error) {
	names, err := fs.Glob(embedded, "rules/*.yaml")
	if err != nil {
		return nil, err
	}
	var out []*RuleSet
	for _, n := range names {
		b, err := embedded.ReadFile(n)
		if err != nil {
			return nil, err
		}
		rs, err := Parse(b, data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", n, err)
		}
		out = append(out, rs)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Effective.Before(out[j].Effective) })
	return out, nil
}

// InForce picks the rule set in force on a day: the latest one effective on or before it.
func InForce(sets []*RuleSet, on time.Time) (*RuleSet, error) {
	var pick *RuleSet
	for _, rs := range sets {
		if !rs.Effective.After(on) {
			pick = rs
		}
	}
	if pick == nil {
		return nil, fmt.Errorf("no vaccination rules in force on %s", on.Format("2006-01-02"))
	}
	return pick, nil
}
