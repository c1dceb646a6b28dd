package pdf

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

// docs/forms-coverage.md says, for every field of every form, which snapshot field fills it or
// why the clinic does not collect it. TestFormsCoverage holds the page, the snapshot and the
// drawers together:
//   - every form this package draws has a section, and every row names a snapshot field or
//     says "not collected" with the reason;
//   - every snapshot field is named somewhere (a form's row, or the "Not printed" section), so
//     a field added to the record cannot be forgotten silently;
//   - every snapshot field the page names exists;
//   - every free-text field a form's rows claim is really printed by that form: the sample
//     snapshot gets a unique marker in each such field, the form is drawn, and pdftotext must
//     find each marker.

type coverageRow struct {
	form, field, note string
	paths             []string
	notCollected      bool
	line              int
}

var backticked = regexp.MustCompile("`([a-z0-9_.\\[\\]]+)`")

func readCoverage(t *testing.T) []coverageRow {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "docs", "forms-coverage.md"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []coverageRow
	section := ""
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.HasPrefix(line, "## ") {
			section = strings.TrimSpace(strings.TrimPrefix(line, "## "))
			continue
		}
		if section == "" || !strings.HasPrefix(line, "| ") || strings.HasPrefix(line, "| ---") || strings.HasPrefix(line, "| Form field") || strings.HasPrefix(line, "| Snapshot field") {
			continue
		}
		cells := strings.Split(strings.Trim(line, "| "), " | ")
		if len(cells) != 3 {
			t.Errorf("forms-coverage.md:%d: want 3 cells, got %d: %s", n, len(cells), line)
			continue
		}
		r := coverageRow{form: section, field: strings.TrimSpace(cells[0]), note: strings.TrimSpace(cells[2]), line: n}
		src := strings.TrimSpace(cells[1])
		if strings.HasPrefix(src, "not collected") {
			r.notCollected = true
		}
		for _, m := range backticked.FindAllStringSubmatch(src, -1) {
			r.paths = append(r.paths, m[1])
		}
		rows = append(rows, r)
	}
	return rows
}

// snapshotPaths lists the JSON paths of every leaf field of FormSnapshot, with its Go kind.
func snapshotPaths() map[string]reflect.Type {
	out := map[string]reflect.Type{}
	var walk func(prefix string, t reflect.Type)
	walk = func(prefix string, t reflect.Type) {
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			name := strings.Split(f.Tag.Get("json"), ",")[0]
			if name == "" || name == "-" {
				continue
			}
			p := name
			if prefix != "" {
				p = prefix + "." + name
			}
			ft := f.Type
			for ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			switch {
			case ft.Kind() == reflect.Struct && ft != reflect.TypeOf(time.Time{}):
				walk(p, ft)
			case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct:
				walk(p+"[]", ft.Elem())
			default:
				out[p] = ft
			}
		}
	}
	walk("", reflect.TypeOf(clinic.FormSnapshot{}))
	return out
}

func TestFormsCoverage(t *testing.T) {
	rows := readCoverage(t)
	paths := snapshotPaths()
	forms := map[string][]coverageRow{}
	named := map[string]bool{}
	for _, r := range rows {
		forms[r.form] = append(forms[r.form], r)
		if r.notCollected && r.note == "" {
			t.Errorf("forms-coverage.md:%d: %s %q is not collected but no reason is given", r.line, r.form, r.field)
		}
		if !r.notCollected && len(r.paths) == 0 {
			t.Errorf("forms-coverage.md:%d: %s %q names no snapshot field and is not marked not collected", r.line, r.form, r.field)
		}
		for _, p := range r.paths {
			if _, ok := paths[p]; !ok {
				t.Errorf("forms-coverage.md:%d: %s %q names `%s`, which is no snapshot field", r.line, r.form, r.field, p)
			}
			named[p] = true
		}
	}
	for _, id := range FormTypes() {
		if len(forms[id]) == 0 {
			t.Errorf("forms-coverage.md has no section \"## %s\"", id)
		}
	}
	var missing []string
	for p := range paths {
		if !named[p] {
			missing = append(missing, p)
		}
	}
	sort.Strings(missing)
	for _, p := range missing {
		t.Errorf("snapshot field `%s` is in no form's rows nor in \"Not printed\": say which form prints it, or why none does", p)
	}
	for _, id := range FormTypes() {
		checkPrinted(t, id, forms[id], paths)
	}
}

// checkPrinted draws form id from each sample that lists it, with a marker in every free-text
// field its rows claim, and looks for each marker in the text pdftotext reads: a field counts as
// printed when some sample shows it (a child's sample has the IGRA an adult's has not).
func checkPrinted(t *testing.T, id string, rows []coverageRow, paths map[string]reflect.Type) {
	var claimed []string
	for _, r := range rows {
		// A code printed through a label, or a picture, carries no text marker.
		if strings.Contains(r.note, "label") || strings.Contains(r.note, "picture") || strings.Contains(r.note, "existence only") {
			continue
		}
		for _, p := range r.paths {
			if paths[p] != nil && paths[p].Kind() == reflect.String && !slices.Contains(claimed, p) {
				claimed = append(claimed, p)
			}
		}
	}
	shown := map[string]bool{}
	samples := 0
	for _, sample := range Samples() {
		if !slices.Contains(sample.Snapshot.Forms, id) {
			continue
		}
		samples++
		snap := sample.Snapshot
		markers := map[string]string{}
		for i, p := range claimed {
			m := fmt.Sprintf("QX%02dW", i+1)
			if setPath(reflect.ValueOf(&snap).Elem(), strings.Split(p, "."), m) {
				markers[p] = m
			}
		}
		pdf, err := Render(snap, id, "https://mhac.example/verify/coverage")
		if err != nil {
			t.Errorf("%s (%s): render with markers: %v", id, sample.Name, err)
			continue
		}
		file := filepath.Join(t.TempDir(), "form.pdf")
		if err := os.WriteFile(file, pdf, 0o600); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command("pdftotext", file, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext: %v", err)
		}
		text := strings.ToUpper(string(out))
		for p, m := range markers {
			shown[p] = shown[p] || strings.Contains(text, m)
		}
	}
	if samples == 0 {
		t.Errorf("%s: no sample snapshot lists it", id)
		return
	}
	for _, p := range claimed {
		if !shown[p] {
			t.Errorf("%s: forms-coverage.md says the form prints `%s`, but no drawn sample shows it", id, p)
		}
	}
}

// setPath sets the string at a JSON path in v (every element of a slice, allocating one element
// in an empty slice and a nil pointer), and reports whether it could.
func setPath(v reflect.Value, path []string, s string) bool {
	for v.Kind() == reflect.Pointer {
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		v = v.Elem()
	}
	if len(path) == 0 {
		if v.Kind() != reflect.String {
			return false
		}
		v.SetString(s)
		return true
	}
	name, slice := strings.CutSuffix(path[0], "[]")
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		if strings.Split(t.Field(i).Tag.Get("json"), ",")[0] != name {
			continue
		}
		f := v.Field(i)
		if !slice {
			return setPath(f, path[1:], s)
		}
		if f.Len() == 0 {
			f.Set(reflect.Append(f, reflect.New(f.Type().Elem()).Elem()))
		}
		ok := true
		for j := 0; j < f.Len(); j++ {
			ok = setPath(f.Index(j), path[1:], s) && ok
		}
		return ok
	}
	return false
}
