package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mhac-clinic/mhac/internal/clinictest"
	"github.com/mhac-clinic/mhac/interop/fhir"
)

// TestExportFHIR runs `mhac export fhir` on the demo clinic's signed people: by flight and by
// sign-off dates it writes valid Bulk Data NDJSON and a manifest; wrong arguments are refused.
func TestExportFHIR(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 15, Worker: true})
	people := clinictest.SignDemo(t, st)
	v, err := fhir.NewValidator()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, args := range [][]string{
		{"--flight", strings.ToLower(clinictest.DemoFlight), "--validate"},
		{"--from", "2000-01-01", "--to", "2100-01-01", "--as", "physician"},
	} {
		dir := t.TempDir()
		var out, errOut bytes.Buffer
		if err := exportFHIR(ctx, st.Svc, append(args, "--out", dir), &out, &errOut); err != nil {
			t.Fatalf("%v: %v %s", args, err, errOut.String())
		}
		var m fhir.Manifest
		raw, err := os.ReadFile(filepath.Join(dir, fhir.ManifestName))
		if err != nil || json.Unmarshal(raw, &m) != nil {
			t.Fatalf("manifest: %v %s", err, raw)
		}
		files := map[string][]byte{}
		for _, o := range m.Output {
			if files[o.Type], err = os.ReadFile(filepath.Join(dir, o.URL)); err != nil {
				t.Fatal(err)
			}
		}
		counts, err := v.Bulk(files)
		if err != nil {
			t.Fatalf("%v: %v", args, err)
		}
		if counts["Patient"] != len(people) || !strings.Contains(out.String(), "Patient.ndjson") {
			t.Errorf("%v: %v\n%s", args, counts, out.String())
		}
	}
	for _, args := range [][]string{
		{"--out", t.TempDir()},
		{"--flight", "ET812", "--from", "2026-01-01", "--out", t.TempDir()},
		{"--flight", "ET812"},
	} {
		if err := exportFHIR(ctx, st.Svc, args, &bytes.Buffer{}, &bytes.Buffer{}); err != errUsage {
			t.Errorf("%v: %v, want the usage", args, err)
		}
	}
	if err := exportFHIR(ctx, st.Svc, []string{"--flight", "NOPE1", "--out", t.TempDir()}, &bytes.Buffer{}, &bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), "nothing to export") {
		t.Errorf("an unknown flight: %v", err)
	}
	if err := exportFHIR(ctx, st.Svc, []string{"--from", "2026-02-30", "--to", "2026-03-01", "--out", t.TempDir()}, &bytes.Buffer{}, &bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), "not a date") {
		t.Errorf("a bad date: %v", err)
	}
}
