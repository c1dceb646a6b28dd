package protocols

import (
	"context"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

// benchFacts is a full applicant for each destination: adult refugee (temporary is not a US
// program), every result present, so every rule and definition is evaluated.
func benchFacts(dest string) clinic.Facts {
	w, tst, egfr, hba1c, cr := 61.5, 4.0, 95.0, 38.0, 70.0
	return clinic.Facts{
		Destination: dest, Program: "refugee",
		ExamDate:  time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC),
		BirthDate: time.Date(2001, 2, 14, 0, 0, 0, 0, time.UTC),
		Sex:       "female", WeightKg: &w, ResidenceCountry: "RW", CountriesLived: []string{"CD", "RW"},
		Findings: clinic.Findings{TBContact: true},
		Results: clinic.Results{CXR: "suggestive_of_tb", IGRA: "positive", TSTmm: &tst,
			SputumSmears: []string{"negative", "negative", "negative"}, SputumCultures: []string{"negative", "negative", "pending"},
			MTBNAAT: "not_detected", Syphilis: "nonreactive", Gonorrhea: "negative", HIV: "negative", HBsAg: "negative",
			Urinalysis: "normal", CreatinineUmolL: &cr, EGFR: &egfr, HbA1cMmolMol: &hba1c},
	}
}

// BenchmarkEvaluate is one full evaluation: every rule and definition of the destination's
// version in force, for an adult refugee with every result recorded. Besides ns/op it reports
// cpu-ns/op, the process's CPU time per evaluation, which a busy machine does not inflate.
func BenchmarkEvaluate(b *testing.B) {
	e := engine(b)
	for _, dest := range destinations {
		f := benchFacts(dest)
		b.Run(dest, func(b *testing.B) {
			ctx := context.Background()
			b.ReportAllocs()
			cpu := processCPU()
			for b.Loop() {
				if _, err := e.Evaluate(ctx, "", f); err != nil {
					b.Fatal(err)
				}
			}
			if used := processCPU() - cpu; used > 0 {
				b.ReportMetric(float64(used.Nanoseconds())/float64(b.N), "cpu-ns/op")
			}
		})
	}
}
