package api_test

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/internal/clinictest"
)

// TestRangeZipNewSinceLastDownload: the panel's ZIP of a range of departure dates holds the
// current forms of the people departing in it, none of those departing outside it; asked again
// for what is new since the last download of the same range it is empty, while another range
// still holds them. Bad ranges are refused with the field named; each download is audited.
func TestRangeZipNewSinceLastDownload(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1, Worker: true})
	ch := signedAdult(t, st, "RW-RZIP-1")
	cw := st.Login(t, "caseworker")
	var cs caseOut
	caseID := caseIDOf(t, st, "RW-RZIP-1")
	cw.Must(200, "GET", "/api/cases/"+caseID, nil, &cs)
	today := time.Now().UTC()
	day := func(n int) string { return today.AddDate(0, 0, n).Format(time.DateOnly) }
	cw.Must(200, "PUT", "/api/cases/"+caseID+"/flight", map[string]any{"flight_number": "ET813", "departure_date": day(9), "version": cs.Version}, nil)
	us := st.Login(t, "panel.us")
	entries := func(query string) []string {
		t.Helper()
		raw := us.Must(200, "GET", "/api/panel/forms.zip?"+query, nil, nil)
		zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
		if err != nil {
			t.Fatalf("%s: not a ZIP: %v", query, err)
		}
		var names []string
		for _, f := range zr.File {
			names = append(names, f.Name)
		}
		return names
	}
	all := entries("from=" + day(9) + "&to=" + day(9))
	if len(all) != len(ch.Forms) || len(all) == 0 || !strings.HasPrefix(all[0], "RW-RZIP-1_") {
		t.Fatalf("the range ZIP holds %v, want the %d forms", all, len(ch.Forms))
	}
	if before := entries("from=" + day(0) + "&to=" + day(8)); len(before) != 0 {
		t.Fatalf("a range ending the day before the flight holds %v", before)
	}
	if again := entries("from=" + day(9) + "&to=" + day(9) + "&new=1"); len(again) != 0 {
		t.Fatalf("nothing is new since the last download of the range, got %v", again)
	}
	if other := entries("from=" + day(1) + "&to=" + day(30) + "&new=1"); len(other) != len(all) {
		t.Fatalf("a range never downloaded holds %v, want %d forms", other, len(all))
	}
	if code, raw := us.Do("GET", "/api/panel/forms.zip?from="+day(9)+"&to="+day(1), nil, nil); code != 422 || !strings.Contains(string(raw), `"to"`) {
		t.Fatalf("a range ending before it starts: %d %s", code, raw)
	}
	if code, raw := us.Do("GET", "/api/panel/forms.zip?to="+day(1), nil, nil); code != 422 || !strings.Contains(string(raw), `"from"`) {
		t.Fatalf("no start: %d %s", code, raw)
	}
	us.Must(422, "GET", "/api/panel/forms.zip?from="+day(1)+"&to="+day(2)+"&new=maybe", nil, nil)
	st.Login(t, "nurse").Must(403, "GET", "/api/panel/forms.zip?from="+day(1)+"&to="+day(2), nil, nil)
	var n int
	st.Store.DB().Raw(`SELECT count(*) FROM audit_log WHERE action = 'panel.range_zip' AND record_id = ?`, day(9)+".."+day(9)).Scan(&n)
	if n != 2 {
		t.Fatalf("%d downloads of the range audited, want 2", n)
	}
}
