package api

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/mhac-clinic/mhac/clinic"
)

// routeOnly are the permissions no Service method checks, because no use case of the clinic is
// behind them: the session itself, the protocol texts, the job queue. The route alone guards them.
var routeOnly = map[clinic.Permission]bool{
	clinic.PermOwnSession: true, clinic.PermReadProtocols: true, clinic.PermManageJobs: true,
}

// TestRoutesMatchUseCases reads the source of the handlers and of clinic.Service and checks, for
// every route, that the Service methods its handler calls check exactly the permission the route
// names (a.May(PermX)), so the route and its use case cannot disagree about who may call it.
func TestRoutesMatchUseCases(t *testing.T) {
	fset := token.NewFileSet()
	server := methodsOf(t, fset, ".", "Server")
	service := methodsOf(t, fset, "../clinic", "Service")
	perms := permConstants(t, fset, "../clinic")
	checkedBy := map[clinic.Permission]bool{}
	for name := range service {
		for p := range serviceChecks(service, perms, name, map[string]bool{}) {
			checkedBy[p] = true
		}
	}
	for _, r := range (&Server{}).routes() {
		if r.Public {
			if r.Perm != "" {
				t.Errorf("%s %s is public but names the permission %q", r.Method, r.Path, r.Perm)
			}
			continue
		}
		if clinic.RolesOf(r.Perm) == nil {
			t.Errorf("%s %s names %q, which clinic.Permissions does not hold", r.Method, r.Path, r.Perm)
			continue
		}
		handler := handlerName(r.handle)
		if _, ok := server[handler]; !ok {
			t.Fatalf("%s %s: handler %q not found in the api source", r.Method, r.Path, handler)
		}
		checked := map[clinic.Permission]bool{}
		for _, m := range serviceCalls(server, handler, map[string]bool{}) {
			for p := range serviceChecks(service, perms, m, map[string]bool{}) {
				checked[p] = true
			}
		}
		switch {
		case routeOnly[r.Perm]:
			if len(checked) > 0 || checkedBy[r.Perm] {
				t.Errorf("%s %s: %q is listed as route-only, but a use case checks %v", r.Method, r.Path, r.Perm, keys(checked))
			}
		case len(checked) != 1 || !checked[r.Perm]:
			t.Errorf("%s %s names %q but its use case checks %v", r.Method, r.Path, r.Perm, keys(checked))
		}
	}
	// Every permission is used: by a route, or by a use case as a narrowing of one.
	used := map[clinic.Permission]bool{}
	for _, r := range (&Server{}).routes() {
		used[r.Perm] = true
	}
	for _, p := range clinic.AllPermissions() {
		if !used[p] && !narrowing[p] {
			t.Errorf("permission %q is neither a route's nor a narrowing of one", p)
		}
	}
}

// narrowing are permissions a use case checks inside a route's own (each test result's kind).
var narrowing = map[clinic.Permission]bool{
	clinic.PermRecordLabResult: true, clinic.PermRecordRadiologyResult: true, clinic.PermRecordTreatment: true,
	clinic.PermReadRegistration: true,
}

func keys(m map[clinic.Permission]bool) []string {
	var out []string
	for k := range m {
		out = append(out, string(k))
	}
	sort.Strings(out)
	return out
}

// handlerName is the method name of a handler value such as s.createCase.
func handlerName(h any) string {
	n := runtime.FuncForPC(reflect.ValueOf(h).Pointer()).Name()
	n = strings.TrimSuffix(n, "-fm")
	return n[strings.LastIndex(n, ".")+1:]
}

// methodsOf parses a package directory and returns the methods of one receiver type by name.
func methodsOf(t *testing.T, fset *token.FileSet, dir, recv string) map[string]*ast.FuncDecl {
	t.Helper()
	out := map[string]*ast.FuncDecl{}
	for _, f := range parseDir(t, fset, dir) {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Recv == nil || len(fd.Recv.List) != 1 {
				continue
			}
			if star, ok := fd.Recv.List[0].Type.(*ast.StarExpr); ok {
				if id, ok := star.X.(*ast.Ident); ok && id.Name == recv {
					out[fd.Name.Name] = fd
				}
			}
		}
	}
	return out
}

func parseDir(t *testing.T, fset *token.FileSet, dir string) []*ast.File {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []*ast.File
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, e.Name()), nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, f)
	}
	return out
}

// permConstants maps the names of clinic's Permission constants to their values.
func permConstants(t *testing.T, fset *token.FileSet, dir string) map[string]clinic.Permission {
	t.Helper()
	out := map[string]clinic.Permission{}
	for _, f := range parseDir(t, fset, dir) {
		ast.Inspect(f, func(n ast.Node) bool {
			vs, ok := n.(*ast.ValueSpec)
			if !ok || len(vs.Values) != len(vs.Names) {
				return true
			}
			if id, ok := vs.Type.(*ast.Ident); !ok || id.Name != "Permission" {
				return true
			}
			for i, name := range vs.Names {
				if lit, ok := vs.Values[i].(*ast.BasicLit); ok {
					v, _ := strconv.Unquote(lit.Value)
					out[name.Name] = clinic.Permission(v)
				}
			}
			return true
		})
	}
	if len(out) < len(clinic.Permissions) {
		t.Fatalf("found %d permission constants, clinic.Permissions holds %d", len(out), len(clinic.Permissions))
	}
	return out
}

// serviceCalls lists the Service methods a Server method calls (s.svc.X), following calls to
// other Server methods.
func serviceCalls(server map[string]*ast.FuncDecl, name string, seen map[string]bool) []string {
	if seen[name] || server[name] == nil {
		return nil
	}
	seen[name] = true
	var out []string
	ast.Inspect(server[name].Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		switch x := sel.X.(type) {
		case *ast.SelectorExpr: // s.svc.Method
			if x.Sel.Name == "svc" {
				out = append(out, sel.Sel.Name)
			}
		case *ast.Ident: // s.helper
			if _, ok := server[sel.Sel.Name]; ok {
				out = append(out, serviceCalls(server, sel.Sel.Name, seen)...)
			}
		}
		return true
	})
	return out
}

// serviceChecks returns the permissions a Service method checks with a.May, following calls to
// other Service methods.
func serviceChecks(service map[string]*ast.FuncDecl, perms map[string]clinic.Permission, name string, seen map[string]bool) map[clinic.Permission]bool {
	out := map[clinic.Permission]bool{}
	if seen[name] || service[name] == nil {
		return out
	}
	seen[name] = true
	ast.Inspect(service[name].Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		if sel.Sel.Name == "May" && len(call.Args) == 1 {
			if id, ok := call.Args[0].(*ast.Ident); ok {
				if p, ok := perms[id.Name]; ok {
					out[p] = true
				}
			}
		}
		if x, ok := sel.X.(*ast.Ident); ok && x.Name == "s" {
			for p := range serviceChecks(service, perms, sel.Sel.Name, seen) {
				out[p] = true
			}
		}
		return true
	})
	return out
}
