package protocols

import (
	"sort"
	"time"
)

// SourceEntry is one source a protocol version or a reference list cites, with its edition and
// the date it was last read against the rules (mhac protocols sources).
type SourceEntry struct {
	Country string `json:"country,omitempty"` // empty for reference data
	Version string `json:"version,omitempty"`
	Ref     string `json:"ref"` // the short name in the rule file, or the reference list's name
	Doc     string `json:"doc"`
	Edition string `json:"edition"`
	URL     string `json:"url,omitempty"`
	Checked string `json:"checked"` // YYYY-MM[-DD]; "" when the file does not say
	InForce bool   `json:"in_force"`
}

// Sources lists every source of every protocol version (by destination, then version, then short
// name) and of every reference list and table. InForce marks the versions in force on the day given.
func (e *Engine) Sources(today time.Time) []SourceEntry {
	var out []SourceEntry
	for _, c := range destinations {
		current := ""
		if s, err := e.pick(c, "", calendarDate(today)); err == nil {
			current = s.version
		}
		for _, s := range e.sets[c] {
			keys := make([]string, 0, len(s.sources))
			for k := range s.sources {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				src := s.sources[k]
				out = append(out, SourceEntry{Country: c, Version: s.version, Ref: k, Doc: src.Doc, Edition: src.Edition,
					URL: src.URL, Checked: src.Checked, InForce: s.version == current})
			}
		}
	}
	for _, info := range e.ref.infos() {
		ed := info.Source.Edition
		if info.AsOf != "" {
			ed += " (data as of " + info.AsOf + ")"
		}
		out = append(out, SourceEntry{Ref: info.Name, Doc: info.Source.Doc, Edition: ed, URL: info.Source.URL,
			Checked: info.Source.Checked, InForce: true})
	}
	return out
}

// infos lists the reference lists and tables, by name.
func (r *reference) infos() []RefInfo {
	var out []RefInfo
	for _, l := range r.lists {
		out = append(out, l.info)
	}
	for _, t := range r.tables {
		out = append(out, t.info)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
