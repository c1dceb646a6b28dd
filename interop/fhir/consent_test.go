package fhir

import (
	"encoding/json"
	"strings"
	"testing"
)

// resourcesOf decodes a document's resources of one type, by their identifier value.
func resourcesOf(t *testing.T, doc Document, typ string) map[string]map[string]any {
	t.Helper()
	out := map[string]map[string]any{}
	for _, r := range doc.Resources {
		if r.Type != typ {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal(r.JSON, &m); err != nil {
			t.Fatal(err)
		}
		key := r.ID
		if ids, ok := m["identifier"].([]any); ok && len(ids) > 0 {
			key = ids[0].(map[string]any)["value"].(string)
		}
		out[key] = m
	}
	return out
}

func jsonString(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// Consents: purpose, kind, recipient, proxy and withdrawal, as recorded.
func TestConsentResources(t *testing.T) {
	doc, err := Map(sampleRecord(4))
	if err != nil {
		t.Fatal(err)
	}
	cs := resourcesOf(t, doc, "Consent")
	exam, share, agency := cs["c1"], cs["c2"], cs["c3"]
	if exam["status"] != "active" || !strings.Contains(jsonString(exam["scope"]), `"treatment"`) ||
		!strings.Contains(jsonString(exam["category"]), `"examination"`) || strings.Contains(jsonString(exam), "IRCP") {
		t.Errorf("examination consent: %s", jsonString(exam))
	}
	orgs := resourcesOf(t, doc, "Organization")
	var authority string
	for id, o := range orgs {
		if o["name"] == "CDC / U.S. Department of State" {
			authority = id
		}
	}
	if authority == "" {
		t.Fatalf("no Organization for the US authority: %v", orgs)
	}
	if s := jsonString(share); share["status"] != "active" || !strings.Contains(s, `"patient-privacy"`) ||
		!strings.Contains(s, `"code":"IRCP"`) || !strings.Contains(s, `"reference":"urn:uuid:`+authority+`"`) ||
		!strings.Contains(s, "witnessed by Eric Mugisha") || !strings.Contains(s, "with an interpreter (Alice Uwera)") {
		t.Errorf("sharing consent: %s", s)
	}
	rp := resourcesOf(t, doc, "RelatedPerson")
	if len(rp) != 1 {
		t.Fatalf("RelatedPerson: %v", rp)
	}
	var proxyID string
	for id, p := range rp {
		proxyID = id
		if !strings.Contains(jsonString(p), `"code":"MTH"`) || !strings.Contains(jsonString(p), "Marie Uwimana") {
			t.Errorf("proxy: %s", jsonString(p))
		}
	}
	if s := jsonString(agency); agency["status"] != "inactive" || !strings.Contains(s, `"end":"2026-11-18"`) ||
		!strings.Contains(s, `"performer":[{"display":"Marie Uwimana","reference":"urn:uuid:`+proxyID) || !strings.Contains(s, "Withdrawn on 2026-11-18: Changed her mind") {
		t.Errorf("withdrawn proxy consent: %s", s)
	}
}

// Treatments: given (with the lot and the dose), withheld and refused as not-done with the reason.
func TestMedicationAdministrations(t *testing.T) {
	doc, err := Map(sampleRecord(5))
	if err != nil {
		t.Fatal(err)
	}
	ma := resourcesOf(t, doc, "MedicationAdministration")
	given, withheld, refused := ma["t1"], ma["t2"], ma["t3"]
	if s := jsonString(given); given["status"] != "completed" || given["statusReason"] != nil ||
		!strings.Contains(s, `"dose":{"code":"mg","system":"http://unitsofmeasure.org","unit":"mg","value":400}`) ||
		!strings.Contains(s, `"code":"26643006"`) || given["medicationReference"] == nil {
		t.Errorf("given: %s", s)
	}
	meds := resourcesOf(t, doc, "Medication")
	for _, m := range meds {
		if !strings.Contains(jsonString(m), `"lotNumber":"ALB-2291"`) || !strings.Contains(jsonString(m), "Albendazole") {
			t.Errorf("medication: %s", jsonString(m))
		}
	}
	if s := jsonString(withheld); withheld["status"] != "not-done" || !strings.Contains(s, "Withheld: pregnancy (Pregnant, 20 weeks)") ||
		withheld["dosage"] != nil || !strings.Contains(s, "Ivermectin") {
		t.Errorf("withheld: %s", s)
	}
	if s := jsonString(refused); refused["status"] != "not-done" || !strings.Contains(s, `"code":"182895007"`) ||
		!strings.Contains(s, "Does not want to take it today") {
		t.Errorf("refused: %s", s)
	}
	// Nothing recorded: no administration, and the section says so (a recommendation is not one).
	rec := sampleRecord(6)
	rec.Treatments = nil
	doc, err = Map(rec)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(resourcesOf(t, doc, "MedicationAdministration")); n != 0 {
		t.Errorf("%d administrations without a record", n)
	}
	if !strings.Contains(string(doc.Resources[0].JSON), "No presumptive treatment was recorded at this exam.") {
		t.Error("the medication section does not say it is empty")
	}
}

// The X-ray report names every reader: both reads and the teleradiology reader.
func TestChestXRayReaders(t *testing.T) {
	doc, err := Map(sampleRecord(7))
	if err != nil {
		t.Fatal(err)
	}
	for _, dr := range resourcesOf(t, doc, "DiagnosticReport") {
		s := jsonString(dr)
		if n := len(dr["resultsInterpreter"].([]any)); n != 3 {
			t.Errorf("%d readers, want 3: %s", n, s)
		}
		for _, want := range []string{"Eric Niyonzima", "Claire Mukamana", "Dr Teleradiology Reader", "second reading by Claire Mukamana"} {
			if !strings.Contains(s, want) {
				t.Errorf("DiagnosticReport lacks %q: %s", want, s)
			}
		}
	}
}
