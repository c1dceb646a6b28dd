package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/mhac-clinic/mhac/pdf"
)

func TestFormsSampleAndVerify(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir()) // the throwaway keys land here
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	if code := formsMain([]string{"sample", "--out", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("forms sample = %d\n%s%s", code, stdout.String(), stderr.String())
	}
	m := regexp.MustCompile(`--roots (\S+)`).FindStringSubmatch(stdout.String())
	if m == nil {
		t.Fatalf("sample output names no trust file:\n%s", stdout.String())
	}
	roots := m[1]
	files, _ := filepath.Glob(filepath.Join(out, "*.pdf"))
	if len(files) != len(pdf.FormTypes()) {
		t.Fatalf("sample wrote %d PDFs, want one per form type (%d): %v", len(files), len(pdf.FormTypes()), files)
	}
	doc, err := os.ReadFile(filepath.Join(out, "IMM-1017.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	tampered := filepath.Join(t.TempDir(), "tampered.pdf")
	doc[len(doc)/3] ^= 0x20
	if err := os.WriteFile(tampered, doc, 0o600); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name string
		args []string
		code int
		says string
	}{
		{"valid", []string{"verify", filepath.Join(out, "DS-2054.pdf"), "--roots", roots}, 0, "VALID"},
		{"flags first", []string{"verify", "--roots", roots, filepath.Join(out, "PEC.pdf")}, 0, "whole document signed: true"},
		{"tampered", []string{"verify", tampered, "--roots", roots}, 1, "INVALID"},
		{"not a pdf", []string{"verify", roots, "--roots", roots}, 1, "not a PDF"},
		{"no roots", []string{"verify", filepath.Join(out, "501.pdf")}, 2, "--roots or --keys"},
		{"two files", []string{"verify", "a.pdf", "b.pdf", "--roots", roots}, 2, "exactly one"},
		{"unknown subcommand", []string{"draw"}, 2, "unknown subcommand"},
		{"sample without out", []string{"sample"}, 2, "--out DIR is required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var o, e bytes.Buffer
			code := formsMain(tt.args, &o, &e)
			if code != tt.code || !strings.Contains(o.String()+e.String(), tt.says) {
				t.Fatalf("forms %v = %d, want %d saying %q\nstdout: %s\nstderr: %s", tt.args, code, tt.code, tt.says, o.String(), e.String())
			}
		})
	}
}
