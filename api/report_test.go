package api_test

import (
	"strings"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/internal/clinictest"
)

// TestTBIndicatorsRoutes: the physician reads their own site's report as JSON, CSV and PDF; an
// administrator names any site; a nurse may not; another site and a bad month are refused.
func TestTBIndicatorsRoutes(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1, Worker: true})
	signOff(t, st, "RW-REP-1")
	month := time.Now().UTC().Format("2006-01")
	doc := st.Login(t, "physician")
	var r struct {
		Site        string   `json:"site"`
		Screened    int      `json:"screened"`
		CXR         int      `json:"cxr"`
		NotRecorded []string `json:"not_recorded"`
	}
	doc.Must(200, "GET", "/api/reports/tb-indicators?month="+month, nil, &r)
	if r.Site != "KGL" || r.Screened != 1 || len(r.NotRecorded) == 0 {
		t.Fatalf("report: %+v", r)
	}
	st.Login(t, "admin").Must(200, "GET", "/api/reports/tb-indicators?site=kgl&month="+month, nil, &r)
	if r.Screened != 1 {
		t.Fatalf("admin's report: %+v", r)
	}
	code, csv := doc.Do("GET", "/api/reports/tb-indicators.csv?month="+month, nil, nil)
	if code != 200 || !strings.Contains(string(csv), "screened,,1\n") {
		t.Fatalf("csv: %d %s", code, csv)
	}
	code, pdf := doc.Do("GET", "/api/reports/tb-indicators.pdf?month="+month, nil, nil)
	if code != 200 || !strings.HasPrefix(string(pdf), "%PDF-") || !strings.Contains(pdfText(t, pdf), "People screened") {
		t.Fatalf("pdf: %d", code)
	}
	st.Login(t, "nurse").Must(403, "GET", "/api/reports/tb-indicators?month="+month, nil, nil)
	doc.Must(403, "GET", "/api/reports/tb-indicators?site=NBO&month="+month, nil, nil)
	st.Login(t, "admin").Must(404, "GET", "/api/reports/tb-indicators?site=NOPE&month="+month, nil, nil)
	if code, raw := doc.Do("GET", "/api/reports/tb-indicators?month=2026-13", nil, nil); code != 422 || !strings.Contains(string(raw), `"month"`) {
		t.Fatalf("a bad month: %d %s", code, raw)
	}
}
