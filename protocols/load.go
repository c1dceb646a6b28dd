package protocols

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"cel.dev/cel-go/cel"
)

//go:embed rules
var embedded embed.FS

// Engine holds every protocol version, compiled. It is safe for concurrent use.
type Engine struct {
	ref  *reference
	sets map[string][]*ruleSet // by destination, oldest first
}

// LoadError is one problem in a rule or reference file.
type LoadError struct {
	File    string `json:"file"`
	Line    int    `json:"line,omitempty"`
	Rule    string `json:"rule,omitempty"`
	Message string `json:"message"`
}

func (e LoadError) String() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	if e.Rule != "" {
		fmt.Fprintf(&b, ": rule %s", e.Rule)
	}
	b.WriteString(": ")
	b.WriteString(e.Message)
	return b.String()
}

// LoadErrors is every problem found while loading; the engine loads only when there is none.
type LoadErrors []LoadError

func (l LoadErrors) Error() string {
	lines := make([]string, len(l))
	for i, e := range l {
		lines[i] = e.String()
	}
	return strings.Join(lines, "\n")
}

func (l *LoadErrors) add(file string, line int, rule, format string, args ...any) {
	*l = append(*l, LoadError{File: file, Line: line, Rule: rule, Message: fmt.Sprintf(format, args...)})
}

// Load loads the rule files embedded in the binary.
func Load() (*Engine, error) {
	sub, err := fs.Sub(embedded, "rules")
	if err != nil {
		return nil, err
	}
	return LoadDir(sub)
}

// LoadDir loads and checks the rule files of fsys: reference/ holds the reference data, and one
// directory per destination (us, ca, au, nz) holds a file per version, named after its effective
// date. Every problem is reported, as LoadErrors.
func LoadDir(fsys fs.FS) (*Engine, error) {
	var errs LoadErrors
	ref := loadReference(fsys, "reference", &errs)
	env, err := baseEnv(ref)
	if err != nil {
		return nil, fmt.Errorf("protocols: CEL environment: %w", err)
	}
	e := &Engine{ref: ref, sets: map[string][]*ruleSet{}}
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("protocols: %w", err)
	}
	for _, de := range entries {
		name := de.Name()
		switch {
		case name == "reference":
		case !de.IsDir():
			if !strings.HasSuffix(name, ".md") {
				errs.add(name, 0, "", "unexpected file: rule files go in a directory per destination (us/, ca/, au/, nz/)")
			}
		case !contains(destinations, strings.ToUpper(name)) || name != strings.ToLower(name):
			errs.add(name, 0, "", "directory %q is not a destination (us, ca, au, nz)%s", name, suggest(strings.ToLower(name), []string{"us", "ca", "au", "nz"}))
		default:
			e.loadCountry(fsys, env, name, &errs)
		}
	}
	for _, c := range destinations {
		if len(e.sets[c]) == 0 && len(errs) == 0 {
			errs.add(strings.ToLower(c), 0, "", "no rule file for %s", c)
		}
	}
	checkVersions(e.sets, &errs)
	if len(errs) > 0 {
		return nil, errs
	}
	return e, nil
}

func (e *Engine) loadCountry(fsys fs.FS, env *cel.Env, dir string, errs *LoadErrors) {
	files, err := fs.ReadDir(fsys, dir)
	if err != nil {
		errs.add(dir, 0, "", "%v", err)
		return
	}
	for _, f := range files {
		file := path.Join(dir, f.Name())
		switch {
		case f.IsDir():
			errs.add(file, 0, "", "unexpected directory")
		case strings.HasSuffix(f.Name(), ".md"):
		case !strings.HasSuffix(f.Name(), ".yaml"):
			errs.add(file, 0, "", "unexpected file: rule files end in .yaml")
		default:
			data, err := fs.ReadFile(fsys, file)
			if err != nil {
				errs.add(file, 0, "", "%v", err)
				continue
			}
			if s := buildSet(env, e.ref, file, data, errs); s != nil {
				e.sets[s.country] = append(e.sets[s.country], s)
			}
		}
	}
}

// checkVersions orders each destination's versions and rejects two that are in force on one day.
func checkVersions(sets map[string][]*ruleSet, errs *LoadErrors) {
	for _, list := range sets {
		sort.Slice(list, func(i, j int) bool { return list[i].effective.Before(list[j].effective) })
		for i := 1; i < len(list); i++ {
			prev, cur := list[i-1], list[i]
			if cur.effective.Equal(prev.effective) {
				errs.add(cur.file, 0, "", "overlapping effective date: %s and %s both take effect on %s", prev.file, cur.file, cur.version)
			} else if !prev.until.IsZero() && !prev.until.Before(cur.effective) {
				errs.add(prev.file, 0, "", "overlapping effective dates: in force until %s, but %s takes effect on %s",
					prev.until.Format("2006-01-02"), cur.file, cur.version)
			}
		}
	}
}

// formatExprError places a problem found in a condition on the file's line and shows the line
// of the condition with a caret under the spot.
func formatExprError(file string, pos rulePos, field, expr string, e exprError, id string, errs *LoadErrors) {
	line := pos.line
	if pos.whenLine > 0 && e.line > 0 {
		line = pos.whenLine + e.line - 1
		if pos.block {
			line++
		}
	}
	msg := field + ": " + e.msg
	if lines := strings.Split(expr, "\n"); e.line >= 1 && e.line <= len(lines) {
		src := strings.ReplaceAll(lines[e.line-1], "\t", " ")
		col := e.col
		if col > len(src) {
			col = len(src)
		}
		msg += "\n    | " + src + "\n    | " + strings.Repeat(".", col) + "^"
	}
	errs.add(file, line, id, "%s", msg)
}
