package cdsi

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestEvaluateJSON(t *testing.T) {
	eng, err := NewDefault()
	if err != nil {
		t.Fatal(err)
	}
	in := `{"dob": "2025-09-01", "gender": "F", "assessment_date": "2025-11-10",
		"doses": [{"date": "2025-10-13", "cvx": "107"}, {"date": "2025-11-10", "cvx": "107", "mvx": "PMC"}],
		"observations": []}`
	out, bad := eng.EvaluateJSON([]byte(in))
	if bad {
		t.Fatalf("error answer: %s", out)
	}
	var resp Response
	if err := json.Unmarshal(out, &resp); err != nil {
		t.Fatal(err)
	}
	if len(resp.Doses) != 2 || resp.Doses[1].Date != "2025-11-10" || resp.Doses[1].MVX != "PMC" {
		t.Fatalf("doses = %+v", resp.Doses)
	}
	for _, ev := range resp.Doses[1].Evaluations {
		if ev.VaccineGroup != "DTaP/Tdap/Td" || ev.Status != StatusValid {
			t.Errorf("evaluation %+v, want a valid DTaP/Tdap/Td evaluation", ev)
		}
	}
	var dtap *ResponseGroup
	for i := range resp.VaccineGroups {
		if resp.VaccineGroups[i].Name == "DTaP/Tdap/Td" {
			dtap = &resp.VaccineGroups[i]
		}
	}
	want := ResponseGroup{Name: "DTaP/Tdap/Td", SeriesStatus: SeriesNotComplete, ForecastDoseNumber: "3",
		EarliestDate: "2025-12-08", RecommendedDate: "2026-03-01", PastDueDate: "2026-04-28"}
	if dtap == nil || dtap.SeriesStatus != want.SeriesStatus || dtap.ForecastDoseNumber != want.ForecastDoseNumber ||
		dtap.EarliestDate != want.EarliestDate || dtap.RecommendedDate != want.RecommendedDate || dtap.PastDueDate != want.PastDueDate {
		t.Errorf("DTaP forecast = %+v, want %+v", dtap, want)
	}
}

func TestEvaluateJSONErrors(t *testing.T) {
	eng, _ := NewDefault()
	tests := []struct {
		name, in, field, msg string
	}{
		{"not json", `{dob`, "", "invalid JSON"},
		{"empty", ``, "", "empty request"},
		{"unknown field", `{"dob":"2020-01-01","assessment_date":"2021-01-01","shoe":1}`, "shoe", "unknown field"},
		{"bad date", `{"dob":"01/02/2020","assessment_date":"2021-01-01"}`, "dob", "not a date"},
		{"missing assessment", `{"dob":"2020-01-01"}`, "assessment_date", "required"},
		{"wrong type", `{"dob":"2020-01-01","assessment_date":"2021-01-01","doses":"none"}`, "doses", "expected"},
		{"bad gender", `{"dob":"2020-01-01","assessment_date":"2021-01-01","gender":"X"}`, "gender", "gender"},
		{"bad dose date", `{"dob":"2020-01-01","assessment_date":"2021-01-01","doses":[{"date":"x","cvx":"03"}]}`, "doses[0].date", "not a date"},
		{"unknown cvx", `{"dob":"2020-01-01","assessment_date":"2021-01-01","doses":[{"date":"2020-06-01","cvx":"0"}]}`, "doses[0].cvx", "unknown CVX"},
		{"trailing data", `{"dob":"2020-01-01","assessment_date":"2021-01-01"} {}`, "", "after the JSON"},
		{"observation object", `{"dob":"2020-01-01","assessment_date":"2021-01-01","observations":[{"code":"170","date":"bad"}]}`, "observations[0].date", "not a date"},
	}
	for _, tt := range tests {
		out, bad := eng.EvaluateJSON([]byte(tt.in))
		var er ErrorResponse
		if err := json.Unmarshal(out, &er); err != nil || !bad {
			t.Errorf("%s: answer %s (bad=%v), want an error object", tt.name, out, bad)
			continue
		}
		if er.Error.Code != "invalid_input" || er.Error.Field != tt.field || !strings.Contains(er.Error.Message, tt.msg) {
			t.Errorf("%s: error %+v, want field %q and a message with %q", tt.name, er.Error, tt.field, tt.msg)
		}
	}
}

func TestObservationSpellings(t *testing.T) {
	p, _, err := DecodeRequest([]byte(`{"dob":"2020-01-01","assessment_date":"2021-01-01",
		"observations":["007",{"code":"170","date":"2020-11-02"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	got := p.Observations
	if len(got) != 2 || got[0].Code != "007" || !got[0].Date.IsZero() || got[1].Code != "170" || got[1].Date != day("2020-11-02") {
		t.Errorf("observations = %+v", got)
	}
}

// FuzzDecodeRequest: any input gives either a request or an InputError, never a panic, and a
// request that decodes can be evaluated without a panic.
func FuzzDecodeRequest(f *testing.F) {
	f.Add([]byte(`{"dob": "2025-09-06", "gender": "F", "assessment_date": "2025-11-10", "doses": [{"date": "2025-10-15", "cvx": "107", "mvx": "PMC"}], "observations": ["007"]}`))
	f.Add([]byte(`{"dob":"1950-01-01","assessment_date":"2025-01-01","doses":[{"date":"1951-01-01","cvx":"03"},{"date":"1951-01-01","cvx":"21"}]}`))
	f.Add([]byte(`{"observations":[{"code":"170"}]}`))
	f.Add([]byte(`[]`))
	eng, err := NewDefault()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		p, at, err := DecodeRequest(b)
		if err != nil {
			if _, ok := err.(*InputError); !ok {
				t.Fatalf("error %T %v is not an InputError", err, err)
			}
			return
		}
		if _, err := eng.Evaluate(p, at); err != nil {
			if _, ok := err.(*InputError); !ok {
				t.Fatalf("evaluate error %T %v is not an InputError", err, err)
			}
		}
	})
}
