package pdf

import (
	"context"
	"strings"
	"testing"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/pdf/pades"
)

// TestRendererSignsWithTheFormsSite: two sites' keys under one deployment CA; each form is signed
// with the key of its own site (the verifier names that site), and a site without a key gets no
// form at all rather than another site's signature.
func TestRendererSignsWithTheFormsSite(t *testing.T) {
	dir := t.TempDir()
	if _, err := pades.InitKeys(dir, "KGL", "MHAC Kigali", false); err != nil {
		t.Fatal(err)
	}
	paths, err := pades.InitKeys(dir, "GOM", "MHAC Goma", false)
	if err != nil {
		t.Fatal(err)
	}
	roots, err := pades.LoadRoots(paths.CACert)
	if err != nil {
		t.Fatal(err)
	}
	r := Renderer{Sites: &pades.SiteSigners{Dir: dir}, Clock: clinic.SystemClock{}}
	sample, ok := SampleFor("DS-2054")
	if !ok {
		t.Fatal("no sample for DS-2054")
	}
	for code, want := range map[string]string{"KGL": "MHAC Kigali", "GOM": "MHAC Goma"} {
		snap := sample.Snapshot
		snap.Site.Code = code
		b, err := r.Render(context.Background(), snap, "DS-2054", "https://mhac.example/verify/x")
		if err != nil {
			t.Fatalf("%s: %v", code, err)
		}
		res, err := pades.Verify(b, roots)
		if err != nil || !res.Valid || res.Signer != want {
			t.Errorf("a form of %s: valid=%v signer %q (%v), want signed by %q", code, res.Valid, res.Signer, err, want)
		}
	}
	snap := sample.Snapshot
	snap.Site.Code = "NBO"
	b, err := r.Render(context.Background(), snap, "DS-2054", "https://mhac.example/verify/x")
	if err == nil || b != nil || !strings.Contains(err.Error(), "site NBO has no signing key") || clinic.Permanent(err) {
		t.Errorf("a form of a site without a key: %d bytes, err %v; want a retried error naming the site", len(b), err)
	}
}
