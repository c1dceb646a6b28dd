package api

import (
	"encoding/json"
	"os"
	"testing"
)

// TestOpenAPIFileFresh checks that frontend/openapi.json, from which the web app's types are
// generated, is the document the route table makes now. After an API change: make types.
func TestOpenAPIFileFresh(t *testing.T) {
	want, err := json.MarshalIndent(Document(), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../frontend/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want)+"\n" {
		t.Fatal("frontend/openapi.json is stale: run `make types` and commit frontend/openapi.json and frontend/src/api-types.ts")
	}
}

// TestDocumentNamesEveryAnswer checks that every named answer and body is one schema of
// components.schemas, and that each $ref points at one.
func TestDocumentNamesEveryAnswer(t *testing.T) {
	raw, err := json.Marshal(Document())
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Components struct {
			Schemas map[string]json.RawMessage `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"Case", "Chart", "CaseList", "Member", "Form", "FormStatus", "Role", "Problem", "WorkItemList"} {
		if doc.Components.Schemas[name] == nil {
			t.Errorf("no schema %s", name)
		}
	}
	var refs []string
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, y := range x {
				if k == "$ref" {
					refs = append(refs, y.(string))
				}
				walk(y)
			}
		case []any:
			for _, y := range x {
				walk(y)
			}
		}
	}
	var all any
	_ = json.Unmarshal(raw, &all)
	walk(all)
	for _, r := range refs {
		const prefix = "#/components/schemas/"
		if len(r) <= len(prefix) || doc.Components.Schemas[r[len(prefix):]] == nil {
			t.Errorf("$ref %s points at nothing", r)
		}
	}
	if len(refs) < 50 {
		t.Errorf("only %d references", len(refs))
	}
}
