package fhir

import (
	"encoding/base64"
	"encoding/hex"
	"html"
	"strings"

	"github.com/mhac-clinic/mhac/clinic"
)

// DocumentReference is one signed PDF form.
type DocumentReference struct {
	ResourceType     string           `json:"resourceType"`
	ID               string           `json:"id"`
	MasterIdentifier *Identifier      `json:"masterIdentifier,omitempty"`
	Identifier       []Identifier     `json:"identifier,omitempty"`
	Status           string           `json:"status"`
	DocStatus        string           `json:"docStatus,omitempty"`
	Type             *CodeableConcept `json:"type,omitempty"`
	Subject          *Reference       `json:"subject,omitempty"`
	Date             string           `json:"date,omitempty"`
	Author           []Reference      `json:"author,omitempty"`
	Authenticator    *Reference       `json:"authenticator,omitempty"`
	Custodian        *Reference       `json:"custodian,omitempty"`
	Description      string           `json:"description,omitempty"`
	Content          []docContent     `json:"content"`
	Context          *docContext      `json:"context,omitempty"`
}

type docContent struct {
	Attachment Attachment `json:"attachment"`
}

type docContext struct {
	Encounter []Reference `json:"encounter,omitempty"`
}

// Provenance records who signed the assessment and its forms, and when.
type Provenance struct {
	ResourceType string      `json:"resourceType"`
	ID           string      `json:"id"`
	Target       []Reference `json:"target"`
	Recorded     string      `json:"recorded"`
	Agent        []provAgent `json:"agent"`
	Signature    []signature `json:"signature,omitempty"`
}

type provAgent struct {
	Type       *CodeableConcept `json:"type,omitempty"`
	Who        *Reference       `json:"who"`
	OnBehalfOf *Reference       `json:"onBehalfOf,omitempty"`
}

type signature struct {
	Type      []Coding   `json:"type"`
	When      string     `json:"when"`
	Who       *Reference `json:"who"`
	SigFormat string     `json:"sigFormat,omitempty"`
}

// documents writes one DocumentReference per signed form of the snapshot.
func (b *builder) documents() section {
	var refs []string
	for _, f := range b.rec.Forms {
		refs = append(refs, b.documentReference(f))
	}
	return section{title: "Signed medical forms", display: "Signed medical forms", refs: refs, empty: "No signed form yet."}
}

// HashURI is the RFC 6920 name of a file by its SHA-256 (hex in, ni URI out).
func HashURI(sha256Hex string) string {
	raw, err := hex.DecodeString(sha256Hex)
	if err != nil || len(raw) != 32 {
		return ""
	}
	return "ni:///sha-256;" + base64.RawURLEncoding.EncodeToString(raw)
}

// FormURL is where a signed form's PDF is downloaded (after login).
func FormURL(base string, f clinic.Form) string {
	return strings.TrimRight(base, "/") + "/api/forms/" + f.ID + "/pdf"
}

func (b *builder) documentReference(f clinic.Form) string {
	d := DocumentReference{ResourceType: "DocumentReference", ID: b.id("DocumentReference", f.ID), Status: "current", DocStatus: "final",
		Identifier: []Identifier{{System: b.url("/fhir/id/form"), Value: f.ID}},
		Type:       &CodeableConcept{Text: f.FormType}, Subject: ref(b.patient, ""), Author: []Reference{*ref(b.site, b.snap.Site.Name)},
		Authenticator: ref(b.physician, b.snap.Physician.Name), Custodian: ref(b.site, b.snap.Site.Name),
		Description: "Signed " + f.FormType + " (PDF, PAdES signature of " + b.snap.Site.Name + ")",
		Context:     &docContext{Encounter: []Reference{*ref(b.encounter, "")}},
		Content: []docContent{{Attachment: Attachment{ContentType: "application/pdf", URL: FormURL(b.base, f), Size: f.Size,
			Title: f.FormType}}}}
	if h := HashURI(f.SHA256); h != "" {
		d.MasterIdentifier = &Identifier{System: sysIETF, Value: h}
	}
	if f.IssuedAt != nil {
		d.Date = instant(*f.IssuedAt)
		d.Content[0].Attachment.Creation = instant(*f.IssuedAt)
	}
	if f.VerifyToken != "" {
		d.Content = append(d.Content, docContent{Attachment: Attachment{ContentType: "text/html",
			URL: b.url("/verify/" + f.VerifyToken), Title: "Verification page of " + f.FormType}})
	}
	return b.add("DocumentReference", d.ID, d)
}

// provenance: the physician signed the assessment (the Composition); the site's key signed each PDF.
func (b *builder) provenance(composition string) {
	p := Provenance{ResourceType: "Provenance", ID: b.id("Provenance", ""), Target: []Reference{{Reference: "urn:uuid:" + composition}},
		Recorded: instant(b.snap.SignedAt),
		Agent: []provAgent{
			{Type: &CodeableConcept{Coding: []Coding{{System: sysProvAgent, Code: "author", Display: "Author"}}}, Who: ref(b.physician, b.snap.Physician.Name), OnBehalfOf: ref(b.site, "")},
			{Type: &CodeableConcept{Coding: []Coding{{System: sysProvAgent, Code: "custodian", Display: "Custodian"}}}, Who: ref(b.site, b.snap.Site.Name)},
		},
		Signature: []signature{{Type: []Coding{{System: sysSigType, Code: "1.2.840.10065.1.12.1.1", Display: "Author's Signature"}},
			When: instant(b.snap.SignedAt), Who: ref(b.physician, b.snap.Physician.Name)}}}
	for _, f := range b.rec.Forms {
		p.Target = append(p.Target, Reference{Reference: "urn:uuid:" + b.id("DocumentReference", f.ID)})
		if f.IssuedAt != nil {
			p.Signature = append(p.Signature, signature{Type: []Coding{{System: sysSigType, Code: "1.2.840.10065.1.12.1.14", Display: "Source Signature"}},
				When: instant(*f.IssuedAt), Who: ref(b.site, b.snap.Site.Name), SigFormat: "application/pdf"})
		}
	}
	b.add("Provenance", p.ID, p)
}

// allergies: IPS asks for the section; the clinic does not keep an allergy list, so it says so.
func (b *builder) allergies() section {
	return section{title: "Allergies and intolerances", loinc: "48765-2", display: "Allergies and adverse reactions Document",
		empty: "The clinic record holds no allergy list.", emptyReason: "notasked"}
}

// Composition is the document's table of contents.
type Composition struct {
	ResourceType string          `json:"resourceType"`
	ID           string          `json:"id"`
	Meta         *Meta           `json:"meta,omitempty"`
	Identifier   *Identifier     `json:"identifier,omitempty"`
	Status       string          `json:"status"`
	Type         CodeableConcept `json:"type"`
	Subject      *Reference      `json:"subject"`
	Encounter    *Reference      `json:"encounter,omitempty"`
	Date         string          `json:"date"`
	Author       []Reference     `json:"author"`
	Title        string          `json:"title"`
	Attester     []attester      `json:"attester,omitempty"`
	Custodian    *Reference      `json:"custodian,omitempty"`
	Event        []compEvent     `json:"event,omitempty"`
	Section      []compSection   `json:"section,omitempty"`
}

type attester struct {
	Mode  string     `json:"mode"`
	Time  string     `json:"time,omitempty"`
	Party *Reference `json:"party,omitempty"`
}

type compEvent struct {
	Code   []CodeableConcept `json:"code,omitempty"`
	Period *Period           `json:"period,omitempty"`
}

type compSection struct {
	Title       string           `json:"title"`
	Code        *CodeableConcept `json:"code,omitempty"`
	Text        *Narrative       `json:"text,omitempty"`
	Entry       []Reference      `json:"entry,omitempty"`
	EmptyReason *CodeableConcept `json:"emptyReason,omitempty"`
}

// section is a Composition section before it is written.
type section struct {
	title, loinc, display string
	refs                  []string
	empty, emptyReason    string
}

func (b *builder) composition(id string, secs []section) error {
	s := b.snap
	c := Composition{ResourceType: "Composition", ID: id,
		Identifier: &Identifier{System: b.url("/fhir/id/snapshot"), Value: b.rec.SnapshotID}, Status: "final",
		Type:    concept(sysLOINC, "60591-5", "Patient summary Document"),
		Subject: ref(b.patient, ""), Encounter: ref(b.encounter, ""), Date: instant(s.SignedAt),
		Author:    []Reference{*ref(b.physician, s.Physician.Name)},
		Title:     "Migration health assessment for " + destinationName(s.Destination),
		Attester:  []attester{{Mode: "legal", Time: instant(s.SignedAt), Party: ref(b.physician, s.Physician.Name)}},
		Custodian: ref(b.site, s.Site.Name),
		Event: []compEvent{{Code: []CodeableConcept{concept(sysActCode, "PCPR", "care provision")},
			Period: &Period{Start: date(s.ExamDate), End: instant(s.SignedAt)}}}}
	if a := s.Addendum; a != nil {
		c.Title += " (reissued with an addendum)"
	}
	for _, sec := range secs {
		cs := compSection{Title: sec.title}
		if sec.loinc != "" {
			cc := concept(sysLOINC, sec.loinc, sec.display)
			cs.Code = &cc
		} else {
			cs.Code = &CodeableConcept{Text: sec.display}
		}
		for _, r := range sec.refs {
			cs.Entry = append(cs.Entry, Reference{Reference: r})
		}
		cs.Text = &Narrative{Status: "generated", Div: b.narrative(sec)}
		if len(cs.Entry) == 0 && sec.emptyReason != "" {
			cs.EmptyReason = &CodeableConcept{Coding: []Coding{{System: "http://terminology.hl7.org/CodeSystem/list-empty-reason", Code: sec.emptyReason}}, Text: sec.empty}
		}
		c.Section = append(c.Section, cs)
	}
	b.res[0] = Resource{Type: "Composition", ID: id}
	js, err := jsonOf(c)
	if err != nil {
		return err
	}
	b.res[0].JSON = js
	return nil
}

// narrative is a section's XHTML: what it holds in words, or why it is empty.
func (b *builder) narrative(sec section) string {
	var w strings.Builder
	w.WriteString(`<div xmlns="http://www.w3.org/1999/xhtml">`)
	if len(sec.refs) == 0 {
		w.WriteString("<p>" + html.EscapeString(sec.empty) + "</p></div>")
		return w.String()
	}
	w.WriteString("<ul>")
	for _, r := range sec.refs {
		w.WriteString("<li>" + html.EscapeString(b.summary(r)) + "</li>")
	}
	w.WriteString("</ul></div>")
	return w.String()
}
