package api

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
)

// readyJSON is the answer of /readyz: whether this server can serve clinical work.
type readyJSON struct {
	Status string `json:"status"` // "ready" or "not_ready"
	// Replica is the read replica's state when one is configured: "ok", "lagging" or
	// "unavailable". The server stays ready without it: those reads go to the primary.
	Replica string `json:"replica,omitempty"`
}

// partJSON is the state of one part the clinic depends on.
type partJSON struct {
	Status string `json:"status"` // "ok", "unavailable" or "not_configured"
}

type queueHealthJSON struct {
	Status            string  `json:"status"`
	Undelivered       int     `json:"undelivered"`
	OldestUndelivered *string `json:"oldest_undelivered_at"`
	PendingForms      int     `json:"pending_forms"`
	OldestPendingForm *string `json:"oldest_pending_form_at"`
}

// healthJSON is the administrators' view: each part, and the work waiting on the queue.
type healthJSON struct {
	Status   string          `json:"status"` // "ok", or "degraded" while the queue is unavailable
	Database partJSON        `json:"database"`
	Queue    queueHealthJSON `json:"queue"`
	Replica  *partJSON       `json:"replica,omitempty"` // "ok", "lagging" or "unavailable"; absent without a replica
}

// readyz answers 200 when the server can serve clinical work, that is when PostgreSQL answers.
// Redis down does not stop clinical work (forms wait in the outbox), so it does not make the
// server unready; administrators see it in /api/admin/health. Causes go to the log, not to the
// answer. A read replica that is down or lagging does not make it unready either (the reads
// that would go to it go to the primary); its state is in the answer.
func (s *Server) readyz(c *gin.Context) {
	ctx, cancel := context.WithTimeout(c.Request.Context(), 2*time.Second)
	defer cancel()
	if err := s.svc.Ping(ctx); err != nil {
		slog.Warn("not ready: the database does not answer", "request_id", requestID(c), "err", logSafe(err))
		c.Header("Retry-After", retryUnavailable)
		c.JSON(http.StatusServiceUnavailable, readyJSON{Status: "not_ready", Replica: s.replicaState()})
		return
	}
	c.JSON(http.StatusOK, readyJSON{Status: "ready", Replica: s.replicaState()})
}

// replicaState is the read replica's state, "" when none is configured.
func (s *Server) replicaState() string {
	if s.cfg.ReplicaState == nil {
		return ""
	}
	return s.cfg.ReplicaState()
}

// queueStatus pings Redis; the cause of a failure is logged.
func (s *Server) queueStatus(c *gin.Context) string {
	if s.cfg.RedisPing == nil {
		return "not_configured"
	}
	ctx, cancel := context.WithTimeout(c.Request.Context(), 2*time.Second)
	defer cancel()
	if err := s.cfg.RedisPing(ctx); err != nil {
		slog.Warn("the queue (Redis) does not answer", "request_id", requestID(c), "err", logSafe(err))
		return "unavailable"
	}
	return "ok"
}

// adminHealth shows administrators each part and the backlog the database holds for the queue.
func (s *Server) adminHealth(c *gin.Context) {
	b, err := s.svc.Backlog(c.Request.Context(), actor(c))
	if err != nil {
		fail(c, err)
		return
	}
	out := healthJSON{Status: "ok", Database: partJSON{Status: "ok"}, Queue: queueHealthJSON{Status: s.queueStatus(c),
		Undelivered: b.Undelivered, OldestUndelivered: timeString(b.OldestUndelivered),
		PendingForms: b.PendingForms, OldestPendingForm: timeString(b.OldestPendingForm)}}
	if out.Queue.Status != "ok" {
		out.Status = "degraded"
	}
	if st := s.replicaState(); st != "" {
		out.Replica = &partJSON{Status: st}
		if st != "ok" {
			out.Status = "degraded"
		}
	}
	c.JSON(http.StatusOK, out)
}

func timeString(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := t.UTC().Format(time.RFC3339)
	return &s
}
