// Package fhir maps a signed clinic assessment to FHIR R4: a document Bundle that follows the
// International Patient Summary where it fits, and the same resources as Bulk Data NDJSON. The
// mapping reads clinic.ExportRecord only (the signed snapshot, its forms, the vaccination record
// at sign-off); every resource is checked with github.com/google/fhir/go (see Validate).
package fhir

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/mhac-clinic/mhac/clinic"
)

// Resource is one produced resource: its type, id and JSON.
type Resource struct {
	Type string
	ID   string
	JSON json.RawMessage
}

// FullURL is the resource's address inside a Bundle.
func (r Resource) FullURL() string { return "urn:uuid:" + r.ID }

// Document is one assessment's resources in document order, the Composition first.
type Document struct {
	ID        string // the Bundle's id, stable for one signed snapshot
	Timestamp time.Time
	Resources []Resource
}

// Bundle is a FHIR R4 Bundle of type document.
type Bundle struct {
	ResourceType string      `json:"resourceType"`
	ID           string      `json:"id"`
	Meta         *Meta       `json:"meta,omitempty"`
	Identifier   *Identifier `json:"identifier,omitempty"`
	Type         string      `json:"type"`
	Timestamp    string      `json:"timestamp"`
	Entry        []Entry     `json:"entry"`
}

// Entry is one Bundle entry.
type Entry struct {
	FullURL  string          `json:"fullUrl"`
	Resource json.RawMessage `json:"resource"`
}

// Bundle wraps the document's resources in a document Bundle.
func (d Document) Bundle() Bundle {
	b := Bundle{ResourceType: "Bundle", ID: d.ID,
		Identifier: &Identifier{System: sysIETF, Value: "urn:uuid:" + d.ID}, Type: "document",
		Timestamp: instant(d.Timestamp), Entry: make([]Entry, len(d.Resources))}
	for i, r := range d.Resources {
		b.Entry[i] = Entry{FullURL: r.FullURL(), Resource: r.JSON}
	}
	return b
}

// JSON encodes the document Bundle.
func (d Document) JSON() ([]byte, error) { return jsonOf(d.Bundle()) }

// idSpace makes resource ids: the same signed snapshot always gives the same ids.
var idSpace = uuid.MustParse("5b0b6a56-3a57-4a53-9b7e-6d2f8f0c1e41")

// builder collects one document's resources.
type builder struct {
	rec  clinic.ExportRecord
	snap clinic.FormSnapshot
	base string
	res  []Resource
	seen map[string]bool
	// words says each resource in a line, for the sections' narrative.
	words map[string]string

	patient, encounter, physician, site string // fullUrls
}

// Map builds the FHIR document of one signed assessment.
func Map(rec clinic.ExportRecord) (Document, error) {
	b := &builder{rec: rec, snap: rec.Snapshot, base: strings.TrimRight(rec.BaseURL, "/"), seen: map[string]bool{}, words: map[string]string{}}
	comp := b.id("Composition", "")
	b.res = append(b.res, Resource{Type: "Composition", ID: comp}) // filled last
	b.site = b.organization()
	b.physician = b.practitioner("physician", b.snap.Physician.Name, b.snap.Physician.RegistrationID)
	b.patient = b.patientResource()
	b.encounter = b.encounterResource()
	secs := []section{
		b.problems(),
		b.allergies(),
		b.medications(),
		b.immunizations(),
		b.results(),
		b.vitalSigns(),
		b.consents(),
		b.documents(),
	}
	b.provenance(comp)
	if err := b.composition(comp, secs); err != nil {
		return Document{}, err
	}
	for _, r := range b.res {
		if r.JSON == nil {
			return Document{}, fmt.Errorf("fhir: %s/%s was never written", r.Type, r.ID)
		}
	}
	return Document{ID: b.id("Bundle", ""), Timestamp: b.snap.SignedAt, Resources: b.res}, nil
}

// id is the resource id of one thing of the snapshot.
func (b *builder) id(typ, key string) string {
	return uuid.NewSHA1(idSpace, []byte(b.rec.SnapshotID+"/"+typ+"/"+key)).String()
}

// globalID is the id of something shared by many documents (the site, a person by name), so
// a bulk export holds it once.
func (b *builder) globalID(typ, key string) string {
	return uuid.NewSHA1(idSpace, []byte("global/"+b.snap.Site.Code+"/"+typ+"/"+key)).String()
}

// add encodes a resource and returns its fullUrl. A key already added is not added twice.
func (b *builder) add(typ, id string, body any) string {
	full := "urn:uuid:" + id
	if b.seen[id] {
		return full
	}
	js, err := jsonOf(body)
	if err != nil {
		// Only plain structs of strings, numbers and slices are encoded here.
		panic("fhir: encode " + typ + ": " + err.Error())
	}
	b.seen[id] = true
	b.words[full] = summarize(body)
	b.res = append(b.res, Resource{Type: typ, ID: id, JSON: js})
	return full
}

// url is an address under the server's public URL.
func (b *builder) url(path string) string { return b.base + path }

func instant(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func date(t time.Time) string { return t.UTC().Format(time.DateOnly) }
