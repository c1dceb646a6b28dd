// Package submission assembles what a clerk uploads to a receiving country's system for one
// person (eMedical, the US notification system): the signed forms, the FHIR document, the chest
// X-ray report when there is one, and a manifest (CSV and JSON) with each file's SHA-256, its
// signer and when it was signed. Packages are ZIPs; one flight's is a ZIP of every person's.
package submission

import (
	"archive/zip"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/interop/fhir"
)

// Entry is one file of a package as its manifest lists it.
type Entry struct {
	File     string    `json:"file"`
	FormType string    `json:"form_type"`
	SHA256   string    `json:"sha256"`
	Signer   string    `json:"signer"`
	SignedAt time.Time `json:"signed_at"`
}

// Manifest lists a package's files.
type Manifest struct {
	CaseNumber   string  `json:"case_number,omitempty"`
	Applicant    string  `json:"applicant,omitempty"`
	Destination  string  `json:"destination,omitempty"`
	AssessmentID string  `json:"assessment_id,omitempty"`
	Flight       string  `json:"flight,omitempty"`
	Files        []Entry `json:"files"`
}

// The names of a package's own files.
const (
	BundleName      = "fhir-document.json"
	XRayName        = "chest-xray-report.json"
	ManifestCSVName = "manifest.csv"
	ManifestJSON    = "manifest.json"
	TypeFHIR        = "FHIR R4 document Bundle"
	TypeXRay        = "Chest X-ray report (FHIR DiagnosticReport)"
)

// file is one file before it is written.
type file struct {
	Entry
	data []byte
}

// files are one person's package contents (without the manifest), in order.
func files(rec clinic.ExportRecord, doc fhir.Document) ([]file, error) {
	snap := rec.Snapshot
	var out []file
	for _, f := range rec.Forms {
		data, ok := rec.Files[f.ID]
		if !ok {
			return nil, fmt.Errorf("submission: the PDF of form %s was not loaded", f.ID)
		}
		e := Entry{File: "forms/" + SafeName(f.FormType) + "_" + f.ID[:8] + ".pdf", FormType: f.FormType,
			SHA256: f.SHA256, Signer: snap.Physician.Name + " (sealed by " + snap.Site.Name + ")"}
		if f.IssuedAt != nil {
			e.SignedAt = f.IssuedAt.UTC()
		}
		out = append(out, file{Entry: e, data: data})
	}
	bundle, err := doc.JSON()
	if err != nil {
		return nil, err
	}
	out = append(out, file{Entry: Entry{File: BundleName, FormType: TypeFHIR, Signer: snap.Physician.Name, SignedAt: snap.SignedAt.UTC()}, data: bundle})
	for _, r := range doc.Resources {
		if r.Type == "DiagnosticReport" && snap.CXR != nil {
			out = append(out, file{Entry: Entry{File: XRayName, FormType: TypeXRay, Signer: snap.CXR.Reader, SignedAt: snap.CXR.Date.UTC()}, data: r.JSON})
		}
	}
	for i := range out {
		sum := sha256.Sum256(out[i].data)
		out[i].SHA256 = hex.EncodeToString(sum[:])
	}
	return out, nil
}

// Person writes one person's package into zw, under dir ("" for the top), and returns its
// manifest.
func Person(zw *zip.Writer, dir string, rec clinic.ExportRecord, doc fhir.Document) (Manifest, error) {
	contents, err := files(rec, doc)
	if err != nil {
		return Manifest{}, err
	}
	snap := rec.Snapshot
	m := Manifest{CaseNumber: snap.Applicant.CaseNumber, Applicant: strings.TrimSpace(snap.Applicant.GivenNames + " " + snap.Applicant.Surnames),
		Destination: snap.Destination, AssessmentID: rec.AssessmentID, Flight: rec.FlightNumber}
	for _, f := range contents {
		if err := write(zw, dir+f.File, f.data); err != nil {
			return Manifest{}, err
		}
		m.Files = append(m.Files, f.Entry)
	}
	return m, WriteManifest(zw, dir, m)
}

// WriteManifest writes a manifest as CSV and JSON into dir.
func WriteManifest(zw *zip.Writer, dir string, m Manifest) error {
	js, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	if err := write(zw, dir+ManifestJSON, append(js, '\n')); err != nil {
		return err
	}
	w, err := zw.Create(dir + ManifestCSVName)
	if err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"file", "form_type", "sha256", "signer", "signed_at"})
	for _, e := range m.Files {
		_ = cw.Write([]string{e.File, e.FormType, e.SHA256, e.Signer, e.SignedAt.Format(time.RFC3339)})
	}
	cw.Flush()
	return cw.Error()
}

func write(zw *zip.Writer, name string, data []byte) error {
	w, err := zw.Create(name)
	if err != nil {
		return fmt.Errorf("zip %s: %w", name, err)
	}
	_, err = w.Write(data)
	return err
}

// Dir is a person's folder in a flight's package: case number and name.
func Dir(rec clinic.ExportRecord) string {
	a := rec.Snapshot.Applicant
	return SafeName(a.CaseNumber+"_"+a.Surnames+"_"+a.GivenNames) + "_" + rec.AssessmentID[:8] + "/"
}

// Flight streams a flight's package: each person's folder, then a manifest of every file.
type Flight struct {
	zw  *zip.Writer
	all Manifest
}

// NewFlight starts a flight's package.
func NewFlight(w io.Writer, flight string) *Flight {
	return &Flight{zw: zip.NewWriter(w), all: Manifest{Flight: flight}}
}

// Add writes one person's folder.
func (f *Flight) Add(rec clinic.ExportRecord, doc fhir.Document) error {
	dir := Dir(rec)
	m, err := Person(f.zw, dir, rec, doc)
	if err != nil {
		return err
	}
	for _, e := range m.Files {
		e.File = dir + e.File
		f.all.Files = append(f.all.Files, e)
	}
	return nil
}

// Close writes the flight's manifest and ends the ZIP.
func (f *Flight) Close() error {
	if err := WriteManifest(f.zw, "", f.all); err != nil {
		return err
	}
	return f.zw.Close()
}

// SafeName keeps letters, digits and hyphens of a name for a file name.
func SafeName(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-':
			return r
		}
		return '_'
	}, s)
}
