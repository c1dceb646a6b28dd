package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestTestClock(t *testing.T) {
	c := &shiftClock{}
	next := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusTeapot) })
	h := withTestClock(next, c)
	do := func(method, body string) int {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(method, "/test/clock", strings.NewReader(body)))
		return rec.Code
	}
	if code := do("POST", `{"advance_hours": 48}`); code != 200 {
		t.Fatalf("advance: %d", code)
	}
	if d := time.Until(c.Now()); d < 47*time.Hour || d > 49*time.Hour {
		t.Fatalf("offset after 48 h: %v", d)
	}
	for _, bad := range []string{`{"advance_hours": -1}`, `{"x": 1}`, `{"reset": true, "advance_hours": 2}`, `nope`} {
		if code := do("POST", bad); code != 400 {
			t.Errorf("%s: %d, want 400", bad, code)
		}
	}
	if code := do("DELETE", ""); code != 405 {
		t.Errorf("DELETE: %d", code)
	}
	if code := do("POST", `{"reset": true}`); code != 200 || time.Until(c.Now()) > time.Minute {
		t.Fatalf("reset: %d, offset %v", code, time.Until(c.Now()))
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/api/session", nil))
	if rec.Code != http.StatusTeapot {
		t.Fatalf("other paths go to the app: %d", rec.Code)
	}
}
