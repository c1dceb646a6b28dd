package api_test

import (
	"context"
	"crypto/x509"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/internal/clinictest"
	"github.com/mhac-clinic/mhac/pdf/pades"
)

type siteOut struct {
	Code        string `json:"code"`
	Name        string `json:"name"`
	Country     string `json:"country"`
	Timezone    string `json:"timezone"`
	Certificate *struct {
		Subject     string    `json:"subject"`
		Fingerprint string    `json:"fingerprint_sha256"`
		NotBefore   time.Time `json:"not_before"`
		NotAfter    time.Time `json:"not_after"`
		KeyType     string    `json:"key_type"`
		Retired     int       `json:"retired"`
	} `json:"certificate"`
}

// TestCreateSite: the deployment-wide administrator creates a site and its key; bad fields and a
// taken code are field problems; a site administrator may not create sites or rotate keys; the
// list shows each site's certificate; the actions are audited.
func TestCreateSite(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1})
	op, admin := st.Login(t, "operator"), st.Login(t, "admin")

	var created siteOut
	op.Must(201, "POST", "/api/sites", map[string]any{"code": "nbo", "name": "Nairobi MHAC", "city": "Nairobi",
		"country": "ke", "timezone": "Africa/Nairobi"}, &created)
	if created.Code != "NBO" || created.Country != "KE" || created.Certificate == nil ||
		!strings.Contains(created.Certificate.Subject, "CN=Nairobi MHAC") || len(created.Certificate.Fingerprint) != 95 ||
		created.Certificate.KeyType != "ECDSA P-256" || !created.Certificate.NotAfter.After(time.Now().AddDate(4, 0, 0)) {
		t.Fatalf("created %+v %+v", created, created.Certificate)
	}
	for _, f := range []string{"site-NBO.crt", "site-NBO.key"} {
		if _, err := os.Stat(filepath.Join(st.KeysDir, f)); err != nil {
			t.Errorf("the keys directory lacks %s: %v", f, err)
		}
	}
	// The certificate on disk is the one listed, issued by the deployment CA.
	certs, err := pades.ReadCerts(filepath.Join(st.KeysDir, "site-NBO.crt"))
	if err != nil {
		t.Fatal(err)
	}
	if got := pades.Describe(certs[0]).Fingerprint; got != created.Certificate.Fingerprint {
		t.Errorf("fingerprint on disk %s, listed %s", got, created.Certificate.Fingerprint)
	}
	if _, err := certs[0].Verify(x509.VerifyOptions{Roots: st.Roots, KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny}}); err != nil {
		t.Errorf("the new site's certificate does not chain to the deployment CA: %v", err)
	}

	for _, c := range []struct {
		name  string
		body  map[string]any
		field string
	}{
		{"unknown zone", map[string]any{"code": "MBA", "name": "Mombasa", "country": "KE", "timezone": "Africa/Mombasa_Nowhere"}, "timezone"},
		{"server's zone", map[string]any{"code": "MBA", "name": "Mombasa", "country": "KE", "timezone": "Local"}, "timezone"},
		{"no zone", map[string]any{"code": "MBA", "name": "Mombasa", "country": "KE"}, "timezone"},
		{"bad code", map[string]any{"code": "M-1", "name": "Mombasa", "country": "KE", "timezone": "Africa/Nairobi"}, "code"},
		{"long code", map[string]any{"code": "MOMBASA0001", "name": "Mombasa", "country": "KE", "timezone": "Africa/Nairobi"}, "code"},
		{"no name", map[string]any{"code": "MBA", "country": "KE", "timezone": "Africa/Nairobi"}, "name"},
		{"bad country", map[string]any{"code": "MBA", "name": "Mombasa", "country": "Kenya", "timezone": "Africa/Nairobi"}, "country"},
	} {
		code, raw := op.Do("POST", "/api/sites", c.body, nil)
		p := clinictest.ProblemOf(t, raw)
		if code != 422 || len(p.Errors) == 0 || p.Errors[0].Field != c.field {
			t.Errorf("%s: %d %s, want 422 on %s", c.name, code, raw, c.field)
		}
	}
	code, raw := op.Do("POST", "/api/sites", map[string]any{"code": "NBO", "name": "Nairobi again", "country": "KE", "timezone": "Africa/Nairobi"}, nil)
	if p := clinictest.ProblemOf(t, raw); code != 409 || p.Code != "duplicate" || len(p.Errors) == 0 || p.Errors[0].Field != "code" {
		t.Errorf("a taken code: %d %s, want 409 duplicate on code", code, raw)
	}
	if _, err := os.Stat(filepath.Join(st.KeysDir, "site-MBA.key")); err == nil {
		t.Error("a refused site left a key behind")
	}

	// A site administrator neither creates sites nor rotates keys.
	code, raw = admin.Do("POST", "/api/sites", map[string]any{"code": "GOM", "name": "Goma MHAC", "country": "CD", "timezone": "Africa/Lubumbashi"}, nil)
	if code != 403 || clinictest.ProblemOf(t, raw).Code != "forbidden" {
		t.Errorf("a site admin creating a site: %d %s, want 403", code, raw)
	}
	if code, raw = admin.Do("POST", "/api/sites/KGL/key/rotate", map[string]any{}, nil); code != 403 {
		t.Errorf("a site admin rotating a key: %d %s, want 403", code, raw)
	}
	if _, err := os.Stat(filepath.Join(st.KeysDir, "site-GOM.key")); err == nil {
		t.Error("a refused site admin made a key")
	}
	if code, _ := op.Do("POST", "/api/sites/XYZ/key/rotate", map[string]any{}, nil); code != 404 {
		t.Errorf("rotating the key of no site: %d, want 404", code)
	}

	var list struct{ Items []siteOut }
	admin.Must(200, "GET", "/api/sites", nil, &list)
	if len(list.Items) != 2 || list.Items[0].Code != "KGL" || list.Items[1].Code != "NBO" || list.Items[1].Timezone != "Africa/Nairobi" ||
		list.Items[0].Certificate == nil || list.Items[1].Certificate.Fingerprint != created.Certificate.Fingerprint {
		t.Errorf("sites %+v", list.Items)
	}

	var audit struct {
		Items []struct {
			Action   string `json:"action"`
			Username string `json:"username"`
		} `json:"items"`
	}
	op.Must(200, "GET", "/api/audit?action=site.", nil, &audit)
	if len(audit.Items) != 1 || audit.Items[0].Action != "site.create" || audit.Items[0].Username != "operator" {
		t.Errorf("audit of site actions: %+v", audit.Items)
	}
}

// TestNewSiteSignsItsForms: a site created while the worker runs has its forms signed with its
// own new key from the first one (no restart); they verify against the new site's certificate
// and in pdfsig. After a rotation, the forms signed before still verify with the trust anchors
// loaded at start, and a reissued form is signed with the new key.
func TestNewSiteSignsItsForms(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1, Worker: true, SiteSigners: true})
	op := st.Login(t, "operator")
	var site siteOut
	op.Must(201, "POST", "/api/sites", map[string]any{"code": "NBO", "name": "Nairobi MHAC", "country": "KE", "timezone": "Africa/Nairobi"}, &site)
	oldCert := leafPool(t, filepath.Join(st.KeysDir, "site-NBO.crt"))

	nbo := st.AtSite(t, "NBO")
	signed := clinictest.SignPeople(t, nbo, clinictest.DemoPeople[1:2]) // the Canada person
	ctx := context.Background()
	doc := nbo.Actors["physician"]
	var before [][]byte
	for _, f := range signed[0].Forms {
		_, b, err := st.Svc.FormFile(ctx, doc, f.ID)
		if err != nil {
			t.Fatal(err)
		}
		checkSiteSignature(t, b, "Nairobi MHAC", oldCert, st.Roots)
		checkPDF(t, b)
		if out, _ := exec.Command("pdfsig", writePDF(t, b)).CombinedOutput(); !strings.Contains(string(out), "Common Name: Nairobi MHAC") {
			t.Errorf("pdfsig does not name the new site:\n%s", out)
		}
		before = append(before, b)
	}

	var rotated siteOut
	op.Must(200, "POST", "/api/sites/NBO/key/rotate", nil, &rotated)
	if rotated.Certificate == nil || rotated.Certificate.Fingerprint == site.Certificate.Fingerprint || rotated.Certificate.Retired != 1 {
		t.Fatalf("rotation: %+v", rotated.Certificate)
	}
	newCert := leafPool(t, filepath.Join(st.KeysDir, "site-NBO.crt"))
	for _, b := range before {
		checkSiteSignature(t, b, "Nairobi MHAC", oldCert, st.Roots) // still valid with the anchors of before
	}
	// An addendum reissues the forms: the running worker signs them with the new key.
	ch, err := st.Svc.Chart(ctx, doc, signed[0].AssessmentID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Svc.AddAddendum(ctx, doc, signed[0].AssessmentID, ch.Assessment.Version, "Weight corrected after the rotation test."); err != nil {
		t.Fatal(err)
	}
	var reissued string
	for deadline := time.Now().Add(90 * time.Second); reissued == ""; time.Sleep(100 * time.Millisecond) {
		forms, err := st.Svc.FormsOf(ctx, doc, signed[0].AssessmentID)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range forms {
			if f.Status == clinic.FormValid && f.ID != signed[0].Forms[0].ID {
				reissued = f.ID
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no form reissued within 90 s: %+v", forms)
		}
	}
	_, b, err := st.Svc.FormFile(ctx, doc, reissued)
	if err != nil {
		t.Fatal(err)
	}
	checkSiteSignature(t, b, "Nairobi MHAC", newCert, st.Roots)
	if r, _ := pades.Verify(b, oldCert); r.Valid {
		t.Error("a form reissued after the rotation is still signed with the old key")
	}
	var audit struct {
		Items []struct {
			Action string `json:"action"`
		} `json:"items"`
	}
	op.Must(200, "GET", "/api/audit?action=site.key_rotate", nil, &audit)
	if len(audit.Items) != 1 {
		t.Errorf("the rotation is not audited: %+v", audit.Items)
	}
}

// checkSiteSignature verifies a form against the site's own certificate alone and against the
// deployment's trust anchors.
func checkSiteSignature(t *testing.T, pdf []byte, site string, own, roots *x509.CertPool) {
	t.Helper()
	for name, pool := range map[string]*x509.CertPool{"the site's certificate": own, "the deployment's anchors": roots} {
		r, err := pades.Verify(pdf, pool)
		if err != nil || !r.Valid || r.Signer != site {
			t.Errorf("against %s: valid=%v signer %q problem %q err %v; want signed by %s", name, r.Valid, r.Signer, r.Problem, err, site)
		}
	}
}

func leafPool(t *testing.T, file string) *x509.CertPool {
	t.Helper()
	pool, err := pades.LoadRoots(file)
	if err != nil {
		t.Fatal(err)
	}
	return pool
}

func writePDF(t *testing.T, b []byte) string {
	t.Helper()
	f := filepath.Join(t.TempDir(), "form.pdf")
	if err := os.WriteFile(f, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return f
}
