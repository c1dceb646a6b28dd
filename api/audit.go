package api

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/mhac-clinic/mhac/clinic"
)

// auditJSON is one audit row.
type auditJSON struct {
	ID        int64       `json:"id"`
	At        time.Time   `json:"at"`
	Username  string      `json:"username"`
	Role      clinic.Role `json:"role"`
	Action    string      `json:"action"`
	Record    string      `json:"record"`
	RecordID  string      `json:"record_id"`
	RequestID string      `json:"request_id"`
	IP        string      `json:"ip"`
	Detail    string      `json:"detail"`
}

// chainJSON is what a check of the audit log's hash chain found.
type chainJSON struct {
	Intact  bool      `json:"intact"`
	Rows    int64     `json:"rows"`
	Problem string    `json:"problem,omitempty"`
	At      time.Time `json:"at"`
}

// searchAudit reads ?user=&record=&action=&from=&to=&cursor=&limit=; from and to are dates
// (YYYY-MM-DD, both included) in the administrator's site's time zone.
func (s *Server) searchAudit(c *gin.Context) {
	var p clinic.Problems
	loc := time.UTC
	if u, ok := c.Get(keyAccount); ok {
		loc = u.(clinic.User).Site.Location()
	}
	f := clinic.AuditFilter{Username: c.Query("user"), Record: c.Query("record"), Action: c.Query("action"), Cursor: c.Query("cursor")}
	if d := dateField(&p, "from", c.Query("from")); !d.IsZero() {
		f.From = time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, loc)
	}
	if d := dateField(&p, "to", c.Query("to")); !d.IsZero() {
		f.To = time.Date(d.Year(), d.Month(), d.Day()+1, 0, 0, 0, 0, loc)
	}
	f.Limit = queryLimit(c, &p)
	if err := p.Err(); err != nil {
		fail(c, err)
		return
	}
	page, err := s.svc.SearchAudit(c.Request.Context(), actor(c), f)
	if err != nil {
		fail(c, err)
		return
	}
	out := make([]auditJSON, len(page.Items))
	for i, r := range page.Items {
		out[i] = auditJSON{ID: r.ID, At: r.At, Username: r.Username, Role: r.Role, Action: r.Action, Record: r.Record,
			RecordID: r.RecordID, RequestID: r.RequestID, IP: r.IP, Detail: r.Detail}
	}
	c.JSON(http.StatusOK, listOf(out, page.Next))
}

func (s *Server) verifyAuditChain(c *gin.Context) {
	ch, err := s.svc.VerifyAuditChain(c.Request.Context(), actor(c))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, chainJSON{Intact: ch.Intact, Rows: ch.Rows, Problem: ch.Problem, At: ch.At})
}
