package api

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"

	"github.com/gin-gonic/gin"
)

// The queue dashboard (asynqmon) is served as the clinic serves everything else: offline and
// behind the CSRF check. Its page links web fonts on the internet (Roboto, Material Icons); those
// links are taken out so the page loads with no internet and nothing leaves the clinic. Its
// buttons (pause, retry, delete) send writes with no CSRF token; a small script of ours, loaded
// first by the page, adds the session's token to every write the page sends.

// monitorCSRFScript is the path of the script that adds the CSRF token to the dashboard's writes.
const monitorCSRFScript = queueMonitorPath + "/mhac-csrf.js"

// monitorCSRFJS wraps XMLHttpRequest (the dashboard's axios uses it) and fetch: every write
// carries X-CSRF-Token, read once from GET /api/session.
const monitorCSRFJS = `(function () {
  var token = null;
  var ready = fetch('/api/session', { credentials: 'same-origin' })
    .then(function (r) { return r.ok ? r.json() : {}; })
    .then(function (s) { token = s.csrf_token || null; }, function () {});
  var safe = /^(GET|HEAD|OPTIONS)$/i;
  var open = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method) { this._mhacMethod = method; return open.apply(this, arguments); };
  XMLHttpRequest.prototype.send = function () {
    var xhr = this, args = arguments;
    if (safe.test(xhr._mhacMethod || 'GET')) return send.apply(xhr, args);
    ready.then(function () { if (token) xhr.setRequestHeader('X-CSRF-Token', token); send.apply(xhr, args); });
  };
  var f = window.fetch;
  window.fetch = function (input, init) {
    init = init || {};
    if (safe.test(init.method || 'GET')) return f(input, init);
    return ready.then(function () {
      var h = new Headers(init.headers || {});
      if (token) h.set('X-CSRF-Token', token);
      return f(input, Object.assign({}, init, { headers: h }));
    });
  };
})();
`

// webFontLink matches a <link> to a font service on the internet.
var webFontLink = regexp.MustCompile(`<link[^>]*href="https://fonts\.(googleapis|gstatic)\.com[^"]*"[^>]*>`)

// offlineMonitorPage rewrites the dashboard's HTML: no web fonts, our CSRF script first.
func offlineMonitorPage(page []byte) []byte {
	page = webFontLink.ReplaceAll(page, nil)
	tag := []byte(`<script src="` + monitorCSRFScript + `"></script>`)
	if i := bytes.Index(page, []byte("<head>")); i >= 0 {
		i += len("<head>")
		return append(page[:i:i], append(tag, page[i:]...)...)
	}
	return append(tag, page...)
}

// queueMonitor serves asynqmon with its page made offline and its writes CSRF-checked (the guard
// before it checks the token).
func queueMonitor(mon http.Handler) gin.HandlerFunc {
	return func(c *gin.Context) {
		r := c.Request
		if r.URL.Path == monitorCSRFScript {
			c.Header("Cache-Control", "no-cache")
			c.Data(http.StatusOK, "text/javascript; charset=utf-8", []byte(monitorCSRFJS))
			return
		}
		if r.Method != http.MethodGet || strings.HasPrefix(r.URL.Path, queueMonitorPath+"/api/") {
			mon.ServeHTTP(c.Writer, r)
			return
		}
		rec := httptest.NewRecorder()
		mon.ServeHTTP(rec, r)
		for k, v := range rec.Header() {
			c.Writer.Header()[k] = v
		}
		body := rec.Body.Bytes()
		if strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") {
			body = offlineMonitorPage(body)
			c.Writer.Header().Del("Content-Length")
		}
		c.Writer.WriteHeader(rec.Code)
		_, _ = c.Writer.Write(body)
	}
}
