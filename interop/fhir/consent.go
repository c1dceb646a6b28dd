package fhir

import (
	"html"
	"strings"

	"github.com/mhac-clinic/mhac/clinic"
)

// Consent is one consent of the person as the clinic recorded it: its purpose (scope and
// category), who gave it (the person, or a parent or guardian by proxy), the recipient of a
// sharing consent, and its withdrawal (status inactive, the provision's period ended).
type Consent struct {
	ResourceType string            `json:"resourceType"`
	ID           string            `json:"id"`
	Text         *Narrative        `json:"text,omitempty"`
	Identifier   []Identifier      `json:"identifier,omitempty"`
	Status       string            `json:"status"`
	Scope        CodeableConcept   `json:"scope"`
	Category     []CodeableConcept `json:"category"`
	Patient      *Reference        `json:"patient"`
	DateTime     string            `json:"dateTime,omitempty"`
	Performer    []Reference       `json:"performer,omitempty"`
	Organization []Reference       `json:"organization,omitempty"`
	PolicyRule   *CodeableConcept  `json:"policyRule,omitempty"`
	Verification []verification    `json:"verification,omitempty"`
	Provision    *provision        `json:"provision,omitempty"`
}

type verification struct {
	Verified         bool       `json:"verified"`
	VerifiedWith     *Reference `json:"verifiedWith,omitempty"`
	VerificationDate string     `json:"verificationDate,omitempty"`
}

type provision struct {
	Type    string           `json:"type"`
	Period  *Period          `json:"period,omitempty"`
	Actor   []provisionActor `json:"actor,omitempty"`
	Purpose []Coding         `json:"purpose,omitempty"`
}

type provisionActor struct {
	Role      CodeableConcept `json:"role"`
	Reference *Reference      `json:"reference"`
}

// RelatedPerson is the parent or guardian who consented by proxy.
type RelatedPerson struct {
	ResourceType string            `json:"resourceType"`
	ID           string            `json:"id"`
	Patient      *Reference        `json:"patient"`
	Relationship []CodeableConcept `json:"relationship,omitempty"`
	Name         []HumanName       `json:"name,omitempty"`
}

const (
	sysConsentScope  = "http://terminology.hl7.org/CodeSystem/consentscope"
	sysActReason     = "http://terminology.hl7.org/CodeSystem/v3-ActReason"
	sysParticipation = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType"
	sysV3RoleCode    = "http://terminology.hl7.org/CodeSystem/v3-RoleCode"
)

// HL7 v3 RoleCode of the proxies' relations (others are written in words).
var proxyRelations = map[string][2]string{
	"mother": {"MTH", "mother"}, "father": {"FTH", "father"}, "guardian": {"GUARD", "guardian"},
	"parent": {"PRN", "parent"}, "grandmother": {"GRMTH", "grandmother"}, "grandfather": {"GRFTH", "grandfather"},
	"sister": {"SIS", "sister"}, "brother": {"BRO", "brother"}, "aunt": {"AUNT", "aunt"}, "uncle": {"UNCLE", "uncle"},
	"spouse": {"SPS", "spouse"},
}

// consents writes every consent of the person, withdrawn ones included.
func (b *builder) consents() section {
	var refs []string
	for _, c := range b.rec.Consents {
		refs = append(refs, b.consent(c))
	}
	return section{title: "Consents", display: "Consents recorded", refs: refs, empty: "No consent is recorded.", emptyReason: "nilknown"}
}

func (b *builder) consent(c clinic.Consent) string {
	label := clinic.ConsentLabel(c.Purpose, c.Country)
	r := Consent{ResourceType: "Consent", ID: b.id("Consent", c.ID), Status: "active",
		Identifier: []Identifier{{System: b.url("/fhir/id/consent"), Value: c.ID}},
		Patient:    ref(b.patient, ""), DateTime: instant(c.RecordedAt), Organization: []Reference{*ref(b.site, b.snap.Site.Name)},
		PolicyRule: &CodeableConcept{Coding: []Coding{{System: sysActCode, Code: "OPTIN", Display: "opt-in"}}},
		Provision:  &provision{Type: "permit", Period: &Period{Start: date(c.GivenOn)}}}
	purpose := Coding{System: b.url(codeSystemPath("consent-purpose")), Code: c.Purpose, Display: label}
	if d, ok := display("consent-purpose", c.Purpose); ok {
		purpose.Display = d
	}
	switch c.Purpose {
	case clinic.ConsentShareAuthority, clinic.ConsentShareAgency, clinic.ConsentStatistics:
		r.Scope = concept(sysConsentScope, "patient-privacy", "Privacy Consent")
		r.Category = []CodeableConcept{concept(sysLOINC, "64292-6", "Release of information consent"), {Coding: []Coding{purpose}, Text: label}}
	default:
		r.Scope = concept(sysConsentScope, "treatment", "Treatment")
		r.Category = []CodeableConcept{concept(sysLOINC, "59284-0", "Patient Consent"), {Coding: []Coding{purpose}, Text: label}}
		r.Provision.Purpose = []Coding{{System: sysActReason, Code: "TREAT", Display: "treatment"}}
	}
	if recipient := b.recipient(c); recipient != "" {
		r.Provision.Actor = []provisionActor{{Role: concept(sysParticipation, "IRCP", "information recipient"), Reference: ref(recipient, "")}}
	}
	who := ref(b.patient, "")
	if c.Kind == "proxy" {
		who = ref(b.proxy(c), c.ProxyName)
	}
	r.Performer = []Reference{*who}
	r.Verification = []verification{{Verified: true, VerifiedWith: who, VerificationDate: date(c.GivenOn)}}
	if w := c.Withdrawn; w != nil {
		r.Status = "inactive"
		r.Provision.Period.End = date(w.On)
	}
	r.Text = &Narrative{Status: "generated", Div: consentNarrative(c, label)}
	return b.add("Consent", r.ID, r)
}

// recipient is the organisation a sharing consent names ("" for other purposes).
func (b *builder) recipient(c clinic.Consent) string {
	var key, name string
	switch c.Purpose {
	case clinic.ConsentShareAuthority:
		key, name = "authority/"+c.Country, clinic.AuthorityOf[c.Country]
	case clinic.ConsentShareAgency:
		key, name = "agency", "The resettlement agency"
	default:
		return ""
	}
	if name == "" {
		name = "The authority of " + c.Country
	}
	o := Organization{ResourceType: "Organization", ID: b.globalID("Organization", key), Name: name}
	return b.add("Organization", o.ID, o)
}

// proxy is the parent or guardian who consented for the person.
func (b *builder) proxy(c clinic.Consent) string {
	rel := text(c.ProxyRelation)
	if r, ok := proxyRelations[strings.ToLower(c.ProxyRelation)]; ok {
		rel = concept(sysV3RoleCode, r[0], r[1])
	}
	p := RelatedPerson{ResourceType: "RelatedPerson", ID: b.id("RelatedPerson", c.ProxyName+"/"+c.ProxyRelation),
		Patient: ref(b.patient, ""), Relationship: []CodeableConcept{rel}}
	if c.ProxyName != "" {
		p.Name = []HumanName{{Text: c.ProxyName}}
	}
	return b.add("RelatedPerson", p.ID, p)
}

// consentNarrative says the consent in words: what the record holds and nothing more.
func consentNarrative(c clinic.Consent, label string) string {
	var w []string
	w = append(w, "Consent to "+label+", given "+date(c.GivenOn)+".")
	switch c.Kind {
	case "written":
		w = append(w, "Written consent.")
	case "verbal":
		w = append(w, "Verbal consent, witnessed by "+orNotRecorded(c.Witness)+".")
	case "proxy":
		s := "By proxy: " + orNotRecorded(c.ProxyName) + " (" + orNotRecorded(c.ProxyRelation) + ")"
		if c.ProxyReason != "" {
			s += ", because " + c.ProxyReason
		}
		w = append(w, s+".")
	}
	lang := "Explained in " + orNotRecorded(c.Language)
	if c.Interpreter {
		lang += ", with an interpreter"
		if c.InterpreterName != "" {
			lang += " (" + c.InterpreterName + ")"
		}
	} else {
		lang += ", without an interpreter"
	}
	w = append(w, lang+". Recorded by "+orNotRecorded(c.RecordedName)+".")
	if wd := c.Withdrawn; wd != nil {
		w = append(w, "Withdrawn on "+date(wd.On)+": "+orNotRecorded(wd.Reason)+".")
	}
	return `<div xmlns="http://www.w3.org/1999/xhtml"><p>` + html.EscapeString(strings.Join(w, " ")) + `</p></div>`
}

func orNotRecorded(s string) string {
	if strings.TrimSpace(s) == "" {
		return "not recorded"
	}
	return s
}
