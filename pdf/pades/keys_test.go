package pades

import (
	"crypto/x509"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestInitKeysWritesCAAndSiteCertificate(t *testing.T) {
	for _, kt := range []KeyType{ECDSAP256, RSA3072} {
		t.Run(string(kt), func(t *testing.T) {
			dir := t.TempDir()
			p, err := InitKeysOfType(dir, "KGL", "Kigali MHAC", kt, false)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range []string{p.CAKey, p.SiteKey} {
				if st, err := os.Stat(f); err != nil || st.Mode().Perm() != 0o600 {
					t.Errorf("%s: mode %v, %v; want 0600", f, st.Mode().Perm(), err)
				}
			}
			ca, _ := ReadCerts(p.CACert)
			site, _ := ReadCerts(p.SiteCert)
			if !ca[0].IsCA || ca[0].CheckSignatureFrom(ca[0]) != nil {
				t.Error("CA certificate is not a self-signed CA")
			}
			if err := site[0].CheckSignatureFrom(ca[0]); err != nil {
				t.Errorf("site certificate not issued by the CA: %v", err)
			}
			c := site[0]
			if c.Subject.CommonName != "Kigali MHAC" || !slices.Equal(c.Subject.OrganizationalUnit, []string{"KGL"}) {
				t.Errorf("site subject = %v", c.Subject)
			}
			if c.KeyUsage != x509.KeyUsageDigitalSignature|x509.KeyUsageContentCommitment || c.IsCA {
				t.Errorf("site key usage = %v, CA = %v", c.KeyUsage, c.IsCA)
			}
			if !slices.Contains(c.ExtKeyUsage, x509.ExtKeyUsageEmailProtection) ||
				!slices.ContainsFunc(c.UnknownExtKeyUsage, oidDocumentSigning.Equal) {
				t.Errorf("site EKU = %v %v", c.ExtKeyUsage, c.UnknownExtKeyUsage)
			}
			if !c.NotAfter.Before(ca[0].NotAfter) {
				t.Error("site certificate outlives its CA")
			}
			if _, err := LoadSigner(p.SiteCert, p.SiteKey, p.CACert); err != nil {
				t.Errorf("LoadSigner: %v", err)
			}
		})
	}
}

func TestInitKeysRefusesToOverwrite(t *testing.T) {
	dir := t.TempDir()
	first, err := InitKeys(dir, "KGL", "Kigali MHAC", false)
	if err != nil {
		t.Fatal(err)
	}
	key, _ := os.ReadFile(first.SiteKey)
	if _, err := InitKeys(dir, "KGL", "Kigali MHAC", false); err == nil || !strings.Contains(err.Error(), "--force") {
		t.Fatalf("second InitKeys error = %v, want a refusal mentioning --force", err)
	}
	if again, _ := os.ReadFile(first.SiteKey); string(again) != string(key) {
		t.Fatal("refused InitKeys still changed the site key")
	}

	// A second site joins the same CA without --force.
	nbo, err := InitKeys(dir, "NBO", "Nairobi MHAC", false)
	if err != nil || nbo.CACert != first.CACert {
		t.Fatalf("second site: %+v, %v", nbo, err)
	}
	caBefore, _ := os.ReadFile(first.CACert)
	if caAfter, _ := os.ReadFile(nbo.CACert); string(caAfter) != string(caBefore) {
		t.Error("adding a site replaced the CA")
	}

	forced, err := InitKeys(dir, "KGL", "Kigali MHAC", true)
	if err != nil {
		t.Fatalf("InitKeys --force: %v", err)
	}
	if again, _ := os.ReadFile(forced.SiteKey); string(again) == string(key) {
		t.Error("--force kept the old key")
	}
	if len(forced.Retired) != 2 {
		t.Errorf("retired after --force = %v, want the old CA and site certificates", forced.Retired)
	}
}

func TestInitKeysRejectsBadArguments(t *testing.T) {
	tests := []struct {
		name, code, site string
		kt               KeyType
	}{
		{"lower-case code", "kgl", "Kigali MHAC", ECDSAP256},
		{"path in code", "../X", "Kigali MHAC", ECDSAP256},
		{"no name", "KGL", "", ECDSAP256},
		{"unknown key type", "KGL", "Kigali MHAC", "dsa-1024"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "keys")
			if _, err := InitKeysOfType(dir, tc.code, tc.site, tc.kt, false); err == nil {
				t.Error("InitKeys accepted it")
			}
		})
	}
}

// TestRotationKeepsOldFormsValid signs a form, rotates the site key, then replaces the whole CA:
// every form must verify against the trust files, and the old form only with the old anchors.
func TestRotationKeepsOldFormsValid(t *testing.T) {
	dir := t.TempDir()
	p, err := InitKeys(dir, "KGL", "Kigali MHAC", false)
	if err != nil {
		t.Fatal(err)
	}
	sign := func(p Paths) []byte {
		s, err := LoadSigner(p.SiteCert, p.SiteKey, p.CACert)
		if err != nil {
			t.Fatal(err)
		}
		out, err := Sign(formPDF(t, 1), s, testInfo)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	first := sign(p)

	rotated, err := RotateKeys(dir, "KGL", RSA3072)
	if err != nil {
		t.Fatalf("RotateKeys: %v", err)
	}
	if _, err := os.Stat(p.SiteKey); err != nil {
		t.Fatalf("no site key after rotation: %v", err)
	}
	if len(rotated.Retired) != 1 {
		t.Fatalf("retired = %v, want the old site certificate", rotated.Retired)
	}
	second := sign(rotated)

	newCA, err := InitKeys(dir, "KGL", "Kigali MHAC", true)
	if err != nil {
		t.Fatal(err)
	}
	third := sign(newCA)

	all := roots(t, newCA.TrustFiles()...)
	onlyNew := roots(t, newCA.CACert)
	tests := []struct {
		name        string
		form        []byte
		pool        *x509.CertPool
		valid       bool
		wantProblem string
	}{
		{"first key, all anchors", first, all, true, ""},
		{"rotated key, all anchors", second, all, true, ""},
		{"new CA, all anchors", third, all, true, ""},
		{"new CA, new CA only", third, onlyNew, true, ""},
		{"first key, new CA only", first, onlyNew, false, "not trusted"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Verify(tc.form, tc.pool)
			if err != nil || r.Valid != tc.valid || !strings.Contains(r.Problem, tc.wantProblem) {
				t.Errorf("Verify = %+v, %v; want valid=%v", r, err, tc.valid)
			}
		})
	}
}

func TestLoadSignerRejectsMismatchedKey(t *testing.T) {
	a, _ := testKeys(t, ECDSAP256)
	b, _ := testKeys(t, ECDSAP256)
	if _, err := LoadSigner(a.SiteCert, b.SiteKey); err == nil || !strings.Contains(err.Error(), "does not belong") {
		t.Errorf("LoadSigner with another site's key: %v", err)
	}
	if _, err := LoadSigner(a.SiteCert, a.SiteCert); err == nil {
		t.Error("LoadSigner with a certificate as key succeeded")
	}
	if _, err := LoadRoots(); err == nil {
		t.Error("LoadRoots with no files succeeded")
	}
	if _, err := LoadRoots(a.SiteKey); err == nil {
		t.Error("LoadRoots of a key file succeeded")
	}
}
