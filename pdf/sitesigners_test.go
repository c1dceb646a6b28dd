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

// TestSiteSignersFollowRotationAndNewSites: one SiteSigners, as a running worker holds it, signs
// for a site whose key appears after it started, and with the new key once a key is rotated;
// EnsureSiteKeys keeps a key pair made beforehand with `mhac keys init`.
func TestSiteSignersFollowRotationAndNewSites(t *testing.T) {
	dir := t.TempDir()
	if _, err := pades.InitKeys(dir, "KGL", "MHAC Kigali", false); err != nil {
		t.Fatal(err)
	}
	r := Renderer{Sites: &pades.SiteSigners{Dir: dir}, Clock: clinic.SystemClock{}}
	sample, _ := SampleFor("DS-2054")
	snap := sample.Snapshot
	snap.Site.Code = "NBO"
	if _, err := r.Render(context.Background(), snap, "DS-2054", "https://mhac.example/verify/x"); err == nil {
		t.Fatal("signed for a site with no key")
	}
	p, created, err := pades.EnsureSiteKeys(dir, "NBO", "MHAC Nairobi")
	if err != nil || !created {
		t.Fatalf("EnsureSiteKeys: created=%v %v", created, err)
	}
	if _, again, err := pades.EnsureSiteKeys(dir, "NBO", "MHAC Nairobi"); err != nil || again {
		t.Fatalf("EnsureSiteKeys of an existing key: created=%v %v", again, err)
	}
	first, _ := pades.LoadRoots(p.SiteCert)
	b, err := r.Render(context.Background(), snap, "DS-2054", "https://mhac.example/verify/x")
	if err != nil {
		t.Fatal(err)
	}
	if res, _ := pades.Verify(b, first); !res.Valid || res.Signer != "MHAC Nairobi" {
		t.Fatalf("the new site's first form: %+v", res)
	}
	if _, err := pades.RotateKeys(dir, "NBO", pades.DefaultKeyType); err != nil {
		t.Fatal(err)
	}
	second, _ := pades.LoadRoots(p.SiteCert)
	b2, err := r.Render(context.Background(), snap, "DS-2054", "https://mhac.example/verify/x")
	if err != nil {
		t.Fatal(err)
	}
	if res, _ := pades.Verify(b2, second); !res.Valid {
		t.Errorf("a form after the rotation is not signed with the new key: %s", res.Problem)
	}
	if res, _ := pades.Verify(b2, first); res.Valid {
		t.Error("a form after the rotation is still signed with the old key")
	}
	ca, _ := pades.LoadRoots(p.CACert)
	for i, doc := range [][]byte{b, b2} {
		if res, _ := pades.Verify(doc, ca); !res.Valid {
			t.Errorf("form %d does not verify with the deployment CA: %s", i, res.Problem)
		}
	}
}
