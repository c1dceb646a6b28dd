package api_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/internal/clinictest"
)

// BenchmarkLabWorklist reads the first page (50 orders, oldest first) of a site's lab worklist
// with 5,000 open orders over HTTP: the orders, their people with whether each has a photo, their
// specimens, and the audit row. The orders are the real orders of 100 queued refugees with a
// cough (syphilis, sputum smears, cultures and molecular test: 400 orders), each repeated in SQL
// to make 5,000.
func BenchmarkLabWorklist(b *testing.B) {
	st := clinictest.New(b, clinictest.Options{RedisDB: 1})
	ctx := context.Background()
	reg, nurse := st.Actors["registrar"], st.Actors["nurse"]
	for i := 0; i < 100; i++ {
		c, err := st.Svc.RegisterCase(ctx, reg, clinic.NewCase{CaseNumber: fmt.Sprintf("LWB-%05d", i), Destination: "US", Program: "refugee",
			Members: []clinic.Applicant{{Surnames: "Habimana", GivenNames: "Jean", BirthDate: time.Date(1990, 3, 3, 0, 0, 0, 0, time.UTC),
				Sex: "male", ResidenceCountry: "RW"}}})
		if err == nil {
			c, err = st.Svc.QueueCase(ctx, reg, c.ID)
		}
		if err == nil {
			_, err = st.Svc.RecordHistory(ctx, nurse, c.Members[0].AssessmentID, 1, []clinic.HistoryAnswer{{Code: "cough_2_weeks", Yes: true, Details: "weeks"}}, clinic.Findings{})
		}
		if err != nil {
			b.Fatal(err)
		}
	}
	db := st.Store.DB()
	var n int64
	if err := db.Raw("SELECT count(*) FROM lab_orders WHERE status = 'open'").Scan(&n).Error; err != nil || n != 400 {
		b.Fatalf("%d real orders (%v), want 400", n, err)
	}
	if err := db.Exec(`INSERT INTO lab_orders (id, site_id, assessment_id, applicant_id, step, test, specimen, rule, reason, source,
		ordered_by, ordered_name, ordered_at, status, updated_at)
		SELECT gen_random_uuid(), site_id, assessment_id, applicant_id, step, test, specimen, rule, reason, source, ordered_by,
		ordered_name, ordered_at + g * interval '1 second', status, updated_at
		FROM lab_orders, generate_series(1, 12) AS g WHERE status = 'open' LIMIT 4600`).Error; err != nil {
		b.Fatal(err)
	}
	if err := db.Raw("SELECT count(*) FROM lab_orders WHERE status = 'open'").Scan(&n).Error; err != nil || n != 5000 {
		b.Fatalf("%d open orders (%v), want 5000", n, err)
	}
	c := st.Login(b, "lab")
	var page listOut[labWorkOut]
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c.Must(200, "GET", "/api/lab/worklist?limit=50", nil, &page)
	}
	b.StopTimer()
	if len(page.Items) != 50 || page.Next == "" {
		b.Fatalf("page of %d, next %q", len(page.Items), page.Next)
	}
}
