package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/mhac-clinic/mhac/api"
	"github.com/mhac-clinic/mhac/internal/clinictest"
)

// TestReportTBIndicators runs `mhac report tb-indicators` on the demo clinic's signed people:
// JSON and CSV count them; a physician may not name another site; bad arguments are refused.
func TestReportTBIndicators(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 15, Worker: true})
	people := clinictest.SignDemo(t, st)
	ctx := context.Background()
	month := st.Svc.Now().Format("2006-01")
	site := "KGL" // the demo site (clinictest seeds its users there)
	var out bytes.Buffer
	if err := reportTBIndicators(ctx, st.Svc, []string{"--site", site, "--month", month}, &out, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	var r api.TBIndicatorsJSON
	if err := json.Unmarshal(out.Bytes(), &r); err != nil {
		t.Fatal(err)
	}
	if r.Screened != len(people) || r.Site != site || r.Month != month || r.SignoffHours.N != len(people) {
		t.Fatalf("report: %+v, want %d screened and signed", r, len(people))
	}
	out.Reset()
	if err := reportTBIndicators(ctx, st.Svc, []string{"--site", site, "--month", month, "--format", "csv", "--as", "physician"}, &out, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out.String(), "indicator,key,value\n") || !strings.Contains(out.String(), "screened,,"+strconv.Itoa(len(people))+"\n") {
		t.Fatalf("csv:\n%s", out.String())
	}
	if err := reportTBIndicators(ctx, st.Svc, []string{"--site", "ZZZ", "--month", month, "--as", "physician"}, &out, &bytes.Buffer{}); err == nil ||
		!strings.Contains(err.Error(), "own site") {
		t.Errorf("a physician naming another site: %v", err)
	}
	if err := reportTBIndicators(ctx, st.Svc, []string{"--site", site, "--month", "2026-13"}, &out, &bytes.Buffer{}); err == nil {
		t.Error("month 13 accepted")
	}
	for _, args := range [][]string{{"--month", month}, {"--site", site}, {"--site", site, "--month", month, "--format", "xml"}} {
		if err := reportTBIndicators(ctx, st.Svc, args, &bytes.Buffer{}, &bytes.Buffer{}); err != errUsage {
			t.Errorf("%v: %v, want the usage", args, err)
		}
	}
}
