package api_test

import (
	"crypto/sha256"
	"encoding/base64"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/mhac-clinic/mhac/internal/clinictest"
)

// TestSecurityHeadersEverywhere checks the Content-Security-Policy and the usual headers on every
// kind of answer: API, problem, verification page, the queue dashboard, and its inline scripts
// allowed by hash only.
func TestSecurityHeadersEverywhere(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1})
	admin := st.Login(t, "admin")
	cookie := admin.Cookie()
	get := func(path string, withSession bool) *http.Response {
		req, _ := http.NewRequest("GET", st.URL+path, nil)
		if withSession {
			req.AddCookie(cookie)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { resp.Body.Close() })
		return resp
	}
	for _, c := range []struct {
		path    string
		session bool
		status  int
	}{
		{"/healthz", false, 200},
		{"/api/openapi.json", false, 200},
		{"/api/session", true, 200},
		{"/api/verify/no-such-token-000", false, 404},
		{"/api/nothing", false, 404},
		{"/board", false, 404}, // no web app in this test server: the 404 still carries the headers
		{"/admin/queues/", true, 200},
		{"/admin/queues/api/queues", true, 200},
	} {
		resp := get(c.path, c.session)
		h := resp.Header
		csp := h.Get("Content-Security-Policy")
		if resp.StatusCode != c.status || !strings.Contains(csp, "frame-ancestors 'none'") || !strings.Contains(csp, "object-src 'none'") ||
			strings.Contains(csp, "'unsafe-eval'") || h.Get("X-Content-Type-Options") != "nosniff" || h.Get("X-Frame-Options") != "DENY" ||
			h.Get("Referrer-Policy") != "same-origin" || h.Get("Cross-Origin-Opener-Policy") != "same-origin" {
			t.Errorf("%s: %d, headers %v", c.path, resp.StatusCode, h)
		}
		if !strings.HasPrefix(c.path, "/admin/queues") && (strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "script-src 'self';")) {
			t.Errorf("%s: the policy is not strict: %s", c.path, csp)
		}
	}
	// The dashboard's page runs inline scripts: each must be allowed by its hash, and no
	// 'unsafe-inline' script may be.
	resp := get("/admin/queues/", true)
	page, _ := io.ReadAll(resp.Body)
	csp := resp.Header.Get("Content-Security-Policy")
	scripts := regexp.MustCompile(`(?s)<script>(.*?)</script>`).FindAllSubmatch(page, -1)
	if len(scripts) == 0 {
		t.Fatal("the dashboard page has no inline script to check")
	}
	scriptSrc := csp[strings.Index(csp, "script-src"):]
	scriptSrc = scriptSrc[:strings.Index(scriptSrc, ";")]
	if strings.Contains(scriptSrc, "unsafe-inline") {
		t.Fatalf("the dashboard allows any inline script: %s", csp)
	}
	for _, s := range scripts {
		sum := sha256.Sum256(s[1])
		if h := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"; !strings.Contains(scriptSrc, h) {
			t.Errorf("inline script %.40q is not allowed by %s", s[1], scriptSrc)
		}
	}
}

// TestJSONWritesNeedJSON checks that a write whose body is not declared JSON is refused with 415:
// a page of another site can post a form or text/plain without asking, but not JSON.
func TestJSONWritesNeedJSON(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1})
	body := `{"username":"nurse","password":"` + clinictest.Password + `"}`
	for _, ct := range []string{"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", ""} {
		req, _ := http.NewRequest("POST", st.URL+"/api/session", strings.NewReader(body))
		if ct != "" {
			req.Header.Set("Content-Type", ct)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		p := clinictest.ProblemOf(t, raw)
		if resp.StatusCode != 415 || p.Code != "unsupported_media_type" || resp.Header.Get("Set-Cookie") != "" {
			t.Errorf("login with Content-Type %q: %d %s", ct, resp.StatusCode, raw)
		}
	}
	reg := st.Login(t, "registrar")
	reg.Header.Set("Content-Type", "text/plain")
	if code, raw := reg.Do("POST", "/api/cases", newCaseBody("RW-CT-1"), nil); code != 415 {
		t.Fatalf("a logged-in write as text/plain: %d %s", code, raw)
	}
}

// TestQueueDashboardOfflineAndCSRF checks that the dashboard's page fetches nothing from the
// internet (no web fonts), loads the script that adds the CSRF token first, and that its own
// buttons work with the session's token and are refused without it.
func TestQueueDashboardOfflineAndCSRF(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1})
	admin := st.Login(t, "admin")
	code, page := admin.Do("GET", "/admin/queues/", nil, nil)
	if code != 200 || strings.Contains(string(page), "https://") || !strings.Contains(string(page), `<script src="/admin/queues/mhac-csrf.js">`) {
		t.Fatalf("dashboard page: %d %s", code, page)
	}
	code, js := admin.Do("GET", "/admin/queues/mhac-csrf.js", nil, nil)
	if code != 200 || !strings.Contains(string(js), "X-CSRF-Token") || !strings.Contains(string(js), "/api/session") {
		t.Fatalf("the CSRF script: %d %s", code, js)
	}
	if code, raw := admin.Do("POST", "/admin/queues/api/queues/forms:pause", nil, nil); code/100 != 2 {
		t.Fatalf("pausing a queue with the CSRF token: %d %s", code, raw)
	}
	admin.Must(204, "POST", "/admin/queues/api/queues/forms:resume", nil, nil)
	admin.DropCSRF()
	code, raw := admin.Do("POST", "/admin/queues/api/queues/forms:pause", nil, nil)
	if code != 403 || !strings.Contains(string(raw), "csrf_failed") {
		t.Fatalf("pausing a queue without the CSRF token: %d %s", code, raw)
	}
}
