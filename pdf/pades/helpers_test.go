package pades

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/jung-kurt/gofpdf"
)

const dejaVu = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

// formPDF draws a small medical form with gofpdf, the way the forms package does: a UTF-8
// TrueType font and non-ASCII names, over the given number of pages.
func formPDF(t testing.TB, pages int) []byte {
	t.Helper()
	font, err := os.ReadFile(dejaVu)
	if err != nil {
		t.Fatalf("font for test PDFs: %v (apt-get install -y fonts-dejavu-core)", err)
	}
	f := gofpdf.New("P", "mm", "A4", "")
	f.AddUTF8FontFromBytes("dejavu", "", font)
	f.SetCreationDate(time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC))
	for i := 1; i <= pages; i++ {
		f.AddPage()
		f.SetFont("dejavu", "", 12)
		f.Cell(0, 10, "Medical Examination for Immigrant or Refugee Applicant")
		f.Ln(12)
		f.Cell(0, 10, "Applicant: Émilie Nyiramana — Ağrı, Đorđević, Łódź, 北京")
		f.Ln(12)
		for j := 0; j < 30; j++ {
			f.Cell(0, 6, "Chest X-ray: normal. Tuberculin skin test: 0 mm. Syphilis: non-reactive.")
			f.Ln(6)
		}
	}
	var b bytes.Buffer
	if err := f.Output(&b); err != nil {
		t.Fatalf("gofpdf: %v", err)
	}
	return b.Bytes()
}

// testKeys makes a deployment CA and site key in a temporary directory.
func testKeys(t testing.TB, kt KeyType) (Paths, *Signer) {
	t.Helper()
	p, err := InitKeysOfType(t.TempDir(), "KGL", "Kigali MHAC", kt, false)
	if err != nil {
		t.Fatalf("InitKeys: %v", err)
	}
	s, err := LoadSigner(p.SiteCert, p.SiteKey, p.CACert)
	if err != nil {
		t.Fatalf("LoadSigner: %v", err)
	}
	return p, s
}

// testInfo signs "now" in Kigali time: the certificates made for a test are valid from an hour
// ago, and Verify checks them at the signing time.
var testInfo = SignInfo{
	Name:     "Dr A. Uwase",
	Reason:   "Medical examination signed off by Dr A. Uwase",
	Location: "Kigali MHAC",
	Time:     time.Now().In(time.FixedZone("CAT", 2*3600)).Truncate(time.Second),
}

func writeTemp(t testing.TB, data []byte) string {
	t.Helper()
	f := filepath.Join(t.TempDir(), "form.pdf")
	if err := os.WriteFile(f, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return f
}
