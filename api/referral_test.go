package api_test

import (
	"encoding/base64"
	"strings"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/internal/clinictest"
)

type referralOut struct {
	ID            string `json:"id"`
	Specialty     string `json:"specialty"`
	Status        string `json:"status"`
	Rule          string `json:"rule"`
	BlocksSignoff bool   `json:"blocks_signoff"`
	Report        string `json:"report"`
	HasPDF        bool   `json:"has_pdf"`
	AnsweredBy    string `json:"answered_by"`
	DueOn         string `json:"due_on"`
	CaseNumber    string `json:"case_number"`
	Overdue       bool   `json:"overdue"`
}

type referralChart struct {
	ID        string        `json:"id"`
	Version   int           `json:"version"`
	Referrals []referralOut `json:"referrals"`
	Plan      struct {
		Pending []string `json:"pending"`
		Outcome struct {
			Codes []string `json:"codes"`
		} `json:"outcome"`
	} `json:"plan"`
}

// TestReferrals: the physician refers; bad input is refused field by field; the open referral is
// listed, then overdue once its day passes; a referral that holds the sign-off refuses it while
// open; the specialist's report (text and PDF) answers it, the PDF is read back, and the sign-off
// goes through. Nurses read the list; they do not refer.
func TestReferrals(t *testing.T) {
	clock := &testClock{now: time.Date(2026, 12, 3, 8, 0, 0, 0, time.UTC)}
	st := clinictest.New(t, clinictest.Options{RedisDB: 2, Clock: clock})
	_, id := registerOne(t, st, "RW-REF-1")
	nurse, doc := st.Login(t, "nurse"), st.Login(t, "physician")
	var ch referralChart
	nurse.Must(200, "PUT", "/api/assessments/"+id+"/history", map[string]any{"version": 1, "answers": []map[string]any{{"code": "fever", "answer": false}}}, &ch)
	nurse.Must(200, "PUT", "/api/assessments/"+id+"/vitals", map[string]any{"version": ch.Version, "height_cm": 160, "weight_kg": 55}, &ch)
	for _, step := range ch.Plan.Pending {
		who, value := st.Login(t, "lab"), "nonreactive"
		if step == "cxr" {
			who, value = st.Login(t, "radiology"), "normal"
		}
		who.Must(200, "POST", "/api/assessments/"+id+"/results", map[string]any{"version": ch.Version, "step": step, "value": value}, &ch)
	}

	path := "/api/assessments/" + id + "/referrals"
	code, raw := doc.Do("POST", path, map[string]any{"version": ch.Version, "specialty": " ", "reason": "", "urgency": "soon", "due_on": "2026-12-01"}, nil)
	if p := problemOf(t, raw); code != 422 || !hasFields(p, "specialty", "reason", "urgency", "due_on") {
		t.Fatalf("bad referral: %d %s", code, raw)
	}
	if code, _ := nurse.Do("POST", path, map[string]any{"version": ch.Version}, nil); code != 403 {
		t.Errorf("a nurse referring: %d", code)
	}
	req := map[string]any{"version": ch.Version, "specialty": "Cardiology", "reason": "Murmur grade 3/6 at the apex",
		"facility": "King Faisal Hospital", "urgency": "routine", "due_on": "2026-12-10", "blocks_signoff": true}
	doc.Must(200, "POST", path, req, &ch)
	if code, _ := doc.Do("POST", path, req, nil); code != 409 {
		t.Errorf("a stale version: %d", code)
	}
	if len(ch.Referrals) != 1 || ch.Referrals[0].Status != "open" || !ch.Referrals[0].BlocksSignoff || ch.Referrals[0].DueOn != "2026-12-10" {
		t.Fatalf("referral %+v", ch.Referrals)
	}
	ref := ch.Referrals[0]

	var list listOut[referralOut]
	nurse.Must(200, "GET", "/api/referrals", nil, &list)
	if len(list.Items) != 1 || list.Items[0].ID != ref.ID || list.Items[0].CaseNumber != "RW-REF-1" || list.Items[0].Overdue {
		t.Fatalf("open referrals %+v", list.Items)
	}
	nurse.Must(200, "GET", "/api/referrals?overdue=1", nil, &list)
	if len(list.Items) != 0 {
		t.Errorf("overdue before the due day: %+v", list.Items)
	}
	clock.Add(8 * 24 * time.Hour)
	doc, nurse = st.Login(t, "physician"), st.Login(t, "nurse")
	doc.Must(200, "GET", "/api/referrals?overdue=1", nil, &list)
	if len(list.Items) != 1 || !list.Items[0].Overdue {
		t.Errorf("overdue after the due day: %+v", list.Items)
	}

	doc.Must(200, "GET", "/api/assessments/"+id, nil, &ch)
	doc.Must(200, "PUT", "/api/assessments/"+id+"/classification", map[string]any{"version": ch.Version, "codes": ch.Plan.Outcome.Codes}, &ch)
	code, raw = doc.Do("POST", "/api/assessments/"+id+"/signoff", map[string]any{"version": ch.Version}, nil)
	if p := problemOf(t, raw); code != 422 || !hasFields(p, "referrals."+ref.ID) {
		t.Fatalf("signing with the referral open: %d %s", code, raw)
	}

	answer := "/api/assessments/" + id + "/referrals/" + ref.ID + "/answer"
	code, raw = doc.Do("POST", answer, map[string]any{"version": ch.Version, "report": "Seen", "pdf": base64.StdEncoding.EncodeToString([]byte("GIF89a"))}, nil)
	if p := problemOf(t, raw); code != 422 || !hasFields(p, "pdf") {
		t.Errorf("a report that is not a PDF: %d %s", code, raw)
	}
	code, raw = doc.Do("POST", answer, map[string]any{"version": ch.Version, "report": "Seen", "pdf": base64.StdEncoding.EncodeToString(append([]byte("%PDF-1.7\n"), make([]byte, 600<<10)...))}, nil)
	if p := problemOf(t, raw); code != 422 || !hasFields(p, "pdf") {
		t.Errorf("a report PDF over 512 KiB: %d %s", code, raw)
	}
	pdf := []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
	doc.Must(200, "POST", answer, map[string]any{"version": ch.Version, "report": "Innocent flow murmur; no restriction to travel.",
		"pdf": base64.StdEncoding.EncodeToString(pdf)}, &ch)
	if r := ch.Referrals[0]; r.Status != "answered" || !r.HasPDF || !strings.Contains(r.Report, "Innocent") || r.AnsweredBy == "" {
		t.Fatalf("answered referral %+v", r)
	}
	if code, _ := doc.Do("POST", answer, map[string]any{"version": ch.Version, "report": "again"}, nil); code != 409 {
		t.Errorf("answering twice: %d", code)
	}
	if got := nurse.Must(200, "GET", "/api/referrals/"+ref.ID+"/report.pdf", nil, nil); string(got) != string(pdf) {
		t.Errorf("the report PDF read back: %q", got)
	}
	if code, _ := nurse.Do("GET", "/api/referrals/00000000-0000-0000-0000-000000000000/report.pdf", nil, nil); code != 404 {
		t.Errorf("no such report: %d", code)
	}
	nurse.Must(200, "GET", "/api/referrals", nil, &list)
	if len(list.Items) != 0 {
		t.Errorf("an answered referral is still listed: %+v", list.Items)
	}
	doc.Must(200, "POST", "/api/assessments/"+id+"/signoff", map[string]any{"version": ch.Version}, &ch)
}

func hasFields(p problemOut, fields ...string) bool {
	for _, f := range fields {
		found := false
		for _, e := range p.Errors {
			found = found || e.Field == f
		}
		if !found {
			return false
		}
	}
	return true
}
