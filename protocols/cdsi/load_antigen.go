package cdsi

import (
	"fmt"
	"strings"
	"time"
)

// parser collects the first error while turning the XML's text into spans, dates and numbers,
// so that the builders below read as a plain list of fields.
type parser struct{ err error }

func (p *parser) span(s string) Span {
	sp, err := ParseSpan(s)
	if err != nil && p.err == nil {
		p.err = err
	}
	return sp
}

func (p *parser) date(s string, def time.Time) time.Time {
	d, err := parseDataDate(s, def)
	if err != nil && p.err == nil {
		p.err = fmt.Errorf("date %q: %w", s, err)
	}
	return d
}

func (p *parser) int(s string, def int) int {
	n, err := atoiOr(s, def)
	if err != nil && p.err == nil {
		p.err = fmt.Errorf("number %q: %w", s, err)
	}
	return n
}

func buildAntigen(xa *xmlAntigen) (*Antigen, error) {
	var p parser
	a := &Antigen{}
	for _, c := range xa.Immunity.Clinical {
		a.Immunity.ClinicalCodes = append(a.Immunity.ClinicalCodes, strings.TrimSpace(c.Code))
	}
	for _, b := range xa.Immunity.BirthDates {
		bi := BirthImmunity{Before: p.date(b.Date, maxDate), Country: strings.TrimSpace(b.Country)}
		for _, e := range b.Exclusion {
			bi.Exclusions = append(bi.Exclusions, strings.TrimSpace(e.Code))
		}
		a.Immunity.BirthDates = append(a.Immunity.BirthDates, bi)
	}
	for _, c := range xa.Contraindications.Group {
		a.GroupContras = append(a.GroupContras, Contraindication{Code: strings.TrimSpace(c.Code), Title: c.Title,
			Text: c.Text, BeginAge: p.span(c.BeginAge), EndAge: p.span(c.EndAge)})
	}
	for _, c := range xa.Contraindications.Vaccine {
		vc := VaccineContraindication{Code: strings.TrimSpace(c.Code), Title: c.Title, Text: c.Text}
		for _, v := range c.Vaccines {
			vc.Vaccines = append(vc.Vaccines, ContraVaccine{CVX: normCVX(v.CVX), BeginAge: p.span(v.BeginAge), EndAge: p.span(v.EndAge)})
		}
		a.VaccineContra = append(a.VaccineContra, vc)
	}
	if p.err != nil {
		return nil, p.err
	}
	for i := range xa.Series {
		s, err := buildSeries(&xa.Series[i])
		if err != nil {
			return nil, fmt.Errorf("series %q: %w", xa.Series[i].Name, err)
		}
		if a.Name == "" {
			a.Name = s.TargetDisease
		} else if a.Name != s.TargetDisease {
			return nil, fmt.Errorf("series %q targets %q, file is for %q", s.Name, s.TargetDisease, a.Name)
		}
		a.Series = append(a.Series, s)
	}
	if a.Name == "" {
		return nil, fmt.Errorf("no series")
	}
	return a, nil
}

func buildSeries(xs *xmlSeries) (*Series, error) {
	var p parser
	s := &Series{
		Name: strings.TrimSpace(xs.Name), TargetDisease: strings.TrimSpace(xs.TargetDisease),
		VaccineGroup: strings.TrimSpace(xs.VaccineGroup), Type: strings.TrimSpace(xs.Type),
		Default: yes(xs.Select.Default), ProductPath: yes(xs.Select.Product),
		GroupName: strings.TrimSpace(xs.Select.GroupName), Group: strings.TrimSpace(xs.Select.Group),
		Priority: strings.TrimSpace(xs.Select.Priority), Preference: p.int(xs.Select.Preference, 99),
		MinAgeToStart: p.span(xs.Select.MinAge), MaxAgeToStart: p.span(xs.Select.MaxAge),
	}
	for _, g := range xs.Guidance {
		if g = strings.TrimSpace(g); g != "" {
			s.Guidance = append(s.Guidance, g)
		}
	}
	for _, e := range strings.Split(xs.Equivalent, ";") {
		if e = strings.TrimSpace(e); e != "" {
			s.EquivalentGroups = append(s.EquivalentGroups, e)
		}
	}
	for _, g := range xs.Genders {
		if g = strings.TrimSpace(g); g != "" {
			s.Genders = append(s.Genders, g)
		}
	}
	switch s.Type {
	case "Standard", "Risk", "Evaluation Only":
	default:
		return nil, fmt.Errorf("unknown series type %q", s.Type)
	}
	for _, in := range xs.Indications {
		s.Indications = append(s.Indications, Indication{Code: strings.TrimSpace(in.Code.Code), Text: in.Code.Text,
			Description: in.Description, Guidance: in.Guidance, BeginAge: p.span(in.BeginAge), EndAge: p.span(in.EndAge)})
	}
	if p.err != nil {
		return nil, p.err
	}
	for i := range xs.Doses {
		d, err := buildDose(&xs.Doses[i])
		if err != nil {
			return nil, fmt.Errorf("%s: %w", xs.Doses[i].Number, err)
		}
		s.Doses = append(s.Doses, d)
	}
	if len(s.Doses) == 0 {
		return nil, fmt.Errorf("no series doses")
	}
	return s, nil
}

func buildDose(xd *xmlDose) (*SeriesDose, error) {
	var p parser
	d := &SeriesDose{Number: strings.TrimSpace(xd.Number), Recurring: yes(xd.Recurring)}
	for _, a := range xd.Ages {
		d.Ages = append(d.Ages, AgeRule{AbsMin: p.span(a.AbsMin), Min: p.span(a.Min), EarliestRec: p.span(a.EarliestR),
			LatestRec: p.span(a.LatestR), Max: p.span(a.Max), Effective: p.date(a.Effective, minDate), Cessation: p.date(a.Cessation, maxDate)})
	}
	d.Intervals = p.intervals(xd.Intervals)
	d.Allowables = p.intervals(xd.Allowables)
	d.Preferable = p.vaccines(xd.Preferable)
	d.Allowable = p.vaccines(xd.Allowable)
	for _, v := range xd.Inadvert {
		if c := normCVX(v.CVX); c != "" {
			d.Inadvertent = append(d.Inadvertent, c)
		}
	}
	for _, sk := range xd.Skips {
		cs := ConditionalSkip{Context: strings.TrimSpace(sk.Context), SetLogic: strings.ToUpper(strings.TrimSpace(sk.SetLogic))}
		for _, st := range sk.Sets {
			set := SkipSet{ID: st.ID, Description: st.Description, Logic: strings.ToUpper(strings.TrimSpace(st.Logic)),
				Effective: p.date(st.Effective, minDate), Cessation: p.date(st.Cessation, maxDate)}
			for _, c := range st.Conditions {
				set.Conditions = append(set.Conditions, SkipCondition{
					Type:      strings.ToLower(strings.TrimSpace(c.Type)),
					StartDate: p.date(c.StartDate, minDate), EndDate: p.date(c.EndDate, maxDate),
					BeginAge: p.span(c.BeginAge), EndAge: p.span(c.EndAge), Interval: p.span(c.Interval),
					DoseCount: p.int(c.DoseCount, 0), DoseType: strings.ToLower(strings.TrimSpace(c.DoseType)),
					CountLogic:   strings.ToLower(strings.TrimSpace(c.CountLogic)),
					VaccineTypes: splitCodes(c.Vaccines), SeriesGroups: splitList(c.Groups),
				})
			}
			cs.Sets = append(cs.Sets, set)
		}
		d.Skips = append(d.Skips, cs)
	}
	if xd.Season.Start != "" || xd.Season.End != "" {
		d.Season = &Season{Start: p.date(xd.Season.Start, minDate), End: p.date(xd.Season.End, maxDate)}
	}
	return d, p.err
}

func (p *parser) intervals(xs []xmlInterval) []Interval {
	var out []Interval
	for _, x := range xs {
		if x.FromPrevious == "" && x.FromTargetDose == "" && x.FromMostRecent == "" && x.FromObs.Code == "" && x.AbsMin == "" && x.Min == "" {
			continue // an empty <allowableInterval/> element
		}
		out = append(out, Interval{
			FromPrevious: yes(x.FromPrevious), FromTargetDose: p.int(x.FromTargetDose, 0),
			FromMostRecent: splitCodes(x.FromMostRecent), FromObsCode: strings.TrimSpace(x.FromObs.Code),
			AbsMin: p.span(x.AbsMin), Min: p.span(x.Min), EarliestRec: p.span(x.EarliestR), LatestRec: p.span(x.LatestR),
			Priority:  strings.TrimSpace(x.Priority) != "",
			Effective: p.date(x.Effective, minDate), Cessation: p.date(x.Cessation, maxDate),
		})
	}
	return out
}

func (p *parser) vaccines(xs []xmlVaccine) []VaccineRule {
	var out []VaccineRule
	for _, x := range xs {
		if strings.TrimSpace(x.CVX) == "" {
			continue
		}
		out = append(out, VaccineRule{Type: strings.TrimSpace(x.Type), CVX: normCVX(x.CVX), TradeName: strings.TrimSpace(x.Trade),
			MVX: strings.TrimSpace(x.MVX), BeginAge: p.span(x.BeginAge), EndAge: p.span(x.EndAge),
			Volume: strings.TrimSpace(x.Volume), Forecast: yes(x.Forecast)})
	}
	return out
}

func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ";") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}
