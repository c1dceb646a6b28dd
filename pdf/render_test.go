package pdf

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

const testURL = "https://mhac.example.org/verify/7QK2-M4XD-99PA"

// pdfText runs the real pdftotext over the document.
func pdfText(t *testing.T, doc []byte) string {
	t.Helper()
	path := writeTemp(t, doc)
	out, err := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", path, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v\n%s", err, out)
	}
	return string(out)
}

// qpdfCheck runs qpdf --check and fails the test on any error or warning.
func qpdfCheck(t *testing.T, doc []byte) {
	t.Helper()
	path := writeTemp(t, doc)
	out, err := exec.Command("qpdf", "--check", path).CombinedOutput()
	if err != nil || strings.Contains(string(out), "WARNING") {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
}

func writeTemp(t *testing.T, doc []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "form.pdf")
	if err := os.WriteFile(path, doc, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func mustSample(t testing.TB, form string) clinic.FormSnapshot {
	t.Helper()
	s, ok := SampleFor(form)
	if !ok {
		t.Fatalf("no sample lists form %s", form)
	}
	return s.Snapshot
}

// TestRenderEveryForm draws each form type from the sample that needs it and reads it back
// with the real pdftotext and qpdf.
func TestRenderEveryForm(t *testing.T) {
	for _, form := range FormTypes() {
		t.Run(form, func(t *testing.T) {
			snap := mustSample(t, form)
			doc, err := Render(snap, form, testURL)
			if err != nil {
				t.Fatalf("Render: %v", err)
			}
			qpdfCheck(t, doc)
			text := pdfText(t, doc)
			spec := registry[form]
			want := []string{spec.title, snap.Applicant.GivenNames, snap.Applicant.Surnames,
				"Page 1 of", snap.Physician.Name, snap.Applicant.CaseNumber, snap.Organisation}
			if snap.Applicant.BirthDateEstimated {
				want = append(want, "(estimated)")
			}
			for _, w := range want {
				if !strings.Contains(text, w) {
					t.Errorf("text of %s lacks %q", form, w)
				}
			}
			if t.Failed() {
				t.Logf("text:\n%s", text)
			}
		})
	}
}

func TestRenderKeepsUnicodeNames(t *testing.T) {
	tests := []struct {
		form string
		want []string
	}{
		{"DS-2054", []string{"Hélène", "Mukamana", "MUKAMANA, Hélène"}},
		{"DS-3025", []string{"Ngabo", "Uwimana"}},
		{"IMM 1017", []string{"Émilienne", "Nshimiyimana", "Dr Anaïs Kayitesi", "Dr Łucja Weiß"}},
		{"501", []string{"Jean-Baptiste Ñame", "Dr Grzegorz Małecki"}},
		{"INZ 1007", []string{"Aimée", "Ingabire-Strauß", "91 mL/min"}},
	}
	for _, tt := range tests {
		t.Run(tt.form, func(t *testing.T) {
			doc, err := Render(mustSample(t, tt.form), tt.form, testURL)
			if err != nil {
				t.Fatal(err)
			}
			text := pdfText(t, doc)
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("text lacks %q:\n%s", w, text)
				}
			}
		})
	}
}

func TestRenderIsDeterministic(t *testing.T) {
	for _, form := range FormTypes() {
		snap := mustSample(t, form)
		a, err := Render(snap, form, testURL)
		if err != nil {
			t.Fatalf("%s: %v", form, err)
		}
		b, err := Render(mustSample(t, form), form, testURL)
		if err != nil {
			t.Fatalf("%s: %v", form, err)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two renders of one snapshot differ (%d vs %d bytes)", form, len(a), len(b))
		}
		c, err := Render(snap, form, testURL+"X")
		if err != nil {
			t.Fatalf("%s: %v", form, err)
		}
		if bytes.Equal(a, c) {
			t.Errorf("%s: a different verify URL gave the same bytes", form)
		}
	}
}

func TestRenderBadInput(t *testing.T) {
	good := mustSample(t, "DS-2054")
	tests := []struct {
		name string
		form string
		url  string
		edit func(*clinic.FormSnapshot)
		is   error  // wanted errors.Is target, or nil
		text string // wanted part of the message
	}{
		{"unknown form", "DS-9999", testURL, func(*clinic.FormSnapshot) {}, ErrUnknownForm, "DS-9999"},
		{"form id in other case", "ds-2054", testURL, func(*clinic.FormSnapshot) {}, ErrUnknownForm, "ds-2054"},
		{"no applicant name", "DS-2054", testURL, func(s *clinic.FormSnapshot) { s.Applicant.Surnames, s.Applicant.GivenNames = "", "" }, clinic.ErrInvalidSnapshot, "applicant.surnames"},
		{"no birth date", "DS-3030", testURL, func(s *clinic.FormSnapshot) { s.Applicant.BirthDate = time.Time{} }, clinic.ErrInvalidSnapshot, "birth_date"},
		{"empty verify URL", "DS-2054", " ", func(*clinic.FormSnapshot) {}, nil, "verifyURL"},
		{"photo not an image", "DS-2054", testURL, func(s *clinic.FormSnapshot) { s.Applicant.Photo = []byte("GIF89a...") }, ErrMissingData, "photo"},
		{"truncated JPEG", "DS-2054", testURL, func(s *clinic.FormSnapshot) { s.Applicant.Photo = s.Applicant.Photo[:40] }, nil, "photo"},
		{"bad time zone", "DS-2054", testURL, func(s *clinic.FormSnapshot) { s.Site.Timezone = "Africa/Atlantis" }, nil, "Africa/Atlantis"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := good
			s.Applicant.Photo = append([]byte(nil), good.Applicant.Photo...)
			tt.edit(&s)
			doc, err := Render(s, tt.form, tt.url)
			if err == nil {
				t.Fatalf("Render gave %d bytes and no error", len(doc))
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("error %v is not %v", err, tt.is)
			}
			if !strings.Contains(err.Error(), tt.text) {
				t.Errorf("error %q does not mention %q", err, tt.text)
			}
		})
	}
}
