package pdf

import (
	"crypto/x509"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/pdf/pades"
)

// testKeys makes a CA and a site key in a temporary directory.
func testKeys(t *testing.T) (*pades.Signer, *x509.CertPool) { return benchKeys(t) }

func benchKeys(t testing.TB) (*pades.Signer, *x509.CertPool) {
	t.Helper()
	paths, err := pades.InitKeys(t.TempDir(), "KGL", "MHAC Kigali", false)
	if err != nil {
		t.Fatal(err)
	}
	signer, err := pades.LoadSigner(paths.SiteCert, paths.SiteKey, paths.CACert)
	if err != nil {
		t.Fatal(err)
	}
	roots, err := pades.LoadRoots(paths.CACert)
	if err != nil {
		t.Fatal(err)
	}
	return signer, roots
}

// TestRenderSignedEveryForm signs each form type and checks it with the real pdfsig and qpdf,
// and with pades.Verify; one flipped byte in the drawn content must break the signature.
func TestRenderSignedEveryForm(t *testing.T) {
	signer, roots := testKeys(t)
	for _, form := range FormTypes() {
		t.Run(form, func(t *testing.T) {
			snap := mustSample(t, form)
			doc, err := RenderSigned(snap, form, testURL, signer, SignInfoFor(snap, form, time.Now()))
			if err != nil {
				t.Fatal(err)
			}
			qpdfCheck(t, doc)
			out, _ := exec.Command("pdfsig", writeTemp(t, doc)).CombinedOutput() // exits 0 even when invalid: read the text
			for _, want := range []string{"Signature is Valid.", "Total document signed"} {
				if !strings.Contains(string(out), want) {
					t.Errorf("pdfsig output lacks %q:\n%s", want, out)
				}
			}
			res, err := pades.Verify(doc, roots)
			if err != nil || !res.Valid || !res.WholeDocument || res.Name != snap.Physician.Name {
				t.Errorf("pades.Verify = %+v, %v", res, err)
			}

			// Flip one byte of the drawn content (the trailer of the unsigned file lies
			// inside the signed range).
			bad := append([]byte(nil), doc...)
			i := strings.Index(string(bad), "/Producer")
			if i < 0 {
				t.Fatal("no /Producer in the document")
			}
			bad[i+2] ^= 0x01
			res, err = pades.Verify(bad, roots)
			if err == nil && res.Valid {
				t.Errorf("a flipped byte still verifies: %+v", res)
			}
			out, _ = exec.Command("pdfsig", writeTemp(t, bad)).CombinedOutput()
			if strings.Contains(string(out), "Signature is Valid.") {
				t.Errorf("pdfsig calls a tampered file valid:\n%s", out)
			}
		})
	}
}

func TestRenderSignedNeedsSigner(t *testing.T) {
	snap := mustSample(t, "DS-2054")
	if _, err := RenderSigned(snap, "DS-2054", testURL, nil, SignInfoFor(snap, "DS-2054", time.Now())); err == nil {
		t.Fatal("RenderSigned without a signer gave no error")
	}
}
