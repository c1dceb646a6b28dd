package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestVaccinesDataCheck: the embedded release passes; a release missing an antigen file, or not
// naming its version, fails with the reason.
func TestVaccinesDataCheck(t *testing.T) {
	src := filepath.Join("..", "..", "protocols", "cdsi", "data")
	var out, errw bytes.Buffer
	if code := vaccinesData([]string{"check", "--version", "4.64 (508)", src}, &out, &errw); code != 0 {
		t.Fatalf("the embedded release: exit %d\n%s%s", code, out.String(), errw.String())
	}
	for _, want := range []string{"26 vaccine groups", "ok   every DS-3025 rule file", "0 added [], 0 removed []", "can be shipped"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}

	out.Reset()
	if code := vaccinesData([]string{"check", src}, &out, &errw); code != 1 || !strings.Contains(out.String(), "FAIL no --version") {
		t.Errorf("no version: exit %d\n%s", code, out.String())
	}

	bad := t.TempDir()
	files, err := filepath.Glob(filepath.Join(src, "*.xml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if filepath.Base(f) == "antigen-Varicella.xml" {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(bad, filepath.Base(f)), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	out.Reset()
	code := vaccinesData([]string{"check", "--version", "4.65", bad}, &out, &errw)
	if code != 1 || !strings.Contains(out.String(), `names antigen "Varicella", which has no data`) {
		t.Errorf("a release without varicella: exit %d\n%s", code, out.String())
	}
	if code := vaccinesData([]string{"verify", src}, &out, &errw); code != 2 {
		t.Errorf("an unknown verb: exit %d", code)
	}
}
