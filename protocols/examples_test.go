package protocols

import (
	"context"
	"encoding/json"
	"os"
	"testing"

	"github.com/mhac-clinic/mhac/clinic"
)

// The team's worked examples (a copy of shared/protocol-examples.json): each gives facts and what
// the protocol must answer.
type example struct {
	ID     string          `json:"id"`
	Title  string          `json:"title"`
	Facts  json.RawMessage `json:"facts"`
	Expect struct {
		RequiredIncludes   []string `json:"required_includes"`
		RequiredExcludes   []string `json:"required_excludes"`
		OutcomeIncludes    []string `json:"outcome_includes"`
		OutcomeExcludes    []string `json:"outcome_excludes"`
		TreatmentsIncludes []string `json:"treatments_includes"`
		TreatmentsExcludes []string `json:"treatments_excludes"`
		FormsIncludes      []string `json:"forms_includes"`
		Final              *bool    `json:"final"`
	} `json:"expect"`
}

func TestExamples(t *testing.T) {
	data, err := os.ReadFile("testdata/protocol-examples.json")
	if err != nil {
		t.Fatal(err)
	}
	var examples []example
	if err := json.Unmarshal(data, &examples); err != nil {
		t.Fatal(err)
	}
	if len(examples) == 0 {
		t.Fatal("no examples")
	}
	e := engine(t)
	for _, ex := range examples {
		t.Run(ex.ID, func(t *testing.T) {
			f, err := DecodeFacts(ex.Facts)
			if err != nil {
				t.Fatalf("%s: facts: %v", ex.Title, err)
			}
			p, err := e.Evaluate(context.Background(), "", f)
			if err != nil {
				t.Fatalf("%s: %v", ex.Title, err)
			}
			x := ex.Expect
			checkSet(t, ex.Title, "required", stepCodes(p), x.RequiredIncludes, x.RequiredExcludes)
			checkSet(t, ex.Title, "outcome", p.Outcome.Codes, x.OutcomeIncludes, x.OutcomeExcludes)
			checkSet(t, ex.Title, "treatments", drugs(p.Treatments), x.TreatmentsIncludes, x.TreatmentsExcludes)
			checkSet(t, ex.Title, "forms", p.Forms, x.FormsIncludes, nil)
			if x.Final != nil && p.Outcome.Final != *x.Final {
				t.Errorf("%s: final = %v, want %v (pending %v)", ex.Title, p.Outcome.Final, *x.Final, p.Pending)
			}
		})
	}
}

func checkSet(t *testing.T, title, what string, got, includes, excludes []string) {
	t.Helper()
	for _, w := range includes {
		if !contains(got, w) {
			t.Errorf("%s: %s = %v, want it to include %s", title, what, got, w)
		}
	}
	for _, w := range excludes {
		if contains(got, w) {
			t.Errorf("%s: %s = %v, want it to exclude %s", title, what, got, w)
		}
	}
}

func stepCodes(p clinic.Plan) []string {
	out := make([]string, len(p.Required))
	for i, s := range p.Required {
		out[i] = s.Step
	}
	return out
}

func drugs(ts []clinic.Treatment) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.Drug
	}
	return out
}

var testEngine *Engine

// engine loads the embedded rules once for the package's tests.
func engine(t testing.TB) *Engine {
	t.Helper()
	if testEngine == nil {
		e, err := Load()
		if err != nil {
			t.Fatalf("Load: %v", err)
		}
		testEngine = e
	}
	return testEngine
}
