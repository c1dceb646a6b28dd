package frontend

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
)

func built() fstest.MapFS {
	return fstest.MapFS{
		"index.html":          {Data: []byte("<!doctype html><div id=app></div>")},
		"assets/index-abc.js": {Data: []byte("console.log(1)")},
		"favicon.svg":         {Data: []byte("<svg/>")},
		".gitkeep":            {Data: nil},
	}
}

func get(t *testing.T, h http.Handler, method, target string) *httptest.ResponseRecorder {
	t.Helper()
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(method, target, nil))
	return w
}

func TestHandler(t *testing.T) {
	h := handlerFor(built())
	tests := []struct {
		name, method, target string
		status               int
		cache, body, ctype   string
	}{
		{"root is the app", "GET", "/", 200, "no-cache", "<div id=app>", "text/html"},
		{"client route", "GET", "/chart/5d1c", 200, "no-cache", "<div id=app>", "text/html"},
		{"verify page", "GET", "/verify/abc123", 200, "no-cache", "<div id=app>", "text/html"},
		{"hashed asset cached", "GET", "/assets/index-abc.js", 200, "public, max-age=31536000, immutable", "console.log", "javascript"},
		{"other file not cached long", "GET", "/favicon.svg", 200, "no-cache", "<svg/>", "image/svg"},
		{"missing asset is 404", "GET", "/assets/gone-123.js", 404, "", "", ""},
		{"missing file with extension is 404", "GET", "/robots.txt", 404, "", "", ""},
		{"api is never the app", "GET", "/api/nothing", 404, "", "", ""},
		{"dotfiles hidden", "GET", "/.gitkeep", 200, "no-cache", "<div id=app>", "text/html"},
		{"traversal stays inside", "GET", "/../../etc/passwd", 200, "no-cache", "<div id=app>", "text/html"},
		{"head works", "HEAD", "/chart/1", 200, "no-cache", "", "text/html"},
		{"writes refused", "POST", "/chart/1", 405, "", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := get(t, h, tc.method, tc.target)
			if w.Code != tc.status {
				t.Fatalf("status = %d, want %d", w.Code, tc.status)
			}
			if got := w.Header().Get("Cache-Control"); tc.cache != "" && got != tc.cache {
				t.Errorf("Cache-Control = %q, want %q", got, tc.cache)
			}
			if tc.body != "" && !strings.Contains(w.Body.String(), tc.body) {
				t.Errorf("body = %q, want it to contain %q", w.Body.String(), tc.body)
			}
			if got := w.Header().Get("Content-Type"); tc.ctype != "" && !strings.Contains(got, tc.ctype) {
				t.Errorf("Content-Type = %q, want %q", got, tc.ctype)
			}
		})
	}
}

func TestHandlerNotBuilt(t *testing.T) {
	for _, fsys := range []fstest.MapFS{nil, {".gitkeep": {}}} {
		w := get(t, handlerFor(fsys), "GET", "/chart/1")
		if w.Code != http.StatusServiceUnavailable {
			t.Fatalf("status = %d, want 503", w.Code)
		}
		if !strings.Contains(w.Body.String(), "The web app is not built: run `make ui`.") {
			t.Errorf("body = %q", w.Body.String())
		}
	}
}

// The embedded Dist always has dist/ (at least .gitkeep), so Handler never fails to build.
func TestHandlerEmbedded(t *testing.T) {
	w := get(t, Handler(), "GET", "/")
	if w.Code != http.StatusOK && w.Code != http.StatusServiceUnavailable {
		t.Fatalf("status = %d, want 200 (built) or 503 (not built)", w.Code)
	}
}
