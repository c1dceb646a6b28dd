package cdsi

import (
	"embed"
	"encoding/xml"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"
)

//go:embed data/*.xml
var embedded embed.FS

var (
	defaultOnce sync.Once
	defaultData *Data
	defaultErr  error
)

// EmbeddedVersion is the release of the supporting data embedded in the binary (data/SOURCE.md).
const EmbeddedVersion = "4.64 (508)"

// Default returns the supporting data embedded in the binary (version 4.64), loaded once.
func Default() (*Data, error) {
	defaultOnce.Do(func() {
		sub, err := fs.Sub(embedded, "data")
		if err != nil {
			defaultErr = err
			return
		}
		defaultData, defaultErr = Load(sub)
		if defaultErr == nil {
			defaultData.Version = EmbeddedVersion
		}
	})
	return defaultData, defaultErr
}

// Load reads ScheduleSupportingData.xml and every antigen-*.xml file of fsys. Any value the
// engine cannot read (a bad age, date or flag) fails here, naming the file and the series.
func Load(fsys fs.FS) (*Data, error) {
	raw, err := fs.ReadFile(fsys, "ScheduleSupportingData.xml")
	if err != nil {
		return nil, fmt.Errorf("cdsi: %w", err)
	}
	var xs xmlSchedule
	if err := xml.Unmarshal(raw, &xs); err != nil {
		return nil, fmt.Errorf("cdsi: ScheduleSupportingData.xml: %w", err)
	}
	d, err := buildSchedule(&xs)
	if err != nil {
		return nil, fmt.Errorf("cdsi: ScheduleSupportingData.xml: %w", err)
	}
	names, err := fs.Glob(fsys, "antigen-*.xml")
	if err != nil {
		return nil, fmt.Errorf("cdsi: %w", err)
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("cdsi: no antigen-*.xml files")
	}
	for _, name := range names {
		raw, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("cdsi: %w", err)
		}
		var xa xmlAntigen
		if err := xml.Unmarshal(raw, &xa); err != nil {
			return nil, fmt.Errorf("cdsi: %s: %w", path.Base(name), err)
		}
		a, err := buildAntigen(&xa)
		if err != nil {
			return nil, fmt.Errorf("cdsi: %s: %w", path.Base(name), err)
		}
		if _, dup := d.Antigens[a.Name]; dup {
			return nil, fmt.Errorf("cdsi: %s: antigen %q defined twice", name, a.Name)
		}
		d.Antigens[a.Name] = a
	}
	for _, g := range d.Groups {
		for _, an := range g.Antigens {
			if d.Antigens[an] == nil {
				return nil, fmt.Errorf("cdsi: vaccine group %q names antigen %q, which has no data", g.Name, an)
			}
		}
	}
	return d, nil
}

func buildSchedule(xs *xmlSchedule) (*Data, error) {
	d := &Data{
		Antigens:     map[string]*Antigen{},
		groupByName:  map[string]*VaccineGroup{},
		CVX:          map[string]*CVXEntry{},
		Observations: map[string]Observation{},
		conflictsTo:  map[string][]Conflict{},
	}
	for _, g := range xs.Groups {
		vg := &VaccineGroup{Name: strings.TrimSpace(g.Name), FullGroup: strings.TrimSpace(g.Full)}
		d.Groups = append(d.Groups, vg)
		d.groupByName[vg.Name] = vg
	}
	for _, m := range xs.GroupMap {
		vg := d.groupByName[strings.TrimSpace(m.Name)]
		if vg == nil {
			return nil, fmt.Errorf("antigen map names unknown vaccine group %q", m.Name)
		}
		for _, a := range m.Antigens {
			vg.Antigens = append(vg.Antigens, strings.TrimSpace(a))
		}
	}
	for _, m := range xs.CVXMap {
		e := &CVXEntry{CVX: normCVX(m.CVX), Description: m.Description}
		for _, as := range m.Associations {
			b, err1 := ParseSpan(as.BeginAge)
			en, err2 := ParseSpan(as.EndAge)
			if err := firstErr(err1, err2); err != nil {
				return nil, fmt.Errorf("cvx %s: %w", m.CVX, err)
			}
			e.Associations = append(e.Associations, Association{Antigen: strings.TrimSpace(as.Antigen), BeginAge: b, EndAge: en})
		}
		d.CVX[e.CVX] = e
	}
	for _, c := range xs.Conflicts {
		b, err1 := ParseSpan(c.Begin)
		me, err2 := ParseSpan(c.MinEnd)
		e, err3 := ParseSpan(c.End)
		if err := firstErr(err1, err2, err3); err != nil {
			return nil, fmt.Errorf("live virus conflict %s/%s: %w", c.Previous.CVX, c.Current.CVX, err)
		}
		cf := Conflict{PreviousCVX: normCVX(c.Previous.CVX), CurrentCVX: normCVX(c.Current.CVX), Begin: b, MinEnd: me, End: e}
		d.Conflicts = append(d.Conflicts, cf)
		d.conflictsTo[cf.CurrentCVX] = append(d.conflictsTo[cf.CurrentCVX], cf)
	}
	for _, o := range xs.Observations {
		d.Observations[strings.TrimSpace(o.Code)] = Observation{Code: strings.TrimSpace(o.Code), Title: o.Title, Group: o.Group,
			IndicationText: o.Indication, ContraindicationText: o.Contraindicate}
	}
	return d, nil
}

func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

// normCVX drops leading zeros so that "08" in one file and "8" in a request are the same code.
func normCVX(s string) string {
	s = strings.TrimSpace(s)
	t := strings.TrimLeft(s, "0")
	if t == "" && s != "" {
		return "0"
	}
	return t
}

// splitCodes reads "21; 94; 121" or "09;28;35" into normalised CVX codes.
func splitCodes(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ";") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, normCVX(f))
		}
	}
	return out
}

// parseDataDate reads the data's dates: 20250827 or 01/01/1957. Empty gives def.
func parseDataDate(s string, def time.Time) (time.Time, error) {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return def, nil
	case strings.Contains(s, "/"):
		return time.Parse("01/02/2006", s)
	default:
		return time.Parse("20060102", s)
	}
}

// yes reads the data's flags: Y/Yes are true, anything else false.
func yes(s string) bool {
	s = strings.ToLower(strings.TrimSpace(s))
	return s == "y" || s == "yes"
}

func atoiOr(s string, def int) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" || strings.EqualFold(s, "n/a") {
		return def, nil
	}
	return strconv.Atoi(s)
}
