// Package frontend carries the built workstation web app (frontend/dist) inside the binary and
// serves it: hashed assets cached for a year, index.html for every client-side route.
package frontend

import (
	"bytes"
	"embed"
	"io"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"
)

// Dist is the output of `npm run build`. It holds only dist/.gitkeep until the UI is built.
//
//go:embed all:dist
var Dist embed.FS

const notBuilt = "The web app is not built: run `make ui`.\n"

// contentSecurityPolicy allows the app's own scripts, styles and API only.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

// Handler serves the embedded app. Mount it for every path the API does not own.
func Handler() http.Handler {
	sub, err := fs.Sub(Dist, "dist")
	if err != nil {
		// Cannot happen with a literal, valid directory name; serve the "not built" answer anyway.
		return handlerFor(nil)
	}
	return handlerFor(sub)
}

// handlerFor serves fsys as the app; split from Handler so tests can give their own files.
func handlerFor(fsys fs.FS) http.Handler {
	var index []byte
	if fsys != nil {
		index, _ = fs.ReadFile(fsys, "index.html")
	}
	if index == nil {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			w.Header().Set("Cache-Control", "no-store")
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = io.WriteString(w, notBuilt)
		})
	}
	return &app{fsys: fsys, index: index, started: time.Now()}
}

type app struct {
	fsys    fs.FS
	index   []byte
	started time.Time
}

func (a *app) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "Method not allowed.", http.StatusMethodNotAllowed)
		return
	}
	w.Header().Set("X-Content-Type-Options", "nosniff")
	p := path.Clean("/" + r.URL.Path)
	if p == "/api" || strings.HasPrefix(p, "/api/") {
		// The API owns /api; an unknown API path must not answer with the app's HTML.
		http.NotFound(w, r)
		return
	}
	name := strings.TrimPrefix(p, "/")
	if name != "" && name != "index.html" && !hidden(name) {
		if a.serveFile(w, r, name) {
			return
		}
		// A missing hashed asset is a 404, never index.html: a browser would run HTML as script.
		if strings.HasPrefix(name, "assets/") || path.Ext(name) != "" {
			http.NotFound(w, r)
			return
		}
	}
	// Every other path is a client-side route (/chart/…, /verify/…): the app decides.
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("Referrer-Policy", "same-origin")
	http.ServeContent(w, r, "index.html", a.started, bytes.NewReader(a.index))
}

// serveFile writes the named file if it exists and is a regular file.
func (a *app) serveFile(w http.ResponseWriter, r *http.Request, name string) bool {
	data, err := fs.ReadFile(a.fsys, name)
	if err != nil {
		return false
	}
	if strings.HasPrefix(name, "assets/") {
		// Vite puts a content hash in every asset's name, so the bytes behind a name never change.
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		w.Header().Set("Cache-Control", "no-cache")
	}
	http.ServeContent(w, r, name, a.started, bytes.NewReader(data))
	return true
}

// hidden reports dotfiles such as .gitkeep, which are not part of the app.
func hidden(name string) bool {
	for _, part := range strings.Split(name, "/") {
		if strings.HasPrefix(part, ".") {
			return true
		}
	}
	return false
}
