package api_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/mhac-clinic/mhac/internal/clinictest"
)

// TestListShape checks that no answer of the API is a bare array: every list is
// {"items": [...], "next": "..."}.
func TestListShape(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1})
	type schema struct {
		Ref        string                     `json:"$ref"`
		Type       any                        `json:"type"`
		Properties map[string]json.RawMessage `json:"properties"`
	}
	var doc struct {
		Paths map[string]map[string]struct {
			Responses map[string]struct {
				Content map[string]struct {
					Schema schema `json:"schema"`
				} `json:"content"`
			} `json:"responses"`
		} `json:"paths"`
		Components struct {
			Schemas map[string]schema `json:"schemas"`
		} `json:"components"`
	}
	st.NewClient(t).Must(200, "GET", "/api/openapi.json", nil, &doc)
	lists := 0
	for p, ops := range doc.Paths {
		for m, op := range ops {
			s := op.Responses["200"].Content["application/json"].Schema
			if s.Ref != "" {
				s = doc.Components.Schemas[strings.TrimPrefix(s.Ref, "#/components/schemas/")]
			}
			if s.Type == "array" {
				t.Errorf("%s %s answers a bare array", strings.ToUpper(m), p)
			}
			if _, ok := s.Properties["items"]; ok {
				lists++
				if _, ok := s.Properties["next"]; !ok || len(s.Properties) != 2 {
					t.Errorf("%s %s: a list answer is {items, next}, not %v", strings.ToUpper(m), p, s.Properties)
				}
			}
		}
	}
	if lists < 10 {
		t.Errorf("only %d list answers described", lists)
	}
}

// TestCasePaging follows the cursor of the case search through every page: each case once,
// newest first, and a made-up cursor is refused with a field problem.
func TestCasePaging(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1})
	for i := 1; i <= 5; i++ {
		registerOne(t, st, fmt.Sprintf("RW-PAGE-%d", i))
	}
	reg := st.Login(t, "registrar")
	var seen []string
	next, pages := "", 0
	for {
		var page struct {
			Items []struct {
				CaseNumber string `json:"case_number"`
			} `json:"items"`
			Next string `json:"next"`
		}
		reg.Must(200, "GET", "/api/cases?q=RW-PAGE&limit=2&cursor="+next, nil, &page)
		pages++
		for _, c := range page.Items {
			seen = append(seen, c.CaseNumber)
		}
		if page.Next == "" {
			break
		}
		if pages > 5 {
			t.Fatalf("the cursor does not end: %v", seen)
		}
		next = page.Next
	}
	if got := strings.Join(seen, " "); pages != 3 || got != "RW-PAGE-5 RW-PAGE-4 RW-PAGE-3 RW-PAGE-2 RW-PAGE-1" {
		t.Fatalf("%d pages: %s", pages, got)
	}
	for _, bad := range []string{"cursor=nonsense", "cursor=YzF8eHx5", "limit=two"} {
		code, raw := reg.Do("GET", "/api/cases?q=RW-PAGE&"+bad, nil, nil)
		if p := clinictest.ProblemOf(t, raw); code != 422 || len(p.Errors) == 0 {
			t.Errorf("%s: %d %s", bad, code, raw)
		}
	}
	var board struct {
		Items []json.RawMessage `json:"items"`
		Next  string            `json:"next"`
	}
	st.Login(t, "caseworker").Must(200, "GET", "/api/board?q=RW-PAGE&limit=4", nil, &board)
	if len(board.Items) != 4 || board.Next == "" {
		t.Fatalf("board page: %d items, next %q", len(board.Items), board.Next)
	}
	var last struct {
		Items []json.RawMessage `json:"items"`
		Next  *string           `json:"next"`
	}
	st.Login(t, "caseworker").Must(200, "GET", "/api/board?q=RW-PAGE&limit=4&cursor="+board.Next, nil, &last)
	if len(last.Items) != 1 || last.Next != nil {
		t.Fatalf("board last page: %d items, next %v", len(last.Items), last.Next)
	}
}
