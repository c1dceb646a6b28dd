package api_test

import (
	"net/url"
	"testing"

	"github.com/mhac-clinic/mhac/internal/clinictest"
)

type auditPage struct {
	Items []struct {
		ID       int64  `json:"id"`
		Username string `json:"username"`
		Action   string `json:"action"`
		RecordID string `json:"record_id"`
	} `json:"items"`
	Next string `json:"next"`
}

// TestAuditSearch searches by user, action family, record and dates, pages with the cursor,
// keeps a site admin to the own site, and checks the hash chain.
func TestAuditSearch(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1})
	otherSite(t, st)
	for i := 0; i < 3; i++ {
		st.Login(t, "nurse")
	}
	st.Login(t, "nurse.nbo")
	admin := st.Login(t, "admin")
	nurseID := st.Actors["nurse"].UserID

	var p auditPage
	admin.Must(200, "GET", "/api/audit?user=nurse&action=session.", nil, &p)
	if len(p.Items) != 3 {
		t.Fatalf("the nurse's logins: %+v", p.Items)
	}
	for i, it := range p.Items {
		if it.Username != "nurse" || it.Action != "session.login" || it.RecordID != nurseID || (i > 0 && it.ID >= p.Items[i-1].ID) {
			t.Fatalf("row %d: %+v", i, it)
		}
	}
	admin.Must(200, "GET", "/api/audit?record="+nurseID+"&limit=2", nil, &p)
	if len(p.Items) != 2 || p.Next == "" {
		t.Fatalf("page 1 of 3: %d rows, next %q", len(p.Items), p.Next)
	}
	var p2 auditPage
	admin.Must(200, "GET", "/api/audit?record="+nurseID+"&limit=2&cursor="+url.QueryEscape(p.Next), nil, &p2)
	if len(p2.Items) != 1 || p2.Next != "" || p2.Items[0].ID >= p.Items[1].ID {
		t.Fatalf("page 2: %+v next %q", p2.Items, p2.Next)
	}
	admin.Must(200, "GET", "/api/audit?user=nurse.nbo", nil, &p)
	if len(p.Items) != 0 {
		t.Fatalf("a KGL admin reads NBO rows: %+v", p.Items)
	}
	var all auditPage
	st.Login(t, "operator").Must(200, "GET", "/api/audit?user=nurse.nbo", nil, &all)
	if len(all.Items) != 1 {
		t.Fatalf("the operator reads NBO rows: %+v", all.Items)
	}
	admin.Must(200, "GET", "/api/audit?user=nurse&from=2001-01-01&to=2001-01-31", nil, &p)
	if len(p.Items) != 0 {
		t.Fatalf("a range without rows: %+v", p.Items)
	}
	for q, field := range map[string]string{"from=2026-13-01": "from", "from=2026-02-02&to=2026-02-01": "to", "cursor=nope": "cursor", "limit=0": "limit"} {
		status, body := admin.Do("GET", "/api/audit?"+q, nil, nil)
		if pr := clinictest.ProblemOf(t, body); status != 422 || pr.Errors[0].Field != field {
			t.Errorf("?%s: %d %s", q, status, body)
		}
	}
	if status, _ := st.Login(t, "physician").Do("GET", "/api/audit", nil, nil); status != 403 {
		t.Errorf("a physician searches the audit log: %d", status)
	}

	if _, err := st.Store.Seal(t.Context(), 0); err != nil {
		t.Fatal(err)
	}
	var chain struct {
		Intact bool  `json:"intact"`
		Rows   int64 `json:"rows"`
	}
	admin.Must(200, "POST", "/api/audit/verify", nil, &chain)
	if !chain.Intact || chain.Rows < 6 {
		t.Fatalf("chain: %+v", chain)
	}
}
