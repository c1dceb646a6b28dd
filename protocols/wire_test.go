package protocols

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func TestDecodeFactsStrict(t *testing.T) {
	const ok = `"destination":"US","program":"refugee","exam_date":"2026-03-09","birth_date":"2001-02-14"`
	cases := []struct {
		in, code, field, msg string
	}{
		{`{` + ok + `}`, "", "", ""},
		{`{` + ok + `,"weight_kg":null,"results":{"cxr":null,"egfr":null,"sputum_smears":[]}}`, "", "", ""},
		{`{` + ok + `,"pregnnt":true}`, CodeUnknownField, "pregnnt", `did you mean "pregnant"`},
		{`{` + ok + `,"results":{"hba1c":40}}`, CodeUnknownField, "results.hba1c", `did you mean "hba1c_mmol_mol"`},
		{`{` + ok + `,"findings":{"tb_symptom":true}}`, CodeUnknownField, "findings.tb_symptom", `did you mean "tb_symptoms"`},
		{`{` + ok + `,"pregnant":"yes"}`, CodeInvalidValue, "pregnant", "true or false"},
		{`{` + ok + `,"weight_kg":"61"}`, CodeInvalidValue, "weight_kg", "number"},
		{`{` + ok + `,"countries_lived":"RW"}`, CodeInvalidValue, "countries_lived", "list"},
		{`{` + ok + `,"results":{"sputum_smears":["negative",null]}}`, CodeInvalidValue, "results.sputum_smears", "null"},
		{`{` + ok + `,"results":[]}`, CodeInvalidValue, "results", "object"},
		{`{"destination":"US","program":"refugee","exam_date":"09/03/2026","birth_date":"2001-02-14"}`, CodeInvalidDate, "exam_date", "YYYY-MM-DD"},
		{`{"destination":"US","program":"refugee","exam_date":20260309,"birth_date":"2001-02-14"}`, CodeInvalidDate, "exam_date", "YYYY-MM-DD"},
		{`{"destination":"US","program":"refugee","exam_date":"2026-02-30","birth_date":"2001-02-14"}`, CodeInvalidDate, "exam_date", ""},
		{`{"destination":"US","program":"refugee","birth_date":"2001-02-14"}`, CodeMissingField, "exam_date", ""},
		{`{"destination":"US","program":null,"exam_date":"2026-03-09","birth_date":"2001-02-14"}`, CodeMissingField, "program", ""},
		{`{` + ok + `} {}`, CodeInvalidJSON, "", "after"},
		{`[1]`, CodeInvalidJSON, "", ""},
		{``, CodeInvalidJSON, "", ""},
		{`null`, CodeInvalidJSON, "", ""},
	}
	for _, c := range cases {
		_, err := DecodeFacts([]byte(c.in))
		if c.code == "" {
			if err != nil {
				t.Errorf("%s: %v", c.in, err)
			}
			continue
		}
		var pe *Error
		if !errors.As(err, &pe) || pe.Code != c.code || pe.Field != c.field || !strings.Contains(pe.Message, c.msg) {
			t.Errorf("%s: %v; want %s on %q with %q", c.in, err, c.code, c.field, c.msg)
		}
	}
}

// The result has the contract's keys, lists are never null, and valid_until is a date.
func TestResultJSON(t *testing.T) {
	e := engine(t)
	f, err := DecodeFacts([]byte(`{"destination":"US","program":"refugee","exam_date":"2026-11-23","birth_date":"2001-02-14","residence_country":"RW","countries_lived":["CD","RW"]}`))
	if err != nil {
		t.Fatal(err)
	}
	p, err := e.Evaluate(context.Background(), "", f)
	if err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(NewResult(p))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"protocol", "age_years", "required", "pending", "outcome", "treatments", "withheld", "forms", "valid_until", "departure", "notes", "outcome_scale"} {
		if v, ok := m[k]; !ok || v == nil {
			t.Errorf("result has no %q: %s", k, data)
		}
	}
	if m["valid_until"] != "2027-05-23" || m["age_years"].(float64) != 25 {
		t.Errorf("valid_until %v age %v", m["valid_until"], m["age_years"])
	}
	req := m["required"].([]any)[0].(map[string]any)
	for _, k := range []string{"step", "rule", "reason", "reason_fr", "source", "citation", "confidence"} {
		if _, ok := req[k]; !ok {
			t.Errorf("required step has no %q", k)
		}
	}
	if oc := m["outcome"].(map[string]any); oc["codes"].([]any)[0] != "no_class" || oc["final"] != false {
		t.Errorf("outcome %v", oc)
	}
}
