package protocols

import (
	"strings"

	"cel.dev/cel-go/cel"

	"github.com/mhac-clinic/mhac/clinic"
)

// builder turns one decoded rule file into a ruleSet, collecting every problem.
type builder struct {
	file string
	ref  *reference
	errs *LoadErrors
	pos  positions
	set  *ruleSet
	env  *cel.Env
	n    int // errors before this file
}

func (b *builder) fail(line int, rule, format string, args ...any) {
	b.errs.add(b.file, line, rule, format, args...)
}

func buildSet(env *cel.Env, ref *reference, file string, data []byte, errs *LoadErrors) *ruleSet {
	var y fileYAML
	if err := decodeStrict(data, &y); err != nil {
		errs.add(file, 0, "", "%v", err)
		return nil
	}
	b := &builder{file: file, ref: ref, errs: errs, pos: filePositions(data), env: env, n: len(*errs),
		set: &ruleSet{file: file, sources: map[string]Source{}, severity: map[string]int{}}}
	b.header(&y)
	b.outcomes(&y)
	if b.set.tb != nil {
		var err error
		if b.env, err = b.env.Extend(tbFunction(b.set.tb)); err != nil {
			b.fail(0, "", "tb_incidence_table: %v", err)
			return nil
		}
	}
	b.definitions(&y)
	b.rules(&y)
	if len(*errs) > b.n {
		return nil
	}
	b.probe()
	if len(*errs) > b.n {
		return nil
	}
	return b.set
}

func (b *builder) header(y *fileYAML) {
	s := b.set
	dirCountry, fileVersion := fileCountry(b.file)
	s.country, s.version, s.title, s.notes = y.Country, y.Version, y.Title, y.Notes
	if !contains(destinations, y.Country) {
		b.fail(0, "", "country %q must be one of %s%s", y.Country, strings.Join(destinations, ", "), suggest(y.Country, destinations))
	} else if y.Country != dirCountry {
		b.fail(0, "", "country %s does not match the directory %s/", y.Country, strings.ToLower(dirCountry))
	}
	eff, ok := parseDate(y.Effective)
	if !ok {
		b.fail(0, "", "effective %q must be a date, YYYY-MM-DD", y.Effective)
	}
	s.effective = eff
	if y.Version != y.Effective {
		b.fail(0, "", "version %q must be the effective date %q", y.Version, y.Effective)
	}
	if fileVersion != y.Version {
		b.fail(0, "", "the file must be named after its version: %s.yaml", y.Version)
	}
	if y.Until != "" {
		u, ok := parseDate(y.Until)
		if !ok || u.Before(eff) {
			b.fail(0, "", "until %q must be a date, YYYY-MM-DD, on or after the effective date", y.Until)
		}
		s.until = u
	}
	if strings.TrimSpace(y.Title) == "" {
		b.fail(0, "", "title is missing")
	}
	if len(y.Programs) == 0 {
		b.fail(0, "", "programs is missing (refugee, immigrant, temporary)")
	}
	for _, p := range y.Programs {
		if !contains(programs, p) {
			b.fail(0, "", "program %q must be one of %s%s", p, strings.Join(programs, ", "), suggest(p, programs))
		} else if contains(s.programs, p) {
			b.fail(0, "", "program %q is listed twice", p)
		}
		s.programs = append(s.programs, p)
	}
	if y.TBIncidenceTable != "" {
		if s.tb = b.ref.tables[y.TBIncidenceTable]; s.tb == nil {
			names := make([]string, 0, len(b.ref.tables))
			for n := range b.ref.tables {
				names = append(names, n)
			}
			b.fail(0, "", "tb_incidence_table %q is not a reference table%s", y.TBIncidenceTable, suggest(y.TBIncidenceTable, names))
		}
	}
	for key, src := range y.Sources {
		if src.Ref != "" || src.Section != "" {
			b.fail(0, "", "sources.%s: a file source names doc, edition and url; the section goes on each rule", key)
		}
		if strings.TrimSpace(src.Doc) == "" {
			b.fail(0, "", "sources.%s: doc is missing", key)
		}
		s.sources[key] = Source{Ref: key, Doc: src.Doc, Edition: src.Edition, URL: src.URL, Checked: src.Checked}
		if src.Checked != "" {
			if _, ok := partialDateStart(src.Checked); !ok {
				b.fail(0, "", "source %s: checked %q must be a date: YYYY, YYYY-MM or YYYY-MM-DD", key, src.Checked)
			}
		}
	}
}

func (b *builder) outcomes(y *fileYAML) {
	s := b.set
	allowed := outcomeCodes[s.country]
	for i, o := range y.Outcomes {
		line := 0
		if i < len(b.pos.outcomes) {
			line = b.pos.outcomes[i]
		}
		switch {
		case !contains(allowed, o.Code):
			b.fail(line, "", "outcome %q is not an outcome code of %s (%s)%s", o.Code, s.country, strings.Join(allowed, ", "), suggest(o.Code, allowed))
			continue
		case o.Severity == nil || *o.Severity < 0:
			b.fail(line, "", "outcome %s: severity is missing or negative (0 = no finding; higher = more severe)", o.Code)
			continue
		case strings.TrimSpace(o.Label) == "":
			b.fail(line, "", "outcome %s: label is missing", o.Code)
		}
		if _, dup := s.severity[o.Code]; dup {
			b.fail(line, "", "outcome %s is listed twice", o.Code)
			continue
		}
		s.severity[o.Code] = *o.Severity
		s.outcomes = append(s.outcomes, clinic.OutcomeLevel{Code: o.Code, Severity: *o.Severity, Label: o.Label, HoldsTravel: o.HoldsTravel})
	}
	for _, c := range allowed {
		if _, ok := s.severity[c]; !ok && contains(destinations, s.country) && !contains(outcomeCodesAdded, c) {
			b.fail(0, "", "outcomes: %s has no severity; every outcome code of %s needs one, so a physician's choice can be compared", c, s.country)
		}
	}
}

func (b *builder) definitions(y *fileYAML) {
	s := b.set
	s.names = make(map[string]int, len(factVarIndex)+len(y.Definitions))
	for k, v := range factVarIndex {
		s.names[k] = v
	}
	for i, d := range y.Definitions {
		pos := b.pos.definition(i)
		switch _, clash := s.names[d.Name]; {
		case !identRE.MatchString(d.Name):
			b.fail(pos.line, "", "definition name %q must be a lower-case identifier (letters, digits, _)", d.Name)
			continue
		case clash:
			b.fail(pos.line, "", "definition %s: the name is already a fact or an earlier definition", d.Name)
			continue
		case d.Name == fnInList || d.Name == fnAnyInList || d.Name == fnLivedInAny || d.Name == fnTBIncidence:
			b.fail(pos.line, "", "definition %s: the name is a helper function", d.Name)
			continue
		}
		if strings.TrimSpace(d.Means) == "" {
			b.fail(pos.line, "", "definition %s: means (what it says, in words) is missing", d.Name)
		}
		c, problems := compileExpr(b.env, b.ref, d.When, false)
		for _, p := range problems {
			formatExprError(b.file, pos, "definition "+d.Name+": when", d.When, p, "", b.errs)
		}
		if c == nil {
			continue
		}
		env, err := b.env.Extend(cel.Variable(d.Name, c.ast.OutputType()))
		if err != nil {
			b.fail(pos.line, "", "definition %s: %v", d.Name, err)
			continue
		}
		b.env = env
		s.names[d.Name] = len(factVars) + len(s.defs)
		s.defs = append(s.defs, &definition{name: d.Name, means: d.Means, meansFR: d.MeansFR, c: c, typ: c.ast.OutputType()})
		b.noteUses(c)
	}
}

// noteUses folds into c the lists and the TB table read by the definitions it names, so that c
// knows every reference it depends on, and records them on the set.
func (b *builder) noteUses(c *compiled) {
	for _, id := range c.idents {
		i, ok := b.set.names[id]
		if !ok || i < len(factVars) {
			continue
		}
		d := b.set.defs[i-len(factVars)].c
		for _, l := range d.lists {
			if !contains(c.lists, l) {
				c.lists = append(c.lists, l)
			}
		}
		c.usesTB = c.usesTB || d.usesTB
	}
	for _, l := range c.lists {
		if !contains(b.set.lists, l) {
			b.set.lists = append(b.set.lists, l)
		}
	}
	b.set.usesTB = b.set.usesTB || c.usesTB
}
