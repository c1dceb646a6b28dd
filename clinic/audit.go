package clinic

import (
	"context"
	"encoding/base64"
	"strconv"
	"strings"
	"time"
)

// AuditFilter narrows an audit search. Every field is optional; rows come newest first.
type AuditFilter struct {
	SiteID string // set by the Service: an administrator of one site reads that site's rows only
	// Username is the user who acted.
	Username string
	// Record is the id of any record (case, person, assessment, form); a person's id finds the
	// rows of their assessments and forms too.
	Record string
	// Action is an exact action ("form.download") or a family ending in a dot ("session.").
	Action   string
	From, To time.Time // To is exclusive
	Limit    int
	Cursor   string
	BeforeID int64 // what Cursor decodes to, for the store
}

// AuditRow is one stored audit row, with its place in the log.
type AuditRow struct {
	ID int64
	AuditEntry
}

// AuditChain checks the audit log's hash chain; the PostgreSQL store implements it.
type AuditChain interface {
	VerifyAudit(ctx context.Context) (int64, error)
}

// ChainCheck is what a check of the audit log's hash chain found.
type ChainCheck struct {
	Intact  bool
	Rows    int64  // sealed rows recomputed
	Problem string // the first seal that does not match, when not intact
	At      time.Time
}

const (
	auditPageDefault = 50
	auditPageMax     = 200
)

// SearchAudit lists audit rows, newest first, a page at a time: a deployment-wide
// administrator reads every site's rows, another administrator those of the own site.
//
// Errors: forbidden, validation (a bad cursor, a date range that ends before it starts).
func (s *Service) SearchAudit(ctx context.Context, a Actor, f AuditFilter) (Page[AuditRow], error) {
	if err := a.May(PermReadAudit); err != nil {
		return Page[AuditRow]{}, err
	}
	f.SiteID = a.SiteID
	if a.DeploymentWide {
		f.SiteID = ""
	}
	var p Problems
	if !f.From.IsZero() && !f.To.IsZero() && !f.To.After(f.From) {
		p.Add("to", "before_from", "The end of the range must come after its start.")
	}
	f.Username = strings.ToLower(strings.TrimSpace(f.Username))
	f.Record = strings.TrimSpace(f.Record)
	f.Action = strings.TrimSpace(f.Action)
	if len(f.Username) > MaxUsernameLen || len(f.Record) > 64 || len(f.Action) > 64 {
		p.Add("q", "too_long", "Search for a username, a record id or an action.")
	}
	if f.Cursor != "" {
		raw, err := base64.RawURLEncoding.DecodeString(f.Cursor)
		id, err2 := strconv.ParseInt(strings.TrimPrefix(string(raw), "a1|"), 10, 64)
		if err != nil || err2 != nil || !strings.HasPrefix(string(raw), "a1|") || id <= 0 {
			p.Add("cursor", "invalid_cursor", "This cursor is not one the list gave; start again from the first page.")
		}
		f.BeforeID = id
	}
	if err := p.Err(); err != nil {
		return Page[AuditRow]{}, err
	}
	if f.Limit <= 0 || f.Limit > auditPageMax {
		f.Limit = auditPageDefault
	}
	limit := f.Limit
	f.Limit++
	var rows []AuditRow
	err := s.store.Tx(ctx, func(tx Tx) error {
		var err error
		if rows, err = tx.SearchAudit(ctx, f); err != nil {
			return err
		}
		e := s.audit(a, "audit.search", "audit", f.Record)
		e.Detail = strings.TrimSpace("user=" + f.Username + " action=" + f.Action)
		return tx.Audit(ctx, e)
	})
	if err != nil {
		return Page[AuditRow]{}, err
	}
	if len(rows) <= limit {
		return Page[AuditRow]{Items: rows}, nil
	}
	next := base64.RawURLEncoding.EncodeToString([]byte("a1|" + strconv.FormatInt(rows[limit-1].ID, 10)))
	return Page[AuditRow]{Items: rows[:limit], Next: next}, nil
}

// VerifyAuditChain recomputes the audit log's hash chain over every sealed row (as
// `mhac audit verify` does) and says whether it is intact.
//
// Errors: forbidden, unavailable (the store cannot check the chain).
func (s *Service) VerifyAuditChain(ctx context.Context, a Actor) (ChainCheck, error) {
	if err := a.May(PermReadAudit); err != nil {
		return ChainCheck{}, err
	}
	chain, ok := s.store.(AuditChain)
	if !ok {
		return ChainCheck{}, Errorf(EUnavailable, "This store cannot check the audit chain.")
	}
	n, err := chain.VerifyAudit(ctx)
	c := ChainCheck{Intact: err == nil, Rows: n, At: s.clock.Now()}
	if err != nil {
		if ctx.Err() != nil {
			return ChainCheck{}, Errorf(EUnavailable, "The check took longer than the request may; run `mhac audit verify`.")
		}
		c.Problem = err.Error()
	}
	return c, nil
}
