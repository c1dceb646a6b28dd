package api

import (
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"

	"github.com/gin-gonic/gin"
)

// appPolicy is the Content-Security-Policy of every answer: the web app loads its scripts,
// styles and data from this origin only, runs no inline script, and may not be framed.
const appPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; " +
	"connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// securityHeaders sets the Content-Security-Policy and the usual protective headers on every
// answer: API, web app, verification page and queue dashboard alike.
func (s *Server) securityHeaders(c *gin.Context) {
	h := c.Writer.Header()
	policy := appPolicy
	if s.monitorPolicy != "" && strings.HasPrefix(c.Request.URL.Path, queueMonitorPath) {
		policy = s.monitorPolicy
	}
	h.Set("Content-Security-Policy", policy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
	// The camera is the registrar's (a person's photo), from this origin only.
	h.Set("Permissions-Policy", "camera=(self), microphone=(), geolocation=(), payment=(), usb=()")
	if s.cfg.SecureCookie {
		h.Set("Strict-Transport-Security", "max-age=31536000")
	}
	c.Next()
}

var inlineScript = regexp.MustCompile(`(?s)<script>(.*?)</script>`)

// monitorPolicyOf builds the queue dashboard's policy. asynqmon's page starts with two inline
// scripts (its settings and its loader); they are allowed by their SHA-256, read from the page
// the dashboard serves, and nothing else inline runs. Its component library injects <style>
// elements, so styles alone may be inline there.
func monitorPolicyOf(mon http.Handler) string {
	rec := httptest.NewRecorder()
	mon.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, queueMonitorPath+"/", nil))
	var hashes []string
	for _, m := range inlineScript.FindAllSubmatch(rec.Body.Bytes(), -1) {
		sum := sha256.Sum256(m[1])
		hashes = append(hashes, "'sha256-"+base64.StdEncoding.EncodeToString(sum[:])+"'")
	}
	return "default-src 'self'; script-src 'self' " + strings.Join(hashes, " ") + "; style-src 'self' 'unsafe-inline'; " +
		"img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
}
