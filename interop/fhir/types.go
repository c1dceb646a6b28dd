package fhir

import "encoding/json"

// The FHIR R4 data types the mapping writes, as JSON. Only the elements the clinic fills are
// declared; every produced resource is parsed back by github.com/google/fhir/go with validation
// on (see Validate), so a misspelt element or a wrong cardinality fails the tests.

// Coding is a code from a code system.
type Coding struct {
	System  string `json:"system,omitempty"`
	Version string `json:"version,omitempty"`
	Code    string `json:"code,omitempty"`
	Display string `json:"display,omitempty"`
}

// CodeableConcept is a concept given by codes and/or text.
type CodeableConcept struct {
	Coding []Coding `json:"coding,omitempty"`
	Text   string   `json:"text,omitempty"`
}

// Reference points at another resource of the Bundle by its fullUrl.
type Reference struct {
	Reference string `json:"reference,omitempty"`
	Display   string `json:"display,omitempty"`
}

// Identifier is a business identifier.
type Identifier struct {
	Use    string           `json:"use,omitempty"`
	Type   *CodeableConcept `json:"type,omitempty"`
	System string           `json:"system,omitempty"`
	Value  string           `json:"value,omitempty"`
}

// Quantity is a measured amount with its UCUM unit.
type Quantity struct {
	Value  json.Number `json:"value"`
	Unit   string      `json:"unit,omitempty"`
	System string      `json:"system,omitempty"`
	Code   string      `json:"code,omitempty"`
}

// Extension is an extension with one of the value types the mapping uses.
type Extension struct {
	URL          string  `json:"url"`
	ValueBoolean *bool   `json:"valueBoolean,omitempty"`
	ValueString  string  `json:"valueString,omitempty"`
	ValueCode    string  `json:"valueCode,omitempty"`
	ValueCoding  *Coding `json:"valueCoding,omitempty"`
}

// Element is a primitive's extension holder (the "_birthDate" of a Patient).
type Element struct {
	Extension []Extension `json:"extension,omitempty"`
}

// Narrative is a resource's or a section's human-readable text.
type Narrative struct {
	Status string `json:"status"`
	Div    string `json:"div"`
}

// Meta carries the profiles a resource claims.
type Meta struct {
	Profile []string `json:"profile,omitempty"`
}

// Annotation is a note.
type Annotation struct {
	Text string `json:"text"`
}

// Attachment is content held elsewhere (a signed PDF).
type Attachment struct {
	ContentType string `json:"contentType,omitempty"`
	URL         string `json:"url,omitempty"`
	Size        int    `json:"size,omitempty"`
	Title       string `json:"title,omitempty"`
	Creation    string `json:"creation,omitempty"`
}

// Period is a span of time.
type Period struct {
	Start string `json:"start,omitempty"`
	End   string `json:"end,omitempty"`
}

// Address is a postal address (city and country only).
type Address struct {
	City    string `json:"city,omitempty"`
	Country string `json:"country,omitempty"`
}

// HumanName is a person's name.
type HumanName struct {
	Use    string   `json:"use,omitempty"`
	Text   string   `json:"text,omitempty"`
	Family string   `json:"family,omitempty"`
	Given  []string `json:"given,omitempty"`
}

func ref(fullURL, display string) *Reference { return &Reference{Reference: fullURL, Display: display} }

func concept(system, code, display string) CodeableConcept {
	return CodeableConcept{Coding: []Coding{{System: system, Code: code, Display: display}}, Text: display}
}

func text(t string) CodeableConcept { return CodeableConcept{Text: t} }

func boolPtr(b bool) *bool { return &b }

// Code systems.
const (
	sysLOINC       = "http://loinc.org"
	sysSNOMED      = "http://snomed.info/sct"
	sysUCUM        = "http://unitsofmeasure.org"
	sysCVX         = "http://hl7.org/fhir/sid/cvx"
	sysMVX         = "http://terminology.hl7.org/CodeSystem/MVX"
	sysObsCategory = "http://terminology.hl7.org/CodeSystem/observation-category"
	sysV20074      = "http://terminology.hl7.org/CodeSystem/v2-0074"
	sysV20203      = "http://terminology.hl7.org/CodeSystem/v2-0203"
	sysActCode     = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
	sysCondClin    = "http://terminology.hl7.org/CodeSystem/condition-clinical"
	sysCondVer     = "http://terminology.hl7.org/CodeSystem/condition-ver-status"
	sysCondCat     = "http://terminology.hl7.org/CodeSystem/condition-category"
	sysImmSite     = "http://terminology.hl7.org/CodeSystem/v3-ActSite"
	sysImmRoute    = "http://terminology.hl7.org/CodeSystem/v3-RouteOfAdministration"
	sysImmFunc     = "http://terminology.hl7.org/CodeSystem/v2-0443"
	sysForecast    = "http://terminology.hl7.org/CodeSystem/immunization-recommendation-status"
	sysProvAgent   = "http://terminology.hl7.org/CodeSystem/provenance-participant-type"
	sysSigType     = "urn:iso-astm:E1762-95:2013"
	sysDocType     = "http://loinc.org"
	sysISOCountry  = "urn:iso:std:iso:3166"
	sysIETF        = "urn:ietf:rfc:3986"
	sysSNOMEDCT    = sysSNOMED
	// R4 core has no extension for an estimated date; HL7 Australia's date accuracy indicator
	// (AU Base) is the published one: three letters for day, month and year, E = estimated.
	extDateAccuracy = "http://hl7.org.au/fhir/StructureDefinition/date-accuracy-indicator"
	sysDateAccuracy = "https://healthterminologies.gov.au/fhir/CodeSystem/date-accuracy-indicator-1"
)
