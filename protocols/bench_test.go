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
// version in force, for an adult refugee with every result recorded.
func BenchmarkEvaluate(b *testing.B) {
	e := engine(b)
	for _, dest := range destinations {
		f := benchFacts(dest)
		b.Run(dest, func(b *testing.B) {
			ctx := context.Background()
			measure(b, func() {
				if _, err := e.Evaluate(ctx, "", f); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
}

// BenchmarkLoad is the start-up cost: read, check, compile and probe every embedded rule file.
func BenchmarkLoad(b *testing.B) {
	measure(b, func() {
		if _, err := Load(); err != nil {
			b.Fatal(err)
		}
	})
}

// BenchmarkDecodeAndEvaluate is what `mhac protocols evaluate --jsonl` does per line.
func BenchmarkDecodeAndEvaluate(b *testing.B) {
	e := engine(b)
	line := []byte(`{"destination":"US","program":"refugee","exam_date":"2026-05-18","birth_date":"2007-01-30","sex":"male","weight_kg":48,"residence_country":"TZ","countries_lived":["CD","TZ"],"results":{"cxr":"normal","syphilis":"nonreactive"}}`)
	measure(b, func() {
		f, err := DecodeFacts(line)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := e.Evaluate(context.Background(), "", f); err != nil {
			b.Fatal(err)
		}
	})
}

// measure runs fn b.N times, reporting allocations and, besides wall time, the process's CPU
// time per operation (cpu-ns/op), which a busy machine does not inflate.
func measure(b *testing.B, fn func()) {
	b.ReportAllocs()
	cpu := processCPU()
	for b.Loop() {
		fn()
	}
	if used := processCPU() - cpu; used > 0 {
		b.ReportMetric(float64(used.Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}
