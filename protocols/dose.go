package protocols

import (
	"fmt"
	"math"
	"strings"

	"github.com/mhac-clinic/mhac/clinic"
)

// Dose tables: rules/reference/*.yaml of kind dose_table give, for each drug a rule may treat
// with, the dose by age and weight band. The evaluation attaches the dose for the applicant to
// each treatment it recommends; the clinic shows it as the order and the nurse records what was
// given.

type doseDrugYAML struct {
	Drug       string         `yaml:"drug"`
	Route      string         `yaml:"route"`
	Unit       string         `yaml:"unit"`
	Doses      int            `yaml:"doses"`
	Schedule   string         `yaml:"schedule"`
	ScheduleFR string         `yaml:"schedule_fr"`
	Bands      []doseBandYAML `yaml:"bands"`
}

type doseBandYAML struct {
	AgeMonthsMin   *int     `yaml:"age_months_min"`
	AgeMonthsBelow *int     `yaml:"age_months_below"`
	WeightMin      *float64 `yaml:"weight_min"`
	WeightBelow    *float64 `yaml:"weight_below"`
	Amount         float64  `yaml:"amount"`   // a fixed dose in the drug's unit
	PerKg          float64  `yaml:"per_kg"`   // or a dose per kg of body weight
	RoundTo        float64  `yaml:"round_to"` // per_kg doses: to the nearest multiple
}

type doseDrug struct {
	y     doseDrugYAML
	basis []string // bandWords of each of y.Bands, said once at load
	table string
	src   clinic.Source
}

var doseUnits = []string{"mg", "tablet"}

func (ref *reference) loadDoseTable(file string, y referenceYAML, info RefInfo, errs *LoadErrors) {
	if len(y.Drugs) == 0 {
		errs.add(file, 0, "", "a dose_table needs drugs")
	}
	for _, d := range y.Drugs {
		if msg := checkDoseDrug(d); msg != "" {
			errs.add(file, 0, "", "drug %q: %s", d.Drug, msg)
			continue
		}
		if prev, dup := ref.doses[d.Drug]; dup {
			errs.add(file, 0, "", "drug %q already has doses in %s", d.Drug, prev.table)
			continue
		}
		basis := make([]string, len(d.Bands))
		for i, b := range d.Bands {
			basis[i] = bandWords(b)
		}
		ref.doses[d.Drug] = &doseDrug{y: d, basis: basis, table: y.Name, src: info.Source.clinic()}
	}
	info.Entries = len(y.Drugs)
	ref.doseInfo = append(ref.doseInfo, info)
}

func checkDoseDrug(d doseDrugYAML) string {
	switch {
	case !identRE.MatchString(d.Drug):
		return "drug must be a lower-case identifier"
	case d.Route == "":
		return "route is missing"
	case !contains(doseUnits, d.Unit):
		return "unit must be one of " + strings.Join(doseUnits, ", ")
	case d.Doses < 1:
		return "doses (administrations in the course) must be 1 or more"
	case d.Schedule == "" || d.ScheduleFR == "":
		return "schedule and schedule_fr are needed"
	case len(d.Bands) == 0:
		return "bands are missing"
	}
	for i, b := range d.Bands {
		if (b.Amount > 0) == (b.PerKg > 0) {
			return fmt.Sprintf("band %d: give exactly one of amount and per_kg", i+1)
		}
		if b.PerKg > 0 && b.WeightMin == nil {
			return fmt.Sprintf("band %d: a per_kg dose needs weight_min", i+1)
		}
		if b.RoundTo < 0 {
			return fmt.Sprintf("band %d: round_to must not be negative", i+1)
		}
		if b.AgeMonthsMin == nil && b.AgeMonthsBelow == nil && b.WeightMin == nil && b.WeightBelow == nil {
			return fmt.Sprintf("band %d: name an age or weight range", i+1)
		}
	}
	return ""
}

// dose is the dose of drug for an applicant of ageMonths and weight (nil when not measured), or
// why there is none.
func (ref *reference) dose(drug string, ageMonths int, weight *float64) (*clinic.TreatmentDose, string) {
	d, ok := ref.doses[drug]
	if !ok {
		return nil, "No dose table names " + drug + "."
	}
	needWeight := false
	for i := range d.y.Bands {
		b := &d.y.Bands[i]
		if b.AgeMonthsMin != nil && ageMonths < *b.AgeMonthsMin || b.AgeMonthsBelow != nil && ageMonths >= *b.AgeMonthsBelow {
			continue
		}
		if b.WeightMin != nil || b.WeightBelow != nil {
			if weight == nil {
				needWeight = true
				continue
			}
			if b.WeightMin != nil && *weight < *b.WeightMin || b.WeightBelow != nil && *weight >= *b.WeightBelow {
				continue
			}
		}
		amount := b.Amount
		if b.PerKg > 0 {
			amount = b.PerKg * *weight
			if b.RoundTo > 0 {
				amount = math.Round(amount/b.RoundTo) * b.RoundTo
			}
		}
		return &clinic.TreatmentDose{Amount: amount, Unit: d.y.Unit, Route: d.y.Route, Doses: d.y.Doses,
			Schedule: d.y.Schedule, ScheduleFR: d.y.ScheduleFR, Basis: d.basis[i], Table: d.table, Source: d.src}, ""
	}
	if needWeight {
		return nil, "The weight is not recorded; the dose of " + drug + " depends on it."
	}
	return nil, "The dose table has no dose of " + drug + " for this age and weight."
}

// bandWords says which band gave a dose, e.g. "age 24 months or more; weight 36 to under 51 kg".
func bandWords(b doseBandYAML) string {
	var parts []string
	switch {
	case b.AgeMonthsMin != nil && b.AgeMonthsBelow != nil:
		parts = append(parts, fmt.Sprintf("age %d to under %d months", *b.AgeMonthsMin, *b.AgeMonthsBelow))
	case b.AgeMonthsMin != nil:
		parts = append(parts, fmt.Sprintf("age %d months or more", *b.AgeMonthsMin))
	case b.AgeMonthsBelow != nil:
		parts = append(parts, fmt.Sprintf("age under %d months", *b.AgeMonthsBelow))
	}
	switch {
	case b.WeightMin != nil && b.WeightBelow != nil:
		parts = append(parts, fmt.Sprintf("weight %g to under %g kg", *b.WeightMin, *b.WeightBelow))
	case b.WeightMin != nil:
		parts = append(parts, fmt.Sprintf("weight %g kg or more", *b.WeightMin))
	case b.WeightBelow != nil:
		parts = append(parts, fmt.Sprintf("weight under %g kg", *b.WeightBelow))
	}
	if b.PerKg > 0 {
		parts = append(parts, fmt.Sprintf("%g per kg", b.PerKg))
	}
	return strings.Join(parts, "; ")
}
