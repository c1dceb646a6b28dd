package protocols

import (
	"context"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

// benchFacts is a full applicant for each destination: adult refugee (temporary is not a US
// program), every result present, so every rule and definition is evaluated. The exam is on
// 2026-12-03 (the 2026-12-01 versions) with the 2026-12 facts too: citizenship, stays, a flight
// and a PEC done; benchFactsBefore is the same person on 2026-11-23 (the earlier versions).
func benchFacts(dest string) clinic.Facts {
	f := benchFactsBefore(dest)
	f.ExamDate = time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC)
	f.Citizenships = []string{"CD"}
	f.Stays = []clinic.Stay{{Country: "KE", From: time.Date(2023, 1, 10, 0, 0, 0, 0, time.UTC), To: time.Date(2023, 6, 9, 0, 0, 0, 0, time.UTC)},
		{Country: "RW", From: time.Date(2023, 6, 10, 0, 0, 0, 0, time.UTC)}}
	f.PreviousCXRDate = time.Date(2025, 1, 15, 0, 0, 0, 0, time.UTC)
	f.PlannedDeparture = time.Date(2027, 2, 10, 6, 30, 0, 0, time.FixedZone("EAT", 3*3600))
	f.DepartureChecksDone = []clinic.DepartureCheckDone{{Check: "pre_embarkation_check", At: f.PlannedDeparture.Add(-30 * time.Hour)}}
	f.Results.SputumCollected = time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC)
	return f
}

func benchFactsBefore(dest string) clinic.Facts {
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

// BenchmarkEvaluateBefore is the same evaluation under the versions in force before 2026-12-01.
func BenchmarkEvaluateBefore(b *testing.B) {
	e := engine(b)
	for _, dest := range destinations {
		f := benchFactsBefore(dest)
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
