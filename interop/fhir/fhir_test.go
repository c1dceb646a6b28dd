package fhir

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
)

func newValidator(t testing.TB) *Validator {
	t.Helper()
	v, err := NewValidator()
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestDocumentValidatesAndRoundTrips(t *testing.T) {
	v := newValidator(t)
	doc, err := Map(sampleRecord(1))
	if err != nil {
		t.Fatal(err)
	}
	if err := v.Document(doc); err != nil {
		t.Fatal(err)
	}
	for _, r := range doc.Resources {
		if err := v.RoundTrip(r.JSON); err != nil {
			t.Errorf("%s/%s: %v", r.Type, r.ID, err)
		}
	}
	js, _ := doc.JSON()
	if err := v.RoundTrip(js); err != nil {
		t.Errorf("Bundle: %v", err)
	}
}

// The validator must reject what R4 forbids, naming the resource and the element.
func TestValidatorRejects(t *testing.T) {
	v := newValidator(t)
	for _, c := range []struct{ name, js, want string }{
		{"missing required status", `{"resourceType":"Observation","id":"o1","code":{"text":"x"}}`, "Observation/o1"},
		{"unknown element", `{"resourceType":"Observation","id":"o2","status":"final","code":{"text":"x"},"colour":"red"}`, "Observation/o2 at Observation: error at \"Observation\": unknown field"},
		{"code outside the required value set", `{"resourceType":"Immunization","id":"i1","status":"given","vaccineCode":{"text":"x"},"patient":{"reference":"Patient/p"},"occurrenceDateTime":"2026-11-16"}`, "Immunization/i1"},
		{"bad date", `{"resourceType":"Patient","id":"p1","birthDate":"1990-13-01"}`, "Patient/p1"},
		{"reference of the wrong type", `{"resourceType":"Immunization","id":"i2","status":"completed","vaccineCode":{"text":"x"},"patient":{"reference":"Observation/o"},"occurrenceDateTime":"2026-11-16"}`, "Immunization/i2"},
	} {
		_, err := v.Parse([]byte(c.js))
		var ve *ValidationError
		if !errors.As(err, &ve) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want a validation error naming %q", c.name, err, c.want)
		}
	}
}

func TestReferencesResolveInsideTheBundle(t *testing.T) {
	doc, err := Map(sampleRecord(2))
	if err != nil {
		t.Fatal(err)
	}
	js, _ := doc.JSON()
	if err := CheckReferences(js); err != nil {
		t.Fatal(err)
	}
	// Drop the Patient: every reference to it must be reported, with its path.
	var keep []Resource
	for _, r := range doc.Resources {
		if r.Type != "Patient" {
			keep = append(keep, r)
		}
	}
	doc.Resources = keep
	js, _ = doc.JSON()
	err = CheckReferences(js)
	if err == nil || !strings.Contains(err.Error(), "Observation/") || !strings.Contains(err.Error(), ".subject.reference") {
		t.Fatalf("a dangling reference went unnoticed: %v", err)
	}
}

// What the mapping must say, element by element, for the sample record.
func TestDocumentContent(t *testing.T) {
	rec := sampleRecord(3)
	doc, err := Map(rec)
	if err != nil {
		t.Fatal(err)
	}
	byType := map[string][]map[string]any{}
	for _, r := range doc.Resources {
		var m map[string]any
		if err := json.Unmarshal(r.JSON, &m); err != nil {
			t.Fatal(err)
		}
		byType[r.Type] = append(byType[r.Type], m)
	}
	if doc.Resources[0].Type != "Composition" {
		t.Errorf("first resource is %s", doc.Resources[0].Type)
	}
	// Organizations: the site, the MVX maker, the US authority and the agency (consent recipients);
	// Practitioners: the physician, the nurse, three X-ray readers (teleradiology included).
	want := map[string]int{"Composition": 1, "Patient": 1, "Encounter": 1, "Organization": 4, "Practitioner": 5,
		"Condition": 2, "Immunization": 3, "ImmunizationRecommendation": 1, "DiagnosticReport": 1, "DocumentReference": 2,
		"Provenance": 1, "MedicationAdministration": 3, "Medication": 1, "Consent": 3, "RelatedPerson": 1,
		// vitals: height, weight, BMI, pulse, temperature, blood pressure, pregnancy; labs: igra, syphilis,
		// creatinine (hba1c has no value), smear 1, culture 1, NAAT 1, smear 2, culture 2
		"Observation": 7 + 3 + 5}
	for typ, n := range want {
		if len(byType[typ]) != n {
			t.Errorf("%d %s, want %d", len(byType[typ]), typ, n)
		}
	}
	pat, _ := json.Marshal(byType["Patient"][0])
	for _, s := range []string{`"RW-2026-0101"`, `"A201234567"`, `"UNHCR-123-45"`, `"_birthDate":{"extension":[{"url":"` + extDateAccuracy, `"family":"Uwimana"`} {
		if !strings.Contains(string(pat), s) {
			t.Errorf("Patient lacks %s: %s", s, pat)
		}
	}
	imms := map[string]map[string]any{}
	for _, im := range byType["Immunization"] {
		imms[fmt.Sprint(im["lotNumber"], "/", im["occurrenceDateTime"])] = im
	}
	given := imms["X12-7/2026-11-16"]
	if given["status"] != "completed" || given["primarySource"] != true || given["encounter"] == nil || given["performer"] == nil ||
		given["site"].(map[string]any)["coding"].([]any)[0].(map[string]any)["code"] != "LA" ||
		given["route"].(map[string]any)["coding"].([]any)[0].(map[string]any)["code"] != "SQ" {
		t.Errorf("dose given here: %v", given)
	}
	if imms["L1/2026-11-16"]["status"] != "entered-in-error" {
		t.Errorf("dose in error: %v", imms["L1/2026-11-16"])
	}
	if card := imms["<nil>/2017-09-30"]; card["primarySource"] != false || card["performer"] != nil {
		t.Errorf("dose from a card: %v", card)
	}
	var pending, igra map[string]any
	for _, o := range byType["Observation"] {
		code, _ := json.Marshal(o["code"])
		switch {
		case strings.Contains(string(code), "Sputum culture 1"):
			pending = o
		case strings.Contains(string(code), "71773-6"):
			igra = o
		}
	}
	if pending["status"] != "registered" || pending["valueCodeableConcept"] != nil {
		t.Errorf("pending culture: %v", pending)
	}
	if igra == nil || igra["valueCodeableConcept"].(map[string]any)["text"] != "positive" {
		t.Errorf("IGRA: %v", igra)
	}
	dr, _ := json.Marshal(byType["DocumentReference"][0])
	if !strings.Contains(string(dr), HashURI(rec.Forms[0].SHA256)) || !strings.Contains(string(dr), "/api/forms/"+rec.Forms[0].ID+"/pdf") {
		t.Errorf("DocumentReference lacks the hash or the URL: %s", dr)
	}
	cond, _ := json.Marshal(byType["Condition"][0])
	if !strings.Contains(string(cond), `"system":"https://mhac.example.org/fhir/CodeSystem/outcome-us"`) {
		t.Errorf("Condition not coded in the US code system: %s", cond)
	}
	again, _ := Map(rec)
	a, _ := doc.JSON()
	b, _ := again.JSON()
	if string(a) != string(b) {
		t.Error("the same record gave two different documents")
	}
}

func TestHashURI(t *testing.T) {
	// RFC 6920 §8's example: the SHA-256 of "Hello World!".
	got := HashURI("7f83b1657ff1fc53b92dc18148a1d65dfc2d4b1fa3d677284addd200126d9069")
	if got != "ni:///sha-256;f4OxZX_x_FO5LcGBSKHWXfwtSx-j1ncoSt3SABJtkGk" {
		t.Errorf("got %s", got)
	}
}
