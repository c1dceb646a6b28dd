package fhir

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strings"

	"github.com/google/fhir/go/fhirversion"
	"github.com/google/fhir/go/jsonformat"
	"google.golang.org/protobuf/proto"
)

// Issue is one problem a validation found: the resource, the element path and what is wrong.
type Issue struct {
	Resource string // Type/id
	Path     string
	Message  string
}

func (i Issue) String() string { return i.Resource + " at " + i.Path + ": " + i.Message }

// ValidationError lists every problem found in a resource or a document.
type ValidationError struct{ Issues []Issue }

func (e *ValidationError) Error() string {
	parts := make([]string, len(e.Issues))
	for i, is := range e.Issues {
		parts[i] = is.String()
	}
	return "FHIR R4 validation failed: " + strings.Join(parts, "; ")
}

// Validator parses resources as FHIR R4 with github.com/google/fhir/go, validation on: required
// elements, cardinalities, primitive formats, codes of required bindings, reference types.
type Validator struct {
	u *jsonformat.Unmarshaller
	m *jsonformat.Marshaller
}

// NewValidator builds a validator (times without a zone are read as UTC).
func NewValidator() (*Validator, error) {
	u, err := jsonformat.NewUnmarshaller("UTC", fhirversion.R4)
	if err != nil {
		return nil, err
	}
	m, err := jsonformat.NewMarshaller(false, "", "", fhirversion.R4)
	if err != nil {
		return nil, err
	}
	return &Validator{u: u, m: m}, nil
}

// collector is the library's ErrorReporter: it keeps every error with its element path.
type collector struct {
	name   string
	issues []Issue
}

func (c *collector) ReportValidationError(path string, err error) error {
	c.issues = append(c.issues, Issue{Resource: c.name, Path: path, Message: err.Error()})
	return nil
}

func (c *collector) ReportValidationWarning(string, error) error { return nil }

// Parse validates one resource's JSON and returns its parsed form.
func (v *Validator) Parse(js []byte) (proto.Message, error) {
	var head struct {
		Type string `json:"resourceType"`
		ID   string `json:"id"`
	}
	_ = json.Unmarshal(js, &head)
	c := &collector{name: head.Type + "/" + head.ID}
	msg, err := v.u.UnmarshalWithErrorReporter(js, c)
	if err != nil {
		c.issues = append(c.issues, Issue{Resource: c.name, Path: head.Type, Message: err.Error()})
	}
	if len(c.issues) > 0 {
		return nil, &ValidationError{Issues: c.issues}
	}
	return msg, nil
}

// RoundTrip parses a resource and writes it back with the library's marshaller: the result
// must hold the same elements and values as the input.
func (v *Validator) RoundTrip(js []byte) error {
	msg, err := v.Parse(js)
	if err != nil {
		return err
	}
	back, err := v.m.Marshal(msg)
	if err != nil {
		return fmt.Errorf("marshal back: %w", err)
	}
	var a, b any
	if err := decode(js, &a); err != nil {
		return err
	}
	if err := decode(back, &b); err != nil {
		return err
	}
	if path, ok := sameJSON(a, b, ""); !ok {
		return fmt.Errorf("round trip changed %s: %s", path, back)
	}
	return nil
}

func decode(js []byte, out *any) error {
	d := json.NewDecoder(bytes.NewReader(js))
	d.UseNumber()
	return d.Decode(out)
}

// sameJSON compares two decoded documents and names the first path where they differ.
func sameJSON(a, b any, path string) (string, bool) {
	switch x := a.(type) {
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return path + " " + keys(x) + " vs " + keysOf(b), false
		}
		for k, xv := range x {
			if p, ok := sameJSON(xv, y[k], path+"."+k); !ok {
				return p, false
			}
		}
		return "", true
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return path + " (length)", false
		}
		for i := range x {
			if p, ok := sameJSON(x[i], y[i], fmt.Sprintf("%s[%d]", path, i)); !ok {
				return p, false
			}
		}
		return "", true
	}
	return path, reflect.DeepEqual(a, b)
}

func keys(m map[string]any) string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return "{" + strings.Join(ks, ",") + "}"
}

func keysOf(v any) string {
	if m, ok := v.(map[string]any); ok {
		return keys(m)
	}
	return fmt.Sprintf("%T", v)
}

// Document validates a document (see Bundle).
func (v *Validator) Document(d Document) error {
	js, err := d.JSON()
	if err != nil {
		return err
	}
	return v.Bundle(js)
}

// Bundle validates a document Bundle: the Bundle as a whole, each entry's resource on its own
// (so an issue names that resource), and every reference resolving to an entry.
func (v *Validator) Bundle(js []byte) error {
	var issues []Issue
	add := func(err error) {
		var ve *ValidationError
		if errors.As(err, &ve) {
			issues = append(issues, ve.Issues...)
		} else if err != nil {
			issues = append(issues, Issue{Resource: "Bundle", Path: "Bundle", Message: err.Error()})
		}
	}
	_, err := v.Parse(js)
	add(err)
	var b struct {
		Type  string `json:"type"`
		Entry []struct {
			Resource json.RawMessage `json:"resource"`
		} `json:"entry"`
	}
	if err := json.Unmarshal(js, &b); err != nil {
		add(err)
	}
	if b.Type != "document" {
		add(fmt.Errorf("the Bundle is a %q, not a document", b.Type))
	}
	for _, e := range b.Entry {
		_, err := v.Parse(e.Resource)
		add(err)
	}
	add(CheckReferences(js))
	if len(issues) > 0 {
		return &ValidationError{Issues: issues}
	}
	return nil
}

// Bulk validates Bulk Data output (resource type -> NDJSON): every line is one valid resource
// of its file's type, and every reference names a resource of the export. It returns the
// number of resources of each type.
func (v *Validator) Bulk(files map[string][]byte) (map[string]int, error) {
	have := map[string]bool{}
	counts := map[string]int{}
	var issues []Issue
	var all [][]byte
	for typ, data := range files {
		for n, line := range bytes.Split(bytes.TrimRight(data, "\n"), []byte("\n")) {
			var head struct{ ResourceType, ID string }
			if err := json.Unmarshal(line, &head); err != nil || head.ResourceType != typ {
				issues = append(issues, Issue{Resource: FileName(typ), Path: fmt.Sprintf("line %d", n+1), Message: "not a " + typ})
				continue
			}
			if _, err := v.Parse(line); err != nil {
				issues = append(issues, err.(*ValidationError).Issues...)
			}
			have[typ+"/"+head.ID] = true
			all = append(all, line)
			counts[typ]++
		}
	}
	for _, line := range all {
		var res any
		if err := decode(line, &res); err != nil {
			return nil, err
		}
		m, _ := res.(map[string]any)
		name := fmt.Sprint(m["resourceType"], "/", m["id"])
		walkRefs(res, fmt.Sprint(m["resourceType"]), func(path, r string) {
			if !have[r] {
				issues = append(issues, Issue{Resource: name, Path: path, Message: "reference " + r + " is not in the export"})
			}
		})
	}
	if len(issues) > 0 {
		return counts, &ValidationError{Issues: issues}
	}
	return counts, nil
}

// CheckReferences reads a Bundle and checks that every "reference" in its resources names the
// fullUrl of one of its entries, and that the first entry is the Composition.
func CheckReferences(bundle []byte) error {
	var b struct {
		Entry []struct {
			FullURL  string          `json:"fullUrl"`
			Resource json.RawMessage `json:"resource"`
		} `json:"entry"`
	}
	if err := json.Unmarshal(bundle, &b); err != nil {
		return &ValidationError{Issues: []Issue{{Resource: "Bundle", Path: "Bundle", Message: err.Error()}}}
	}
	urls := map[string]bool{}
	for _, e := range b.Entry {
		urls[e.FullURL] = true
	}
	var issues []Issue
	for i, e := range b.Entry {
		var res any
		if err := decode(e.Resource, &res); err != nil {
			issues = append(issues, Issue{Resource: e.FullURL, Path: fmt.Sprintf("Bundle.entry[%d]", i), Message: err.Error()})
			continue
		}
		m, _ := res.(map[string]any)
		name := fmt.Sprint(m["resourceType"], "/", m["id"])
		if i == 0 && m["resourceType"] != "Composition" {
			issues = append(issues, Issue{Resource: name, Path: "Bundle.entry[0]", Message: "a document's first entry must be its Composition"})
		}
		walkRefs(res, fmt.Sprint(m["resourceType"]), func(path, r string) {
			if !urls[r] {
				issues = append(issues, Issue{Resource: name, Path: path, Message: "reference " + r + " does not resolve inside the Bundle"})
			}
		})
	}
	if len(issues) > 0 {
		return &ValidationError{Issues: issues}
	}
	return nil
}

// walkRefs calls fn for every "reference" string in a decoded resource.
func walkRefs(v any, path string, fn func(path, ref string)) {
	switch x := v.(type) {
	case map[string]any:
		for k, val := range x {
			if s, ok := val.(string); ok && k == "reference" {
				fn(path+".reference", s)
				continue
			}
			walkRefs(val, path+"."+k, fn)
		}
	case []any:
		for i, val := range x {
			walkRefs(val, fmt.Sprintf("%s[%d]", path, i), fn)
		}
	}
}
