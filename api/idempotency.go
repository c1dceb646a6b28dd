package api

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/mhac-clinic/mhac/clinic"
)

const (
	keyClaim = "idempotency_claim"
	// replayWait is how long a repeat waits for the first request's answer, polling every
	// replayPoll: the first request has made its change and is writing its answer.
	replayWait = 10 * time.Second
	replayPoll = 25 * time.Millisecond
	// maxKeyedBody bounds the body read to compare a repeat with the first request.
	maxKeyedBody = 8 << 20
)

// idempotent makes a POST with an Idempotency-Key happen once per user and key (a double click,
// a retry after a dropped connection). The key is claimed in the transaction of the change it
// protects (clinic.IdempotencyClaim): of two requests racing with one key, one makes the change and
// both get its answer. A repeat gets the first answer, marked Idempotent-Replay: true; a key used
// again for a different request answers 422, never the first answer. Only changes that succeed
// keep their key: a refused request may be retried with it.
func (s *Server) idempotent(c *gin.Context) {
	key := c.GetHeader("Idempotency-Key")
	if c.Request.Method != http.MethodPost || key == "" {
		c.Next()
		return
	}
	body, err := io.ReadAll(io.LimitReader(c.Request.Body, maxKeyedBody))
	if err != nil {
		fail(c, &clinic.Error{Code: codeBadJSON, Message: "The request body could not be read."})
		return
	}
	c.Request.Body = io.NopCloser(bytes.NewReader(body))
	a := actor(c)
	scoped := c.Request.URL.Path + " " + key
	hash := requestHash(c.Request.Method, c.Request.URL.RequestURI(), body)
	kept, found, err := s.svc.Idempotent(c.Request.Context(), a, scoped)
	if err != nil {
		fail(c, err)
		return
	}
	if found {
		s.replay(c, a, scoped, hash, kept)
		return
	}
	claim := &clinic.IdempotencyClaim{UserID: a.UserID, Key: scoped, RequestHash: hash}
	c.Request = c.Request.WithContext(clinic.WithIdempotency(c.Request.Context(), claim))
	c.Set(keyClaim, claim)
	rec := &recorder{ResponseWriter: c.Writer}
	c.Writer = rec
	c.Next()
	if claim.Lost() {
		// Another request with this key made the change first; its answer is this one's too.
		c.Writer = rec.ResponseWriter
		s.replay(c, a, scoped, hash, clinic.KeptAnswer{RequestHash: hash})
		return
	}
	if st := rec.Status(); st >= 200 && st < 300 {
		if err := s.svc.RememberIdempotent(c.Request.Context(), a, scoped, hash, encodeAnswer(st, rec.body.Bytes())); err != nil {
			// The change is saved but its answer is not kept: a repeat with the key waits for it,
			// then answers 409 (conflict), so it is never made twice.
			logFailure(c, err)
		}
	}
}

// replay answers a repeated key: with the first answer when the request is the same, once the
// first request has been answered.
func (s *Server) replay(c *gin.Context, a clinic.Actor, scoped, hash string, kept clinic.KeptAnswer) {
	for deadline := time.Now().Add(replayWait); !kept.Answered && time.Now().Before(deadline); {
		time.Sleep(replayPoll)
		k, found, err := s.svc.Idempotent(c.Request.Context(), a, scoped)
		if err != nil {
			fail(c, err)
			return
		}
		if found {
			kept = k
		}
	}
	if kept.RequestHash != "" && kept.RequestHash != hash {
		const msg = "This Idempotency-Key was already used for a different request. Use a new key for a new request."
		fail(c, &clinic.Error{Code: clinic.EIdempotencyKey, Message: msg,
			Fields: []clinic.FieldError{{Field: "Idempotency-Key", Code: "key_reused", Message: msg}}})
		return
	}
	if !kept.Answered {
		fail(c, clinic.Errorf(clinic.EConflict, "A request with this Idempotency-Key is still being processed. Try again in a moment."))
		return
	}
	status, body := decodeAnswer(kept.Answer)
	c.Header("Idempotent-Replay", "true")
	c.Data(status, "application/json; charset=utf-8", body)
	c.Abort()
}

// lostClaim reports whether a handler's error only says that another request with the same key
// made the change first: then the middleware answers with that request's answer.
func lostClaim(c *gin.Context, err error) bool {
	v, ok := c.Get(keyClaim)
	claim, _ := v.(*clinic.IdempotencyClaim)
	return ok && claim != nil && claim.Lost() && clinic.IsCode(err, clinic.EConflict)
}

// requestHash identifies what a keyed request asks: its method, path and query, and body.
func requestHash(method, uri string, body []byte) string {
	h := sha256.New()
	h.Write([]byte(method + " " + uri + "\n"))
	h.Write(body)
	return hex.EncodeToString(h.Sum(nil))
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

func (r *recorder) WriteString(s string) (int, error) {
	r.body.WriteString(s)
	return r.ResponseWriter.WriteString(s)
}

// A kept answer is its status, a newline, and its body.
func encodeAnswer(status int, body []byte) []byte {
	return append([]byte(strconv.Itoa(status)+"\n"), body...)
}

func decodeAnswer(b []byte) (int, []byte) {
	if i := bytes.IndexByte(b, '\n'); i > 0 {
		if st, err := strconv.Atoi(string(b[:i])); err == nil {
			return st, b[i+1:]
		}
	}
	return http.StatusOK, b // an answer kept before statuses were: the body alone
}
