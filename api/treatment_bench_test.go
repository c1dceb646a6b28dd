package api_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/internal/clinictest"
)

// BenchmarkRecordTreatment records one albendazole dose given from a stock batch over HTTP, each
// on its own assessment (load the chart under a row lock, check the batch, count it down, write the
// record and the audit row, answer the chart with its orders and doses).
func BenchmarkRecordTreatment(b *testing.B) {
	st := clinictest.New(b, clinictest.Options{RedisDB: 1})
	ctx := context.Background()
	reg, nurse := st.Actors["registrar"], st.Actors["nurse"]
	ids, versions := make([]string, b.N), make([]int, b.N)
	for i := range ids {
		c, err := clinictest.RegisterGoingOn(ctx, st.Svc, reg, clinic.NewCase{CaseNumber: fmt.Sprintf("TXB-%05d", i), Destination: "US", Program: "refugee",
			Members: []clinic.Applicant{{Surnames: "Mwamba", GivenNames: "Esther", BirthDate: time.Date(1990, 3, 3, 0, 0, 0, 0, time.UTC),
				Sex: "female", ResidenceCountry: "CD"}}})
		if err == nil {
			c, err = st.Svc.QueueCase(ctx, reg, c.ID)
		}
		if err != nil {
			b.Fatal(err)
		}
		st.PassIdentity(b, c.Members[0].AssessmentID, clinic.IDExam)
		ch, err := st.Svc.RecordVitals(ctx, nurse, c.Members[0].AssessmentID, 1, clinic.Vitals{HeightCm: 160, WeightKg: 55})
		if err != nil {
			b.Fatal(err)
		}
		ids[i], versions[i] = ch.Assessment.ID, ch.Assessment.Version
	}
	batch, err := st.Svc.ReceiveBatch(ctx, nurse, clinic.MedicineBatch{Drug: "albendazole", Lot: "BENCH-1", Strength: 400,
		StrengthUnit: "mg", Form: "tablet", ExpiresOn: time.Now().AddDate(1, 0, 0), Received: float64(b.N)})
	if err != nil {
		b.Fatal(err)
	}
	c := st.Login(b, "nurse")
	at := time.Now().UTC().Format(time.RFC3339)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c.Must(200, "POST", "/api/assessments/"+ids[i]+"/treatments", map[string]any{"version": versions[i], "drug": "albendazole",
			"status": "given", "dose_amount": 400, "dose_unit": "mg", "route": "oral", "batch_id": batch.ID, "quantity": 1, "at": at,
			"observed": true}, nil)
	}
}
