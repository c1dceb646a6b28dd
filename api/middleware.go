package api

import (
	"context"
	"crypto/subtle"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/mhac-clinic/mhac/clinic"
)

const (
	sessionCookie = "mhac_session"
	csrfHeader    = "X-CSRF-Token"
	keyRequestID  = "request_id"
	keyUser       = "user"
	keySession    = "session"
	keyAccount    = "account"
)

// requestID gives every request an id, echoed in the response and in every log line and audit row.
func (s *Server) requestID(c *gin.Context) {
	id := c.GetHeader("X-Request-ID")
	if id == "" || len(id) > 64 {
		id = clinic.NewToken(12)
	}
	c.Set(keyRequestID, id)
	c.Header("X-Request-ID", id)
	c.Next()
}

func requestID(c *gin.Context) string { return c.GetString(keyRequestID) }

// logRequests logs method, route, status and duration (never bodies or clinical data), and
// reports them to the metrics when configured.
func (s *Server) logRequests(c *gin.Context) {
	start := time.Now()
	c.Next()
	d := time.Since(start)
	slog.Info("http", "request_id", requestID(c), "method", c.Request.Method, "route", c.FullPath(),
		"status", c.Writer.Status(), "ms", d.Milliseconds())
	if s.cfg.ObserveRequest != nil {
		s.cfg.ObserveRequest(c.FullPath(), c.Request.Method, c.Writer.Status(), d)
	}
}

// recoverPanics turns a panic into a logged 500, so one bad request never takes the server down.
func (s *Server) recoverPanics(c *gin.Context) {
	defer func() {
		if r := recover(); r != nil {
			fail(c, clinic.Internal(fmt.Errorf("panic: %v", r), "panic"))
		}
	}()
	c.Next()
}

// deadline gives every request a deadline, so no query or wait outlives what a client waits for.
func (s *Server) deadline(c *gin.Context) {
	ctx, cancel := context.WithTimeout(c.Request.Context(), s.cfg.RequestTimeout)
	defer cancel()
	c.Request = c.Request.WithContext(ctx)
	c.Next()
}

// guard enforces a route's permission: public routes pass; others need a valid session, a role
// holding the route's permission (clinic.Permissions), and on writes the session's CSRF token.
func (s *Server) guard(r route) gin.HandlerFunc {
	return func(c *gin.Context) {
		if r.Public {
			c.Next()
			return
		}
		token, _ := c.Cookie(sessionCookie)
		u, sess, err := s.svc.SessionUser(c.Request.Context(), token)
		if err != nil {
			fail(c, err)
			return
		}
		if !safeMethod(c.Request.Method) {
			got := c.GetHeader(csrfHeader)
			if got == "" || subtle.ConstantTimeCompare([]byte(got), []byte(sess.CSRFToken)) != 1 {
				fail(c, &clinic.Error{Code: codeCSRF, Message: "Reload the page: the request lacks the session's CSRF token."})
				return
			}
		}
		if u.MustEnrol && r.Perm != clinic.PermOwnSession {
			fail(c, clinic.Errorf(clinic.EEnrolSecondFactor, "Your role logs in with a second factor: set one up before anything else."))
			return
		}
		a := clinic.ActorOf(u, requestID(c), c.ClientIP())
		if err := a.May(r.Perm); err != nil {
			fail(c, err)
			return
		}
		c.Set(keyUser, a)
		c.Set(keySession, sess)
		c.Set(keyAccount, u)
		c.Next()
	}
}

func safeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions
}

// actor returns the logged-in actor that guard stored.
func actor(c *gin.Context) clinic.Actor {
	a, _ := c.Get(keyUser)
	act, _ := a.(clinic.Actor)
	return act
}
