package fhir

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"time"
)

// Bulk collects documents as FHIR Bulk Data output: one NDJSON file per resource type, one
// resource per line, references written as Type/id so they resolve across the files. A
// resource shared by many documents (the site, a physician) is written once.
type Bulk struct {
	files map[string]*bytes.Buffer
	count map[string]int
	seen  map[string]bool
}

// NewBulk starts an empty export.
func NewBulk() *Bulk {
	return &Bulk{files: map[string]*bytes.Buffer{}, count: map[string]int{}, seen: map[string]bool{}}
}

// Add appends one document's resources.
func (b *Bulk) Add(d Document) {
	types := make(map[string]string, len(d.Resources))
	for _, r := range d.Resources {
		types[r.ID] = r.Type
	}
	for _, r := range d.Resources {
		key := r.Type + "/" + r.ID
		if b.seen[key] {
			continue
		}
		b.seen[key] = true
		f := b.files[r.Type]
		if f == nil {
			f = &bytes.Buffer{}
			b.files[r.Type] = f
		}
		relativeRefs(f, r.JSON, types)
		f.WriteByte('\n')
		b.count[r.Type]++
	}
}

// Types lists the resource types held, sorted.
func (b *Bulk) Types() []string {
	out := make([]string, 0, len(b.files))
	for t := range b.files {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

// File returns the NDJSON of one resource type.
func (b *Bulk) File(typ string) []byte {
	if f := b.files[typ]; f != nil {
		return f.Bytes()
	}
	return nil
}

// FileName is the name of a type's NDJSON file.
func FileName(typ string) string { return typ + ".ndjson" }

// Manifest is the Bulk Data export's complete-status body.
type Manifest struct {
	TransactionTime     string           `json:"transactionTime"`
	Request             string           `json:"request"`
	RequiresAccessToken bool             `json:"requiresAccessToken"`
	Output              []ManifestOutput `json:"output"`
	Error               []ManifestOutput `json:"error"`
}

// ManifestOutput is one file of the export. URL is the file's name beside the manifest.
type ManifestOutput struct {
	Type  string `json:"type"`
	URL   string `json:"url"`
	Count int    `json:"count"`
}

// Manifest describes the files; request is what was asked for (a URL or a command line).
func (b *Bulk) Manifest(at time.Time, request string, requiresToken bool) Manifest {
	m := Manifest{TransactionTime: instant(at), Request: request, RequiresAccessToken: requiresToken,
		Output: []ManifestOutput{}, Error: []ManifestOutput{}}
	for _, t := range b.Types() {
		m.Output = append(m.Output, ManifestOutput{Type: t, URL: FileName(t), Count: b.count[t]})
	}
	return m
}

// ManifestName is the manifest's file name.
const ManifestName = "manifest.json"

// WriteDir writes the NDJSON files and the manifest into dir (created if missing).
func (b *Bulk) WriteDir(dir string, m Manifest) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, t := range b.Types() {
		if err := os.WriteFile(filepath.Join(dir, FileName(t)), b.File(t), 0o644); err != nil {
			return err
		}
	}
	js, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, ManifestName), append(js, '\n'), 0o644)
}

// WriteZip writes the NDJSON files and the manifest as a ZIP to w, file by file.
func (b *Bulk) WriteZip(w io.Writer, m Manifest) error {
	zw := zip.NewWriter(w)
	for _, t := range b.Types() {
		f, err := zw.Create(FileName(t))
		if err == nil {
			_, err = f.Write(b.File(t))
		}
		if err != nil {
			return fmt.Errorf("zip %s: %w", t, err)
		}
	}
	js, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	f, err := zw.Create(ManifestName)
	if err == nil {
		_, err = f.Write(append(js, '\n'))
	}
	if err != nil {
		return err
	}
	return zw.Close()
}

// relativeRefs copies a resource's JSON, writing each "reference":"urn:uuid:ID" as Type/ID.
func relativeRefs(w *bytes.Buffer, js []byte, types map[string]string) {
	const mark = `"reference":"urn:uuid:`
	for {
		i := bytes.Index(js, []byte(mark))
		if i < 0 {
			w.Write(js)
			return
		}
		w.Write(js[:i+len(`"reference":"`)])
		js = js[i+len(mark):]
		end := bytes.IndexByte(js, '"')
		id := string(js[:end])
		if t, ok := types[id]; ok {
			w.WriteString(t + "/" + id)
		} else {
			w.WriteString("urn:uuid:" + id)
		}
		js = js[end:]
	}
}
