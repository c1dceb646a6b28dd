package protocols

import (
	"time"

	"cel.dev/cel-go/common/types/ref"

	"github.com/mhac-clinic/mhac/clinic"
)

// probe is a synthetic applicant every condition is run against at load, so that a condition
// that would fail at run time (a missing number compared without a null check, say) fails at load.
type probe struct {
	what  string
	facts clinic.Facts
}

func probes(country, program string) []probe {
	exam := time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)
	one := 1.0
	base := clinic.Facts{Destination: country, Program: program, ExamDate: exam, BirthDate: exam.AddDate(-30, 0, 0)}
	full := base
	full.WeightKg = &one
	full.ResidenceCountry, full.CountriesLived = "RW", []string{"CD", "RW"}
	full.Results = clinic.Results{CXR: "normal", IGRA: "positive", TSTmm: &one,
		SputumSmears: []string{"negative", "negative", "negative"}, SputumCultures: []string{"negative", "negative", "pending"},
		MTBNAAT: "not_detected", Syphilis: "reactive", Gonorrhea: "negative", HIV: "negative", HBsAg: "negative",
		Urinalysis: "normal", CreatinineUmolL: &one, EGFR: &one, HbA1cMmolMol: &one, DST: "susceptible", HCV: "negative",
		SputumCollected: exam}
	full.Citizenships, full.Occupation, full.IMEType = []string{"RW"}, "health_worker", "full"
	full.Stays = []clinic.Stay{{Country: "KE", From: exam.AddDate(-2, 0, 0), To: exam.AddDate(-1, 0, 0)}, {Country: "RW", From: exam.AddDate(-1, 0, 0)}}
	full.PreviousCXRDate, full.PlannedDeparture = exam.AddDate(-1, 0, 0), exam.AddDate(0, 1, 0)
	out := []probe{
		{"with no result recorded", base},
		{"with every result recorded", full},
	}
	newborn := base
	newborn.BirthDate = exam
	out = append(out, probe{"for a newborn with no result recorded", newborn})
	for _, missing := range []struct {
		name  string
		clear func(*clinic.Facts)
	}{
		{"weight_kg", func(f *clinic.Facts) { f.WeightKg = nil }},
		{"results.tst_mm", func(f *clinic.Facts) { f.Results.TSTmm = nil }},
		{"results.creatinine_umol_l", func(f *clinic.Facts) { f.Results.CreatinineUmolL = nil }},
		{"results.egfr", func(f *clinic.Facts) { f.Results.EGFR = nil }},
		{"results.hba1c_mmol_mol", func(f *clinic.Facts) { f.Results.HbA1cMmolMol = nil }},
		{"previous_cxr_date", func(f *clinic.Facts) { f.PreviousCXRDate = time.Time{} }},
	} {
		f := full
		missing.clear(&f)
		out = append(out, probe{"with every result recorded but " + missing.name, f})
	}
	return out
}

func (b *builder) probe() {
	s := b.set
	program := "refugee"
	if len(s.programs) > 0 {
		program = s.programs[0]
	}
	failed := map[string]bool{}
	for _, p := range probes(s.country, program) {
		f := p.facts
		st := newEvalState(&f)
		act := &activation{st: &st, set: s, vals: make([]ref.Val, len(s.names))}
		for i, d := range s.defs {
			if _, err := asValue(d.eval(act)); err != nil && !failed[d.name] {
				failed[d.name] = true
				b.fail(b.pos.definition(i).line, "", "definition %s fails %s: %v", d.name, p.what, err)
			}
		}
		for _, r := range s.rules {
			if _, err := r.c.check(act); err != nil && !failed[r.id] {
				failed[r.id] = true
				b.fail(r.line, r.id, "the condition fails %s: %v (guard a missing number with `!= null &&`)", p.what, err)
			}
		}
	}
}

func asValue(v ref.Val) (ref.Val, error) {
	if err, ok := v.(interface{ error }); ok {
		return nil, err
	}
	return v, nil
}
