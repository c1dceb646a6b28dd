package api

import (
	"bytes"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"
)

// idempotent replays the first answer to a POST repeated with the same Idempotency-Key by the
// same user on the same path (a double click, a retry after a dropped connection), so the
// record is created once. Only successful answers are kept: a refused request may be retried.
func (s *Server) idempotent(c *gin.Context) {
	key := c.GetHeader("Idempotency-Key")
	if c.Request.Method != http.MethodPost || key == "" {
		c.Next()
		return
	}
	scoped := c.Request.URL.Path + " " + key
	a := actor(c)
	if prev, ok, err := s.svc.Idempotent(c.Request.Context(), a, scoped); err != nil {
		fail(c, err)
		return
	} else if ok {
		status, body := decodeKept(prev)
		c.Header("Idempotent-Replay", "true")
		c.Data(status, "application/json; charset=utf-8", body)
		c.Abort()
		return
	}
	rec := &recorder{ResponseWriter: c.Writer}
	c.Writer = rec
	c.Next()
	if st := rec.Status(); st >= 200 && st < 300 {
		if err := s.svc.RememberIdempotent(c.Request.Context(), a, scoped, encodeKept(st, rec.body.Bytes())); err != nil {
			// The change is saved; only the replay is lost, and a retry then meets the version check.
			logFailure(c, err)
		}
	}
}

// recorder keeps a copy of the answer while writing it.
type recorder struct {
	gin.ResponseWriter
	body bytes.Buffer
}

func (r *recorder) Write(b []byte) (int, error) {
	r.body.Write(b)
	return r.ResponseWriter.Write(b)
}

// A kept answer is its status, a newline, and its body.
func encodeKept(status int, body []byte) []byte {
	return append([]byte(strconv.Itoa(status)+"\n"), body...)
}

func decodeKept(b []byte) (int, []byte) {
	if i := bytes.IndexByte(b, '\n'); i > 0 {
		if st, err := strconv.Atoi(string(b[:i])); err == nil {
			return st, b[i+1:]
		}
	}
	return http.StatusOK, b // an answer kept before statuses were: the body alone
}
