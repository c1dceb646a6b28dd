package fhir

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

func TestBulkNDJSON(t *testing.T) {
	v := newValidator(t)
	bulk := NewBulk()
	for i := 0; i < 3; i++ {
		d, err := Map(sampleRecord(10 + i))
		if err != nil {
			t.Fatal(err)
		}
		if err := bulk.Add(d); err != nil {
			t.Fatal(err)
		}
	}
	m := bulk.Manifest(time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC), "mhac export fhir --flight ET812", true)
	var buf bytes.Buffer
	if err := bulk.WriteZip(&buf, m); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	var manifest Manifest
	for _, f := range zr.File {
		rc, _ := f.Open()
		data, _ := io.ReadAll(rc)
		rc.Close()
		if f.Name == ManifestName {
			if err := json.Unmarshal(data, &manifest); err != nil {
				t.Fatal(err)
			}
			continue
		}
		files[strings.TrimSuffix(f.Name, ".ndjson")] = data
	}
	counts, err := v.Bulk(files)
	if err != nil {
		t.Fatal(err)
	}
	if len(manifest.Output) != len(files) {
		t.Fatalf("manifest lists %d files, the ZIP holds %d", len(manifest.Output), len(files))
	}
	for _, o := range manifest.Output {
		if counts[o.Type] != o.Count || o.URL != FileName(o.Type) {
			t.Errorf("manifest says %d %s in %s; the file has %d", o.Count, o.Type, o.URL, counts[o.Type])
		}
	}
	// Three people: three Patients and Compositions, but the site, the vaccine maker, the consents'
	// recipients (authority, agency) and the staff (physician, nurse, three X-ray readers) once.
	if counts["Patient"] != 3 || counts["Composition"] != 3 || counts["Practitioner"] != 5 || counts["Organization"] != 4 {
		t.Errorf("counts %v", counts)
	}
}

// BenchmarkMapNDJSON is the cost of one assessment in a bulk export: mapping it to FHIR and
// appending its resources to the NDJSON files.
func BenchmarkMapNDJSON(b *testing.B) {
	recs := make([]clinic.ExportRecord, 1000)
	for n := range recs {
		recs[n] = sampleRecord(n)
	}
	bulk := NewBulk()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d, err := Map(recs[i%len(recs)])
		if err != nil {
			b.Fatal(err)
		}
		if i%len(recs) == 0 {
			bulk = NewBulk()
		}
		if err := bulk.Add(d); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkExport10000 maps 10,000 assessments, writes their NDJSON files to disk (as the server
// and the command line do) and then the whole export as a ZIP.
func BenchmarkExport10000(b *testing.B) {
	recs := make([]int, 10000)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		bulk, err := NewBulkIn(b.TempDir())
		if err != nil {
			b.Fatal(err)
		}
		for n := range recs {
			d, err := Map(sampleRecord(n))
			if err != nil {
				b.Fatal(err)
			}
			if err := bulk.Add(d); err != nil {
				b.Fatal(err)
			}
		}
		if err := bulk.WriteZip(io.Discard, bulk.Manifest(time.Now(), "bench", false)); err != nil {
			b.Fatal(err)
		}
		if err := bulk.Close(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkValidateDocument is the cost of checking one document with the FHIR library.
func BenchmarkValidateDocument(b *testing.B) {
	v := newValidator(b)
	d, err := Map(sampleRecord(1))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if err := v.Document(d); err != nil {
			b.Fatal(err)
		}
	}
}

func TestBulkRejectsDanglingReference(t *testing.T) {
	v := newValidator(t)
	bulk := NewBulk()
	d, err := Map(sampleRecord(20))
	if err != nil {
		t.Fatal(err)
	}
	if err := bulk.Add(d); err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, typ := range bulk.Types() {
		if typ != "Encounter" {
			files[typ] = bulk.File(typ)
		}
	}
	if _, err := v.Bulk(files); err == nil || !strings.Contains(err.Error(), "reference Encounter/") {
		t.Fatalf("an export without its Encounter passed: %v", err)
	}
}
