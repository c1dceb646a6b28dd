package fhir

import (
	"sort"
	"strings"
)

// CodeSystem is a FHIR R4 CodeSystem: the project's own codes, published by the API under
// /fhir/CodeSystem/{name}, which is also their canonical URL.
type CodeSystem struct {
	ResourceType string      `json:"resourceType"`
	ID           string      `json:"id"`
	URL          string      `json:"url"`
	Version      string      `json:"version"`
	Name         string      `json:"name"`
	Title        string      `json:"title"`
	Status       string      `json:"status"`
	Experimental bool        `json:"experimental"`
	Publisher    string      `json:"publisher,omitempty"`
	Description  string      `json:"description"`
	CaseSensitve bool        `json:"caseSensitive"`
	Content      string      `json:"content"`
	Count        int         `json:"count"`
	Concept      []csConcept `json:"concept"`
}

type csConcept struct {
	Code       string `json:"code"`
	Display    string `json:"display"`
	Definition string `json:"definition,omitempty"`
}

// codeSystemDef is one of the project's code systems.
type codeSystemDef struct {
	name, title, description string
	concepts                 []csConcept
}

// codeSystemVersion changes when a code system's content changes.
const codeSystemVersion = "2026-12"

// codeSystems are the outcome codes of protocol-contract.md, one system per receiving country
// (the US classes; the others' referral outcomes), and the chest X-ray result words.
var codeSystems = map[string]codeSystemDef{
	"outcome-us": {"OutcomeUS", "MHAC outcome codes: United States (panel physician classification)",
		"Classification of a US immigration medical examination as the clinic records it (CDC Technical Instructions).",
		[]csConcept{
			{"class_a_tb", "Class A TB", "Active tuberculosis disease, infectious; travel held until treated."},
			{"class_b0_tb", "Class B0 TB (treated by DOT at the panel site)", ""},
			{"class_b1_tb_pulmonary", "Class B1 TB, pulmonary", ""},
			{"class_b1_tb_extrapulmonary", "Class B1 TB, extrapulmonary", ""},
			{"class_b2_ltbi", "Class B2 TB, latent TB infection", ""},
			{"class_b3_tb_contact", "Class B3 TB, contact", ""},
			{"class_a_syphilis", "Class A syphilis (untreated)", ""},
			{"class_a_gonorrhea", "Class A gonorrhea", ""},
			{"class_b_other", "Class B other", ""},
			{"no_class", "No Class A or Class B condition", ""},
		}},
	"outcome-ca": {"OutcomeCA", "MHAC outcome codes: Canada", "Referral outcome of a Canadian immigration medical examination (IRCC gives the M1–M5 outcome itself).",
		[]csConcept{
			{"refer_tb", "Referred for TB assessment", ""},
			{"medical_surveillance", "Medical surveillance", ""},
			{"refer_specialist", "Referred to a specialist", ""},
			{"no_finding", "No finding", ""},
		}},
	"outcome-au": {"OutcomeAU", "MHAC outcome codes: Australia", "Referral outcome of an Australian visa medical examination.",
		[]csConcept{
			{"refer_tb", "Referred for TB assessment", ""},
			{"refer_specialist", "Referred to a specialist", ""},
			{"hiv_positive_refer", "HIV positive, referred", ""},
			{"no_finding", "No finding", ""},
		}},
	"outcome-nz": {"OutcomeNZ", "MHAC outcome codes: New Zealand", "Referral outcome of a New Zealand immigration medical examination.",
		[]csConcept{
			{"refer_tb", "Referred for TB assessment", ""},
			{"refer_renal", "Referred to a nephrologist (eGFR)", ""},
			{"refer_diabetes", "Referred to an endocrinologist (HbA1c)", ""},
			{"refer_specialist", "Referred to a specialist", ""},
			{"no_finding", "No finding", ""},
		}},
	"cxr": {"ChestXRayResult", "MHAC chest X-ray result", "The radiologist's reading of a chest X-ray as the clinic records it.",
		[]csConcept{
			{"normal", "Normal", ""},
			{"suggestive_of_tb", "Abnormal: suggests tuberculosis", ""},
			{"inactive_tb", "Abnormal: suggests inactive tuberculosis", ""},
			{"abnormal_not_tb", "Abnormal: not suggestive of tuberculosis", ""},
		}},
	"consent-purpose": {"ConsentPurpose", "MHAC consent purposes", "What a person consented to at the clinic (docs/consent.md); a sharing consent names its recipient as the provision's actor.",
		[]csConcept{
			{"examination", "The medical examination", ""},
			{"hiv_testing", "HIV testing", ""},
			{"share_authority", "Sharing results with the receiving country's authority", "CDC / U.S. Department of State, IRCC, Home Affairs or INZ, named as the recipient."},
			{"share_agency", "Sharing fitness to travel with the resettlement agency", ""},
			{"statistics", "Use in anonymous statistics", ""},
		}},
}

func codeSystemPath(name string) string { return "/fhir/CodeSystem/" + name }

// outcomeSystem names the code system of a destination's outcome codes.
func outcomeSystem(destination string) string { return "outcome-" + strings.ToLower(destination) }

// CodeSystemNames lists the published code systems.
func CodeSystemNames() []string {
	out := make([]string, 0, len(codeSystems))
	for n := range codeSystems {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// CodeSystemOf returns a published code system with its canonical URL under baseURL.
func CodeSystemOf(baseURL, name string) (CodeSystem, bool) {
	d, ok := codeSystems[name]
	if !ok {
		return CodeSystem{}, false
	}
	return CodeSystem{ResourceType: "CodeSystem", ID: name, URL: strings.TrimRight(baseURL, "/") + codeSystemPath(name),
		Version: codeSystemVersion, Name: d.name, Title: d.title, Status: "active", Publisher: "MHAC clinic system",
		Description: d.description, CaseSensitve: true, Content: "complete", Count: len(d.concepts), Concept: d.concepts}, true
}

// display returns a code's display in a code system, and whether the system has the code.
func display(system, code string) (string, bool) {
	for _, c := range codeSystems[system].concepts {
		if c.Code == code {
			return c.Display, true
		}
	}
	return "", false
}
