package api_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/mhac-clinic/mhac/internal/clinictest"
)

// TestPanelPages: the panel's list answers {"items", "next"}; following "next" gives the next
// page until "next" is null, and a cursor or limit the server did not make is a field problem.
func TestPanelPages(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1, Worker: true})
	signedAdult(t, st, "RW-PAGE-1")
	signedAdult(t, st, "RW-PAGE-2")
	us := st.Login(t, "panel.us")
	type page struct {
		Items []struct {
			CaseNumber string `json:"case_number"`
			Forms      []json.RawMessage
		} `json:"items"`
		Next *string `json:"next"`
	}
	var p1, p2 page
	us.Must(200, "GET", "/api/panel/applicants?limit=1", nil, &p1)
	if len(p1.Items) != 1 || p1.Items[0].CaseNumber != "RW-PAGE-1" || p1.Next == nil || len(p1.Items[0].Forms) == 0 {
		t.Fatalf("first page: %+v", p1)
	}
	us.Must(200, "GET", "/api/panel/applicants?limit=1&cursor="+*p1.Next, nil, &p2)
	if len(p2.Items) != 1 || p2.Items[0].CaseNumber != "RW-PAGE-2" || p2.Next != nil {
		t.Fatalf("second page: %+v", p2)
	}
	raw := us.Must(200, "GET", "/api/panel/applicants", nil, nil)
	if strings.Contains(string(raw), `"next"`) || !strings.HasPrefix(string(raw), `{"items":[`) {
		t.Fatalf("one page holds both: %s", raw)
	}
	for q, field := range map[string]string{"cursor=abc": "cursor", "cursor=" + *p1.Next + "x": "cursor", "limit=0": "limit", "limit=x": "limit", "limit=9999": "limit"} {
		code, body := us.Do("GET", "/api/panel/applicants?"+q, nil, nil)
		if code != 422 || !strings.Contains(string(body), `"`+field+`"`) {
			t.Errorf("?%s: %d %s; want 422 naming %q", q, code, body, field)
		}
	}
}
