package api_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/internal/clinictest"
)

// TestManifestUpload: a dry run counts and books nothing; the import books the case on its
// flight; the same file again changes nothing; a file with a bad line books nothing and names
// the line and column.
func TestManifestUpload(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1})
	registerOne(t, st, "RW-MAN-1")
	cw := st.Login(t, "caseworker")
	day := time.Now().UTC().AddDate(0, 0, 5).Format(time.DateOnly)
	file := []byte("Flight No,Date,Case Number,From,To\nRWA 9B," + day + ",RW-MAN-1,KGL,JFK\n")
	type answer struct {
		Flights, Passengers, Unchanged int
		DryRun                         bool `json:"dry_run"`
		Imported                       bool
		Errors                         []struct {
			Line    int
			Column  string
			Message string
		}
	}
	var a answer
	if code, raw := cw.UploadFile("/api/imports/manifest", "m.csv", file, map[string]string{"dry_run": "true"}, &a); code != 200 ||
		a.Flights != 1 || a.Passengers != 1 || a.Imported || !a.DryRun {
		t.Fatalf("dry run: %d %s", code, raw)
	}
	var flights struct{ Items []struct{ ID string } }
	cw.Must(200, "GET", "/api/flights?from="+day+"&to="+day, nil, &flights)
	if len(flights.Items) != 0 {
		t.Fatalf("a dry run recorded a flight: %+v", flights)
	}
	if code, raw := cw.UploadFile("/api/imports/manifest", "m.csv", file, nil, &a); code != 200 || !a.Imported || a.Passengers != 1 {
		t.Fatalf("import: %d %s", code, raw)
	}
	if code, raw := cw.UploadFile("/api/imports/manifest", "m.csv", file, nil, &a); code != 200 || a.Unchanged != 1 || a.Passengers != 0 {
		t.Fatalf("again: %d %s", code, raw)
	}
	bad := []byte("Flight No,Date,Case Number\nRWA 9B," + day + ",RW-NOPE-9\n")
	var refused struct {
		Code   string
		Import answer
	}
	code, raw := cw.UploadFile("/api/imports/manifest", "m.csv", bad, nil, nil)
	if err := json.Unmarshal(raw, &refused); err != nil {
		t.Fatal(err)
	}
	if code != 422 || refused.Code != "import_refused" || len(refused.Import.Errors) != 1 || refused.Import.Errors[0].Line != 2 {
		t.Fatalf("a bad line: %d %s", code, raw)
	}
	if code, raw := cw.UploadFile("/api/imports/manifest", "m.txt", []byte("hello"), nil, nil); code != 422 || !strings.Contains(string(raw), "file") {
		t.Fatalf("not a manifest: %d %s", code, raw)
	}
	st.Login(t, "nurse").Must(403, "POST", "/api/imports/manifest", nil, nil)
}
