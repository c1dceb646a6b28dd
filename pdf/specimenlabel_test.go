package pdf

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

// The label's barcode must read back as its accession number: the label sheet is rasterized by
// pdftoppm as a label printer would print it, and read by zbarimg as a scanner would.
func TestSpecimenLabelBarcodeDecodes(t *testing.T) {
	at := time.Date(2026, 12, 3, 9, 30, 0, 0, time.FixedZone("CAT", 2*3600))
	labels := []clinic.SpecimenLabel{
		{Accession: "L2612-000042", Initials: "AM-KÉ", BirthDate: time.Date(1990, 1, 2, 0, 0, 0, 0, time.UTC), Type: "serum", Seq: 1, CollectedAt: at},
		{Accession: "L2612-000043", Initials: "AM-K", BirthDate: time.Date(1990, 1, 2, 0, 0, 0, 0, time.UTC), BirthDateEstimated: true, Type: "sputum", Seq: 2, CollectedAt: at},
	}
	data, err := SpecimenLabels(labels)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "labels.pdf")
	if err := os.WriteFile(file, data, 0o600); err != nil {
		t.Fatal(err)
	}
	info, err := exec.Command("pdfinfo", file).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfinfo: %v\n%s", err, info)
	}
	// 50 × 25 mm is 141.73 × 70.87 pt.
	if !strings.Contains(strings.Join(strings.Fields(string(info)), " "), "Pages: 2") || !strings.Contains(string(info), "141.73 x 70.87 pts") {
		t.Fatalf("want two 50 × 25 mm pages:\n%s", info)
	}
	for i, l := range labels {
		page := filepath.Join(dir, "p")
		n := string(rune('1' + i))
		if out, err := exec.Command("pdftoppm", "-r", "300", "-gray", "-png", "-f", n, "-l", n, "-singlefile", file, page).CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm: %v\n%s", err, out)
		}
		zbar := exec.Command("zbarimg", "--quiet", "--raw", page+".png")
		var stderr strings.Builder
		zbar.Stderr = &stderr // zbar may complain of a missing D-Bus; only stdout carries the code
		out, err := zbar.Output()
		if err != nil {
			t.Fatalf("zbarimg found no barcode on label %d: %v\n%s", i+1, err, stderr.String())
		}
		if got := strings.TrimSpace(string(out)); got != l.Accession {
			t.Errorf("label %d reads %q, want %q", i+1, got, l.Accession)
		}
		text, err := exec.Command("pdftotext", "-f", n, "-l", n, file, "-").CombinedOutput()
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{l.Accession, "DOB 1990-01-02", "2026-12-03 09:30"} {
			if !strings.Contains(string(text), want) {
				t.Errorf("label %d does not print %q:\n%s", i+1, want, text)
			}
		}
	}
}

func TestSpecimenLabelsNeedOne(t *testing.T) {
	if _, err := SpecimenLabels(nil); err == nil {
		t.Fatal("an empty sheet was drawn")
	}
}
