package postgres_test

import (
	"context"
	_ "embed"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/clinic/postgres/pgtest"
	"gorm.io/gorm"
)

//go:embed testdata/report_fixture.sql
var reportFixture string

func f64(v float64) *float64 { return &v }

func nov(d int) time.Time { return time.Date(2026, 11, d, 0, 0, 0, 0, time.UTC) }

// TestTBIndicators counts November 2026 at KGL from the fixture; each wanted number is worked out
// by hand from the fixture's comments. Records of another site, of October's exams, and those
// that fall on 1 December in Kigali's time (though still 30 November in UTC) do not count.
func TestTBIndicators(t *testing.T) {
	ctx := context.Background()
	s := pgtest.NewStore(t)
	loadFixture(t, s.DB().WithContext(ctx), reportFixture)
	kigali, err := time.LoadLocation("Africa/Kigali")
	if err != nil {
		t.Fatal(err)
	}
	var got clinic.TBIndicators
	err = s.Tx(ctx, func(tx clinic.Tx) error {
		got, err = tx.TBIndicators(ctx, clinic.ReportQuery{SiteID: "00000000-0000-0000-0000-0000000000a1",
			From: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), Zone: kigali})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	want := clinic.TBIndicators{
		Screened:        5, // a1–a5 (a6 examined in October, a7 another site, a8 in December)
		ByAge:           []clinic.Count{{Key: "under_2", N: 1}, {Key: "2_14", N: 1}, {Key: "15_plus", N: 3}},
		ByDestination:   []clinic.Count{{Key: "CA", N: 1}, {Key: "US", N: 4}},
		CXR:             4, // studies final for a1, a2, a4; a5's typed result (a3's study is not read)
		CXRSuggestive:   1, // a2's study
		SputumCollected: 3, // a2 (typed), a3 and a5 (specimens); a4's only specimen was rejected
		SmearPositive:   2, // a2 (typed), a3 (the lab)
		CulturePositive: 2, // a2 (typed), a3 (the lab); a5's positive culture was amended to negative
		DrugResistant:   2, // a2 (typed), a3 (the lab)
		TBDisease:       2, // a2 (culture-positive and Class A), a3 (culture-positive)
		ClassB:          []clinic.Count{{Key: "class_b1_tb_pulmonary", N: 1}, {Key: "class_b2_ltbi", N: 1}, {Key: "class_b_other", N: 1}},
		// a2 14 days (typed), a5 20 days and a3 21 days (the lab; a5's typed 22 days give way):
		// median 20; p90 = 20 + 0.8 × 1.
		CultureDays:  clinic.Spread{N: 3, Median: f64(20), P90: f64(20.8)},
		DOTCompleted: 1, // a2's course, completed on 20 November
		Throughput: []clinic.StationDay{
			{Station: "physician", Day: nov(1), N: 1}, {Station: "pec", Day: nov(2), N: 1},
			{Station: "nurse", Day: nov(5), N: 1}, {Station: "radiology", Day: nov(5), N: 2}, {Station: "registration", Day: nov(5), N: 2},
			{Station: "lab", Day: nov(6), N: 1}, {Station: "physician", Day: nov(6), N: 1}, {Station: "radiology", Day: nov(6), N: 1},
			{Station: "pec", Day: nov(7), N: 1}, {Station: "registration", Day: nov(10), N: 1}, {Station: "lab", Day: nov(11), N: 1},
			{Station: "registration", Day: nov(12), N: 1},
			{Station: "radiology", Day: nov(14), N: 1}, {Station: "registration", Day: nov(14), N: 1}, {Station: "lab", Day: nov(15), N: 1},
			{Station: "lab", Day: nov(20), N: 1}, {Station: "lab", Day: nov(25), N: 1}, {Station: "physician", Day: nov(29), N: 1},
			{Station: "pec", Day: nov(30), N: 1},
		},
		// a6 23 h, a1 26 h, a5 350.5 h (a2 signed on 1 December in Kigali): p90 = 26 + 0.8 × 324.5.
		SignoffHours: clinic.Spread{N: 3, Median: f64(26), P90: f64(285.6)},
		// X-ray order → final report: a1 1 h, a4 3 h, a2 24 h (a8's is final on 1 December in
		// Kigali): p90 = 3 + 0.8 × 21.
		CXRReportHours: clinic.Spread{N: 3, Median: f64(3), P90: f64(19.8)},
		FormsIssued:    []clinic.Count{{Key: "DS-2054", N: 2}, {Key: "MEDIF", N: 1}, {Key: "PEC", N: 1}},
		PECOutcomes:    []clinic.Count{{Key: "fit", N: 1}, {Key: "fit_with_assistance", N: 1}, {Key: "not_fit", N: 1}},
	}
	for i := range got.Throughput {
		d := got.Throughput[i].Day
		got.Throughput[i].Day = time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
	}
	round := func(p *float64) {
		if p != nil {
			*p = float64(int64(*p*1000+0.5)) / 1000
		}
	}
	for _, sp := range []*clinic.Spread{&got.CultureDays, &got.SignoffHours, &got.CXRReportHours} {
		round(sp.Median)
		round(sp.P90)
	}
	g, _ := json.MarshalIndent(got, "", " ")
	w, _ := json.MarshalIndent(want, "", " ")
	if string(g) != string(w) {
		t.Fatalf("got\n%s\nwant\n%s", g, w)
	}
}

// loadFixture runs a SQL file one statement at a time, leaving out its comment lines.
func loadFixture(t *testing.T, db *gorm.DB, sql string) {
	t.Helper()
	var lines []string
	for _, l := range strings.Split(sql, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(l), "--") {
			lines = append(lines, l)
		}
	}
	for _, stmt := range strings.Split(strings.Join(lines, "\n"), ";\n") {
		if strings.TrimSpace(stmt) == "" {
			continue
		}
		if err := db.Exec(stmt).Error; err != nil {
			t.Fatalf("%v\n%s", err, stmt)
		}
	}
}
