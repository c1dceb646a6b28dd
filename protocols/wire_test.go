package protocols

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
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

// The facts added in 2026-12 are read strictly too: an unknown key inside a stay or a departure
// check is an error naming it, and the values are checked against their vocabularies.
func TestDecodeFactsAdditions(t *testing.T) {
	const ok = `"destination":"AU","program":"immigrant","exam_date":"2026-12-03","birth_date":"1990-02-14"`
	full := `{` + ok + `,"citizenships":["RW"],"stays":[{"country":"KE","from":"2024-01-10","to":"2024-05-10"}],` +
		`"planned_departure":"2027-01-20T08:00:00+02:00","occupation":"health_worker","ime_type":"full","previous_cxr_date":"2025-06-01",` +
		`"departure_checks_done":[{"check":"pre_embarkation_check","at":"2027-01-19T09:00:00+02:00"}],` +
		`"findings":{"failure_to_thrive":true,"hansens_disease_infectious":false,"in_state_care":true},` +
		`"results":{"dst":"pending","hcv":"negative","sputum_collected":"2026-12-04"}}`
	f, err := DecodeFacts([]byte(full))
	if err != nil {
		t.Fatal(err)
	}
	if f.Citizenships[0] != "RW" || f.Stays[0].Country != "KE" || f.Stays[0].To.Format(time.DateOnly) != "2024-05-10" ||
		f.PlannedDeparture.Format(time.RFC3339) != "2027-01-20T08:00:00+02:00" || f.Occupation != "health_worker" ||
		f.PreviousCXRDate.Format(time.DateOnly) != "2025-06-01" || !f.Findings.FailureToThrive || !f.Findings.InStateCare ||
		f.Results.DST != "pending" || f.Results.HCV != "negative" || f.DepartureChecksDone[0].Check != "pre_embarkation_check" {
		t.Errorf("decoded %+v", f)
	}
	if _, err := engine(t).Evaluate(context.Background(), "", f); err != nil {
		t.Errorf("evaluate: %v", err)
	}
	bad := []struct{ in, code, field, msg string }{
		{`{` + ok + `,"stays":[{"contry":"KE","from":"2024-01-10"}]}`, CodeUnknownField, "stays[0].contry", `did you mean "country"`},
		{`{` + ok + `,"stays":{"country":"KE"}}`, CodeInvalidValue, "stays", "list of objects"},
		{`{` + ok + `,"stays":[{"country":"KE","from":"10/01/2024"}]}`, CodeInvalidDate, "stays[0].from", "YYYY-MM-DD"},
		{`{` + ok + `,"planned_departure":"2027-01-20"}`, CodeInvalidDate, "planned_departure", "RFC 3339"},
		{`{` + ok + `,"departure_checks_done":[{"chek":"pec"}]}`, CodeUnknownField, "departure_checks_done[0].chek", `did you mean "check"`},
		{`{` + ok + `,"findings":{"failure_to_thrives":true}}`, CodeUnknownField, "findings.failure_to_thrives", `did you mean "failure_to_thrive"`},
		{`{` + ok + `,"results":{"hvc":"negative"}}`, CodeUnknownField, "results.hvc", `did you mean "hcv"`},
	}
	for _, c := range bad {
		_, err := DecodeFacts([]byte(c.in))
		var pe *Error
		if !errors.As(err, &pe) || pe.Code != c.code || pe.Field != c.field || !strings.Contains(pe.Message, c.msg) {
			t.Errorf("%s: %v; want %s on %q with %q", c.in, err, c.code, c.field, c.msg)
		}
	}
	values := []struct{ in, field string }{
		{`{` + ok + `,"occupation":"nurse"}`, "occupation"},
		{`{` + ok + `,"ime_type":"quick"}`, "ime_type"},
		{`{` + ok + `,"citizenships":["Rwanda"]}`, "citizenships"},
		{`{` + ok + `,"stays":[{"country":"KE","from":"2024-05-10","to":"2024-01-10"}]}`, "stays[0].to"},
		{`{` + ok + `,"stays":[{"from":"2024-05-10"}]}`, "stays[0].country"},
		{`{` + ok + `,"previous_cxr_date":"2027-06-01"}`, "previous_cxr_date"},
		{`{` + ok + `,"results":{"dst":"sensitive"}}`, "results.dst"},
		{`{` + ok + `,"departure_checks_done":[{"check":"peck","at":"2027-01-19T09:00:00Z"}]}`, "departure_checks_done[0].check"},
	}
	for _, c := range values {
		f, err := DecodeFacts([]byte(c.in))
		if err == nil {
			_, err = engine(t).Evaluate(context.Background(), "", f)
		}
		var pe *Error
		if !errors.As(err, &pe) || pe.Field != c.field {
			t.Errorf("%s: %v; want an error on %q", c.in, err, c.field)
		}
	}
}
