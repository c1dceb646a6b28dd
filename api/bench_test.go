package api_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/internal/clinictest"
	"github.com/mhac-clinic/mhac/internal/demo"
)

// seedQueue registers n one-person cases and records history and vitals for every other one, so
// the nurse worklist holds n assessments of which half still need the nurse.
func seedQueue(b *testing.B, st *clinictest.Stack, n int) {
	ctx := context.Background()
	reg, nurse := st.Actors["registrar"], st.Actors["nurse"]
	for i := 0; i < n; i++ {
		c, err := clinictest.RegisterGoingOn(ctx, st.Svc, reg, clinic.NewCase{CaseNumber: fmt.Sprintf("B-%04d", i), Destination: clinic.Destinations[i%4], Program: "refugee",
			Members: []clinic.Applicant{{Surnames: "Habimana", GivenNames: demo.Name(i), BirthDate: time.Date(1960+i%55, time.Month(1+i%12), 1+i%28, 0, 0, 0, 0, time.UTC),
				Sex: []string{"female", "male"}[i%2], ResidenceCountry: "RW", CountriesLived: []string{"CD"}}}})
		if err != nil {
			b.Fatal(err)
		}
		if c, err = st.Svc.QueueCase(ctx, reg, c.ID); err != nil {
			b.Fatal(err)
		}
		if i%2 == 1 {
			id := c.Members[0].AssessmentID
			st.PassIdentity(b, id, clinic.IDHistory, clinic.IDExam)
			ch, err := st.Svc.RecordHistory(ctx, nurse, id, 1, []clinic.HistoryAnswer{{Code: "cough_2_weeks"}}, clinic.Findings{})
			if err == nil {
				_, err = st.Svc.RecordVitals(ctx, nurse, id, ch.Assessment.Version, clinic.Vitals{HeightCm: 170, WeightKg: 60})
			}
			if err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkWorklist serves the nurse worklist over HTTP with 300 people in the queue.
func BenchmarkWorklist(b *testing.B) {
	st := clinictest.New(b, clinictest.Options{RedisDB: 1})
	seedQueue(b, st, 300)
	c := st.Login(b, "nurse")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c.Must(200, "GET", "/api/worklist?station=nurse", nil, nil)
	}
}

// BenchmarkChart serves one chart over HTTP.
func BenchmarkChart(b *testing.B) {
	st := clinictest.New(b, clinictest.Options{RedisDB: 1})
	seedQueue(b, st, 20)
	c := st.Login(b, "physician")
	var wl struct {
		Items []struct {
			AssessmentID string `json:"assessment_id"`
		} `json:"items"`
	}
	c.Must(200, "GET", "/api/worklist?station=physician", nil, &wl)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c.Must(200, "GET", "/api/assessments/"+wl.Items[i%len(wl.Items)].AssessmentID, nil, nil)
	}
}

// BenchmarkKeyedWrite records one test result per iteration over HTTP, without and with an
// Idempotency-Key: the key costs a read before the change, its claim inside the change's
// transaction, and the kept answer after it.
func BenchmarkKeyedWrite(b *testing.B) {
	for _, keyed := range []bool{false, true} {
		b.Run(fmt.Sprintf("keyed=%v", keyed), func(b *testing.B) {
			st := clinictest.New(b, clinictest.Options{RedisDB: 1})
			seedQueue(b, st, 1)
			var wl struct {
				Items []struct {
					AssessmentID string `json:"assessment_id"`
					Version      int    `json:"version"`
				} `json:"items"`
			}
			lab := st.Login(b, "lab")
			lab.Must(200, "GET", "/api/worklist?station=lab", nil, &wl)
			id, version := wl.Items[0].AssessmentID, wl.Items[0].Version
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if keyed {
					lab.Header.Set("Idempotency-Key", fmt.Sprintf("bench-%d", i))
				}
				var ch struct {
					Version int `json:"version"`
				}
				lab.Must(200, "POST", "/api/assessments/"+id+"/results", map[string]any{"version": version, "step": "hiv", "value": "negative"}, &ch)
				version = ch.Version
			}
		})
	}
}
