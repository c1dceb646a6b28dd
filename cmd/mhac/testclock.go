package main

import (
	"encoding/json"
	"net/http"
	"sync/atomic"
	"time"
)

// shiftClock is the clinic's clock of a browser-test server (MHAC_TEST_CLOCK=1): the real time
// moved forward by an offset that POST /test/clock sets, so that a spec can let eight weeks of
// culture or a course of daily doses pass in seconds. A production server never has one.
type shiftClock struct{ offset atomic.Int64 }

func (c *shiftClock) Now() time.Time {
	return time.Now().UTC().Add(time.Duration(c.offset.Load()))
}

// testClockRequest: {"advance_hours": 24} moves the clock forward; {"reset": true} puts it back.
type testClockRequest struct {
	AdvanceHours int  `json:"advance_hours"`
	Reset        bool `json:"reset"`
}

type testClockAnswer struct {
	Now         time.Time `json:"now"`
	OffsetHours float64   `json:"offset_hours"`
}

// withTestClock serves /test/clock (GET: the clinic's time; POST: move it) before next. The
// clock only moves forward (the clinic's records must not go back in time) until a reset.
func withTestClock(next http.Handler, c *shiftClock) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/test/clock" {
			next.ServeHTTP(w, r)
			return
		}
		switch r.Method {
		case http.MethodGet:
		case http.MethodPost:
			var req testClockRequest
			dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1024))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&req); err != nil || req.AdvanceHours < 0 || req.AdvanceHours > 24*400 || (req.Reset && req.AdvanceHours != 0) {
				http.Error(w, `{"advance_hours": 0..9600, or "reset": true}`, http.StatusBadRequest)
				return
			}
			if req.Reset {
				c.offset.Store(0)
			} else {
				c.offset.Add(int64(time.Duration(req.AdvanceHours) * time.Hour))
			}
		default:
			w.Header().Set("Allow", "GET, POST")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(testClockAnswer{Now: c.Now(), OffsetHours: time.Duration(c.offset.Load()).Hours()})
	})
}
