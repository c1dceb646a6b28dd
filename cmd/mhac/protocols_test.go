package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mhac-clinic/mhac/protocols"
)

func runProtocolsCLI(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := protocolsMain(context.Background(), args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

const facts14 = `{"destination":"US","program":"refugee","exam_date":"2026-05-18","birth_date":"2007-01-30",
 "sex":"male","weight_kg":48,"residence_country":"TZ","countries_lived":["CD","TZ"]}`

func TestProtocolsEvaluate(t *testing.T) {
	code, out, errOut := runProtocolsCLI(t, facts14, "evaluate")
	if code != 0 {
		t.Fatalf("exit %d: %s %s", code, out, errOut)
	}
	var r struct {
		Protocol struct{ ID, Version string }
		Required []struct{ Step, Rule, Reason, Source string }
		Withheld []struct{ Drug, Reason string }
		Forms    []string
		Pending  []string
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if r.Protocol.ID != "US" || r.Protocol.Version != "2021-09-03" || len(r.Required) == 0 || r.Required[0].Source == "" {
		t.Errorf("result: %+v", r)
	}
	if len(r.Withheld) == 0 || r.Withheld[0].Drug != "ivermectin" || !strings.Contains(r.Withheld[0].Reason, "CD") {
		t.Errorf("withheld: %+v", r.Withheld)
	}
}

func TestProtocolsEvaluateBadInput(t *testing.T) {
	cases := []struct{ in, code, field string }{
		{`{"destination":"UK","program":"refugee","exam_date":"2026-01-01","birth_date":"2000-01-01"}`, "unknown_destination", "destination"},
		{`{"destination":"US","program":"refugee","exam_date":"2026-13-01","birth_date":"2000-01-01"}`, "invalid_date", "exam_date"},
		{`{"destination":"US","program":"refugee","exam_date":"2026-01-01","birth_date":"2000-01-01","results":{"cxr":"bad"}}`, "invalid_value", "results.cxr"},
		{`{"destination":"US","program":"refugee","exam_date":"2026-01-01","birth_date":"2000-01-01","results":{"cxrr":"normal"}}`, "unknown_field", "results.cxrr"},
		{`{"destination":"US","program":"temporary","exam_date":"2026-01-01","birth_date":"2000-01-01"}`, "unknown_program", "program"},
		{`not json`, "invalid_json", ""},
	}
	for _, c := range cases {
		code, out, _ := runProtocolsCLI(t, c.in, "evaluate")
		var e struct {
			Error struct{ Code, Message, Field string }
		}
		if err := json.Unmarshal([]byte(out), &e); err != nil || code != 2 || e.Error.Code != c.code || e.Error.Field != c.field || e.Error.Message == "" {
			t.Errorf("%s: exit %d, %s; want exit 2 and %s on %q", c.in, code, out, c.code, c.field)
		}
	}
}

// With --jsonl one bad line gets its error on its own line and never stops the others.
func TestProtocolsEvaluateJSONL(t *testing.T) {
	lines := []string{
		strings.ReplaceAll(facts14, "\n", ""),
		`{"destination":"US","program":"refugee","exam_date":"yesterday","birth_date":"2000-01-01"}`,
		`{"destination":"NZ","program":"immigrant","exam_date":"2026-03-09","birth_date":"1985-03-09","results":{"egfr":25}}`,
		``,
		`{"destination":"CA"`,
		`{"destination":"AU","program":"refugee","exam_date":"2026-03-09","birth_date":"2014-03-09","unaccompanied_minor":true}`,
	}
	code, out, errOut := runProtocolsCLI(t, strings.Join(lines, "\n")+"\n", "evaluate", "--jsonl")
	if code != 2 {
		t.Errorf("exit %d, want 2 (some lines were bad): %s", code, errOut)
	}
	got := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(got) != len(lines) {
		t.Fatalf("%d answers for %d lines:\n%s", len(got), len(lines), out)
	}
	wantErr := []bool{false, true, false, true, true, false}
	for i, l := range got {
		var a map[string]json.RawMessage
		if err := json.Unmarshal([]byte(l), &a); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		if _, isErr := a["error"]; isErr != wantErr[i] {
			t.Errorf("line %d: %s", i+1, l)
		}
	}
	if !strings.Contains(got[2], "refer_renal") || !strings.Contains(got[1], `"line":2`) {
		t.Errorf("answers:\n%s", out)
	}
}

func TestProtocolsCheck(t *testing.T) {
	if code, out, errOut := runProtocolsCLI(t, "", "check"); code != 0 || !strings.Contains(out, "ok:") {
		t.Fatalf("check: exit %d %s %s", code, out, errOut)
	}
	dir := t.TempDir()
	src := filepath.Join("..", "..", "protocols", "rules")
	err := filepath.Walk(src, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if rel == filepath.Join("us", "2021-09-03.yaml") {
			data = bytes.Replace(data, []byte("when: age >= 15\n    reason: Chest"), []byte("when: agee >= 15\n    reason: Chest"), 1)
		}
		os.MkdirAll(filepath.Join(dir, filepath.Dir(rel)), 0o755)
		return os.WriteFile(filepath.Join(dir, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runProtocolsCLI(t, "", "check", dir)
	if code != 1 || !strings.Contains(errOut, "us/2021-09-03.yaml:") || !strings.Contains(errOut, "us.tb.cxr_age_15") ||
		!strings.Contains(errOut, "did you mean 'age'") {
		t.Errorf("check of a broken file: exit %d\n%s", code, errOut)
	}
}

func TestProtocolsExplain(t *testing.T) {
	code, out, errOut := runProtocolsCLI(t, "", "explain", "--destination", "US", "--program", "refugee", "--on", "2026-11-23")
	if code != 0 || !strings.Contains(out, "Version 2021-09-03") || !strings.Contains(out, "When:") || !strings.Contains(out, "Source:") {
		t.Errorf("explain: exit %d\n%s%s", code, out, errOut)
	}
	code, out, _ = runProtocolsCLI(t, "", "explain", "--destination", "AU", "--program", "refugee", "--on", "2020-01-01", "--json")
	if code != 0 || !strings.Contains(out, `"version": "2015-11-20"`) {
		t.Errorf("explain --json: exit %d\n%s", code, out)
	}
	if code, _, _ := runProtocolsCLI(t, "", "explain", "--destination", "US"); code != 2 {
		t.Errorf("explain without --program: exit %d", code)
	}
}

// Every source of every version and reference list is listed with its edition and the date it was
// last checked; the versions in force today are marked.
func TestProtocolsSources(t *testing.T) {
	code, out, _ := runProtocolsCLI(t, "", "sources", "--json")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var list []protocols.SourceEntry
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, s := range list {
		if s.Doc == "" || s.Edition == "" || s.Checked == "" {
			t.Errorf("source %+v lacks its document, edition or checked date", s)
		}
		seen[s.Country+" "+s.Version+" "+s.Ref] = true
	}
	for _, k := range []string{"US 2026-12-01 S-DOS", "CA 2026-12-01 S-OPM", "AU 2026-12-01 S-LIN22", "NZ 2026-12-01 S-RSH", "US 2021-09-03 S-TB", "  au_hepatitis_b_low_risk", "  who_tb_incidence_2023"} {
		if !seen[k] {
			t.Errorf("%q not listed", k)
		}
	}
	code, text, _ := runProtocolsCLI(t, "", "sources")
	if code != 0 || !strings.Contains(text, "NZ 2023-03-01\n") || !strings.Contains(text, "last checked: 2026-12") || !strings.Contains(text, "Reference data") {
		t.Errorf("text output (%d):\n%s", code, text)
	}
}
