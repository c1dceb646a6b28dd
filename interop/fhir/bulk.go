package fhir

import (
	"archive/zip"
	"bufio"
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
// resource shared by many documents (the site, a physician) is written once. NewBulk keeps the
// files in memory; NewBulkIn writes them to a directory as it goes, for large exports.
type Bulk struct {
	dir   string
	bufs  map[string]*bytes.Buffer
	files map[string]*os.File
	outs  map[string]*bufio.Writer
	count map[string]int
	seen  map[string]bool
	line  bytes.Buffer
}

// NewBulk starts an export held in memory.
func NewBulk() *Bulk {
	return &Bulk{bufs: map[string]*bytes.Buffer{}, count: map[string]int{}, seen: map[string]bool{}}
}

// NewBulkIn starts an export written into dir (created if missing); Close it when done.
func NewBulkIn(dir string) (*Bulk, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	return &Bulk{dir: dir, files: map[string]*os.File{}, outs: map[string]*bufio.Writer{}, count: map[string]int{}, seen: map[string]bool{}}, nil
}

// writer returns the output of one resource type.
func (b *Bulk) writer(typ string) (io.Writer, error) {
	if b.dir == "" {
		f := b.bufs[typ]
		if f == nil {
			f = &bytes.Buffer{}
			b.bufs[typ] = f
		}
		return f, nil
	}
	if w := b.outs[typ]; w != nil {
		return w, nil
	}
	f, err := os.Create(filepath.Join(b.dir, FileName(typ)))
	if err != nil {
		return nil, err
	}
	b.files[typ], b.outs[typ] = f, bufio.NewWriterSize(f, 64<<10)
	return b.outs[typ], nil
}

// Add appends one document's resources.
func (b *Bulk) Add(d Document) error {
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
		w, err := b.writer(r.Type)
		if err != nil {
			return err
		}
		b.line.Reset()
		relativeRefs(&b.line, r.JSON, types)
		b.line.WriteByte('\n')
		if _, err := w.Write(b.line.Bytes()); err != nil {
			return err
		}
		b.count[r.Type]++
	}
	return nil
}

// Types lists the resource types held, sorted.
func (b *Bulk) Types() []string {
	out := make([]string, 0, len(b.count))
	for t := range b.count {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

// File returns the NDJSON of one resource type (read back from disk for NewBulkIn).
func (b *Bulk) File(typ string) []byte {
	if b.dir == "" {
		if f := b.bufs[typ]; f != nil {
			return f.Bytes()
		}
		return nil
	}
	if err := b.flush(); err != nil {
		return nil
	}
	data, _ := os.ReadFile(filepath.Join(b.dir, FileName(typ)))
	return data
}

func (b *Bulk) flush() error {
	for _, w := range b.outs {
		if err := w.Flush(); err != nil {
			return err
		}
	}
	return nil
}

// Close flushes and closes the files of an export written to a directory.
func (b *Bulk) Close() error {
	err := b.flush()
	for _, f := range b.files {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	b.files, b.outs = map[string]*os.File{}, map[string]*bufio.Writer{}
	return err
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

// WriteDir writes the NDJSON files and the manifest into dir (created if missing); an export
// made with NewBulkIn(dir) only adds its manifest.
func (b *Bulk) WriteDir(dir string, m Manifest) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if b.dir != "" {
		if err := b.flush(); err != nil {
			return err
		}
	}
	for _, t := range b.Types() {
		if b.dir == dir {
			continue
		}
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
	if err := b.flush(); err != nil {
		return err
	}
	for _, t := range b.Types() {
		f, err := zw.Create(FileName(t))
		if err == nil {
			err = b.copyTo(f, t)
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

// copyTo writes one type's NDJSON to w, from memory or from its file.
func (b *Bulk) copyTo(w io.Writer, typ string) error {
	if b.dir == "" {
		_, err := w.Write(b.File(typ))
		return err
	}
	f, err := os.Open(filepath.Join(b.dir, FileName(typ)))
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(w, f)
	return err
}
