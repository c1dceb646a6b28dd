package pdf

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

func sampleSheet() clinic.ConsentSheet {
	at := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	born := time.Date(2019, 5, 1, 0, 0, 0, 0, time.UTC)
	return clinic.ConsentSheet{
		Applicant:  clinic.Applicant{GivenNames: "Émilienne", Surnames: "Uwimana", BirthDate: born, BirthDateEstimated: true},
		CaseNumber: "RW-2026-0101", Destination: "AU", PrintedAt: at,
		Consents: []clinic.Consent{
			{Purpose: clinic.ConsentExamination, Kind: "proxy", ProxyName: "Hélène Uwimana", ProxyRelation: "mother", Language: "rw", Interpreter: true, GivenOn: at, RecordedName: "Claudine Mukamana", RecordedAt: at},
			{Purpose: clinic.ConsentShareAuthority, Country: "AU", Kind: "proxy", ProxyName: "Hélène Uwimana", ProxyRelation: "mother", Language: "rw", GivenOn: at, RecordedName: "Claudine Mukamana", RecordedAt: at,
				Withdrawn: &clinic.ConsentWithdrawal{On: at, Reason: "family asked to wait", At: at}},
		},
	}
}

// TestConsentSheet: the sheet says each purpose in the three languages and what the record holds,
// and the same input always gives the same file.
func TestConsentSheet(t *testing.T) {
	b, err := ConsentSheets{}.ConsentSheet(sampleSheet())
	if err != nil {
		t.Fatal(err)
	}
	again, err := ConsentSheets{}.ConsentSheet(sampleSheet())
	if err != nil || !bytes.Equal(b, again) {
		t.Fatalf("the same sheet drawn twice differs (%v)", err)
	}
	f := filepath.Join(t.TempDir(), "sheet.pdf")
	if err := os.WriteFile(f, b, 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("qpdf", "--check", f).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
	out, err := exec.Command("pdftotext", f, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(out)), " ")
	for _, want := range []string{
		"Émilienne Uwimana", "(estimated)",
		"I agree that my data are used, without my name, in anonymous statistics.",
		"J'accepte que mes données soient utilisées, sans mon nom, dans des statistiques anonymes.",
		"Nemeye ko amakuru yanjye akoreshwa",
		"sent to Department of Home Affairs (Australia)",
		"by proxy: Hélène Uwimana (mother), explained in rw, with an interpreter",
		"withdrawn on 2026-12-03 (family asked to wait)",
		"On record: not recorded.",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the sheet lacks %q", want)
		}
	}
}

func BenchmarkConsentSheet(b *testing.B) {
	s := sampleSheet()
	for b.Loop() {
		if _, err := (ConsentSheets{}).ConsentSheet(s); err != nil {
			b.Fatal(err)
		}
	}
}
