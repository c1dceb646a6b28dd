package submission

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/interop/fhir"
)

func record(t *testing.T, withCXR bool) (clinic.ExportRecord, fhir.Document) {
	t.Helper()
	signed := time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)
	issued := signed.Add(3 * time.Second)
	pdf := []byte("%PDF-1.7 signed form\n")
	sum := sha256.Sum256(pdf)
	id := "3f1c0c8e-1d2b-4c3a-9e8f-0a1b2c3d4e5f"
	snap := clinic.FormSnapshot{ID: id, AssessmentID: id, Destination: "AU", Program: "refugee",
		Site:      clinic.FormSite{Code: "KGL", Name: "Kigali MHAC"},
		Applicant: clinic.FormApplicant{Surnames: "Bizimana", GivenNames: "Patrick", CaseNumber: "RW-2026-0104", BirthDate: time.Date(1983, 3, 3, 0, 0, 0, 0, time.UTC)},
		ExamDate:  time.Date(2026, 11, 19, 0, 0, 0, 0, time.UTC), Physician: clinic.FormPhysician{Name: "Dr Aline Uwase"}, SignedAt: signed,
		Outcomes: []clinic.FormOutcome{{Code: "no_finding"}}}
	if withCXR {
		snap.CXR = &clinic.FormChestXRay{Result: "normal", Reader: "Eric Niyonzima", Date: snap.ExamDate}
	}
	f := clinic.Form{ID: "9a8b7c6d-0000-4000-8000-000000000001", SnapshotID: id, FormType: "501", Status: clinic.FormValid,
		SHA256: hex.EncodeToString(sum[:]), IssuedAt: &issued}
	rec := clinic.ExportRecord{AssessmentID: id, SnapshotID: id, Snapshot: snap, Forms: []clinic.Form{f},
		Files: map[string][]byte{f.ID: pdf}, BaseURL: "https://mhac.example.org", FlightNumber: "ET812"}
	doc, err := fhir.Map(rec)
	if err != nil {
		t.Fatal(err)
	}
	return rec, doc
}

func read(t *testing.T, data []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range zr.File {
		rc, _ := f.Open()
		out[f.Name], _ = io.ReadAll(rc)
		rc.Close()
	}
	return out
}

func TestPersonPackage(t *testing.T) {
	for _, withCXR := range []bool{true, false} {
		rec, doc := record(t, withCXR)
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		m, err := Person(zw, "", rec, doc)
		if err != nil {
			t.Fatal(err)
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		files := read(t, buf.Bytes())
		want := 2 // the form and the FHIR document
		if withCXR {
			want++
		}
		if len(m.Files) != want || len(files) != want+2 {
			t.Fatalf("cxr %v: manifest %d files, ZIP %d entries", withCXR, len(m.Files), len(files))
		}
		if _, ok := files[XRayName]; ok != withCXR {
			t.Errorf("X-ray report present %v, want %v", ok, withCXR)
		}
		rows, err := csv.NewReader(bytes.NewReader(files[ManifestCSVName])).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		var js Manifest
		if err := json.Unmarshal(files[ManifestJSON], &js); err != nil {
			t.Fatal(err)
		}
		for i, e := range js.Files {
			sum := sha256.Sum256(files[e.File])
			if hex.EncodeToString(sum[:]) != e.SHA256 || rows[i+1][2] != e.SHA256 || rows[i+1][0] != e.File {
				t.Errorf("%s: hash or CSV row does not match: %v", e.File, rows[i+1])
			}
		}
		pdf := js.Files[0]
		if pdf.FormType != "501" || !strings.HasPrefix(pdf.File, "forms/501_") || pdf.SHA256 != rec.Forms[0].SHA256 ||
			!pdf.SignedAt.Equal(*rec.Forms[0].IssuedAt) || !strings.Contains(pdf.Signer, "Dr Aline Uwase") {
			t.Errorf("the form's manifest line: %+v", pdf)
		}
	}
}

func TestPersonPackageNeedsTheFiles(t *testing.T) {
	rec, doc := record(t, false)
	rec.Files = nil
	if _, err := Person(zip.NewWriter(io.Discard), "", rec, doc); err == nil {
		t.Fatal("a package without its PDFs was written")
	}
}

func TestFlightPackage(t *testing.T) {
	var buf bytes.Buffer
	fl := NewFlight(&buf, "ET812")
	for _, cxr := range []bool{true, false} {
		rec, doc := record(t, cxr)
		rec.AssessmentID = map[bool]string{true: "aaaaaaaa-1", false: "bbbbbbbb-2"}[cxr]
		if err := fl.Add(rec, doc); err != nil {
			t.Fatal(err)
		}
	}
	if err := fl.Close(); err != nil {
		t.Fatal(err)
	}
	files := read(t, buf.Bytes())
	var m Manifest
	if err := json.Unmarshal(files[ManifestJSON], &m); err != nil {
		t.Fatal(err)
	}
	if m.Flight != "ET812" || len(m.Files) != 5 {
		t.Fatalf("flight manifest: %+v", m)
	}
	for _, e := range m.Files {
		if _, ok := files[e.File]; !ok || !strings.HasPrefix(e.File, "RW-2026-0104_Bizimana_Patrick_") {
			t.Errorf("the flight manifest names %s, not in its folder or not in the ZIP", e.File)
		}
	}
}
