package protocols

import (
	"fmt"
	"strconv"
	"strings"
)

// template is a reason with placeholders filled from the facts at evaluation:
//
//	{age}               the applicant's age in years
//	{residence_country} the country of residence
//	{weight_kg}         the weight
//	{countries:LIST}    the applicant's countries (residence and lived) that are on LIST
//	{tb_incidence}      WHO TB incidence of the country of residence, with the table's year
type template struct {
	text  string // the whole text, used as is when there is no placeholder
	parts []tplPart
}

type tplPart struct {
	lit  string
	name string // placeholder name; "" for a literal part
	arg  string
}

var placeholders = []string{"age", "residence_country", "weight_kg", "countries", "tb_incidence"}

// parseTemplate splits s into literal text and placeholders; it returns an error for an unknown
// placeholder or an unknown list.
func parseTemplate(s string, ref *reference, set *ruleSet) (template, error) {
	t := template{text: s}
	if !strings.Contains(s, "{") {
		return t, nil
	}
	rest := s
	for rest != "" {
		i := strings.IndexByte(rest, '{')
		if i < 0 {
			t.parts = append(t.parts, tplPart{lit: rest})
			break
		}
		j := strings.IndexByte(rest[i:], '}')
		if j < 0 {
			return t, fmt.Errorf("unclosed { in %q", s)
		}
		if i > 0 {
			t.parts = append(t.parts, tplPart{lit: rest[:i]})
		}
		name, arg, _ := strings.Cut(rest[i+1:i+j], ":")
		if !contains(placeholders, name) {
			return t, fmt.Errorf("unknown placeholder {%s} (placeholders: %s)%s", rest[i+1:i+j], strings.Join(placeholders, ", "), suggest(name, placeholders))
		}
		switch name {
		case "countries":
			if _, ok := ref.lists[arg]; !ok {
				return t, fmt.Errorf("{countries:%s}: there is no reference list %q%s", arg, arg, suggest(arg, ref.listNames()))
			}
		case "tb_incidence":
			if set.tb == nil {
				return t, fmt.Errorf("{tb_incidence} needs tb_incidence_table: in the rule file")
			}
		}
		t.parts = append(t.parts, tplPart{name: name, arg: arg})
		rest = rest[i+j+1:]
	}
	return t, nil
}

func (t *template) render(st *evalState, set *ruleSet, ref *reference) string {
	if t.parts == nil {
		return t.text
	}
	var b strings.Builder
	b.Grow(len(t.text) + 32)
	for _, p := range t.parts {
		switch p.name {
		case "":
			b.WriteString(p.lit)
		case "age":
			b.WriteString(strconv.Itoa(st.age))
		case "residence_country":
			b.WriteString(orUnknown(st.f.ResidenceCountry))
		case "weight_kg":
			if st.f.WeightKg == nil {
				b.WriteString("not recorded")
			} else {
				var num [24]byte
				b.Write(strconv.AppendFloat(num[:0], *st.f.WeightKg, 'f', -1, 64))
				b.WriteString(" kg")
			}
		case "countries":
			writeCountriesOn(&b, st.f.ResidenceCountry, st.f.CountriesLived, ref.lists[p.arg])
		case "tb_incidence":
			writeIncidence(&b, set.tb, st.f.ResidenceCountry)
		}
	}
	return b.String()
}

func orUnknown(s string) string {
	if s == "" {
		return "not recorded"
	}
	return s
}

// writeCountriesOn writes the applicant's countries that are on l, residence first, without
// repeats, separated by ", ".
func writeCountriesOn(b *strings.Builder, residence string, lived []string, l *countryList) {
	if l == nil {
		return
	}
	first := true
	put := func(c string) {
		if !first {
			b.WriteString(", ")
		}
		b.WriteString(c)
		first = false
	}
	onResidence := l.members[residence]
	if onResidence {
		put(residence)
	}
	for k, c := range lived {
		if !l.members[c] || onResidence && c == residence || contains(lived[:k], c) {
			continue // not on the list, or written already
		}
		put(c)
	}
}

// writeIncidence writes the WHO TB incidence of country with the table's year, or that the table
// does not have it.
func writeIncidence(b *strings.Builder, t *tbTable, country string) {
	if t == nil {
		return
	}
	var num [24]byte
	if v, ok := t.lookup(country); ok {
		b.WriteString(country)
		b.WriteString(": ")
		b.Write(strconv.AppendFloat(num[:0], v, 'f', -1, 64))
		b.WriteString(" per 100 000 (WHO ")
		b.Write(strconv.AppendInt(num[:0], int64(t.info.Year), 10))
		b.WriteString(")")
		return
	}
	b.WriteString(orUnknown(country))
	b.WriteString(": not in the WHO ")
	b.Write(strconv.AppendInt(num[:0], int64(t.info.Year), 10))
	b.WriteString(" table, counted as high burden")
}
