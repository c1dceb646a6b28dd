package api_test

import (
	"archive/zip"
	"bytes"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/internal/clinictest"
)

// TestFlightZipNewSinceLastDownload: the panel's flight ZIP holds every current form; asked
// again for what is new since the last download it is empty; after an addendum reissues the
// forms it holds just the reissued ones. Each download is audited.
func TestFlightZipNewSinceLastDownload(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1, Worker: true})
	ch := signedAdult(t, st, "RW-ZIP-1")
	cw := st.Login(t, "caseworker")
	var cs caseOut
	caseID := caseIDOf(t, st, "RW-ZIP-1")
	cw.Must(200, "GET", "/api/cases/"+caseID, nil, &cs)
	day := time.Now().UTC().AddDate(0, 0, 9).Format(time.DateOnly)
	cw.Must(200, "PUT", "/api/cases/"+caseID+"/flight", map[string]any{"flight_number": "ET812", "departure_date": day, "version": cs.Version}, nil)
	us := st.Login(t, "panel.us")
	entries := func(query string) []string {
		t.Helper()
		raw := us.Must(200, "GET", "/api/panel/flights/ET812/forms.zip"+query, nil, nil)
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
	all := entries("")
	if len(all) != len(ch.Forms) || len(all) == 0 {
		t.Fatalf("the flight ZIP holds %v, want the %d forms", all, len(ch.Forms))
	}
	if again := entries("?new=1"); len(again) != 0 {
		t.Fatalf("nothing is new since the last download, got %v", again)
	}
	doc := st.Login(t, "physician")
	doc.Must(200, "GET", "/api/assessments/"+ch.ID, nil, &ch)
	doc.Must(200, "POST", "/api/assessments/"+ch.ID+"/addenda", map[string]any{"version": ch.Version, "text": "Weight corrected."}, &ch)
	ch = waitForms(t, doc, ch)
	if fresh := entries("?new=1"); len(fresh) != len(all) {
		t.Fatalf("after the reissue the new forms are %v, want %d", fresh, len(all))
	}
	if again := entries("?new=1"); len(again) != 0 {
		t.Fatalf("downloaded already: %v", again)
	}
	us.Must(422, "GET", "/api/panel/flights/ET812/forms.zip?new=maybe", nil, nil)
	us.Must(404, "GET", "/api/panel/flights/XX999/forms.zip", nil, nil)
	var n int
	st.Store.DB().Raw(`SELECT count(*) FROM audit_log WHERE action = 'panel.flight_zip' AND record_id = 'ET812'`).Scan(&n)
	if n != 4 {
		t.Fatalf("%d flight ZIP downloads audited, want 4", n)
	}
}
