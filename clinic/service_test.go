package clinic

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestServiceMethodsNameTheirErrors checks that every exported method of Service says, in its
// comment, which error codes it returns ("Errors: ..."), and names only codes that exist.
func TestServiceMethodsNameTheirErrors(t *testing.T) {
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	codes := map[string]bool{"none": true}
	for _, c := range []ErrorCode{EValidation, ENotFound, EForbidden, EUnauthorized, EConflict, ELocked, EInvalidState,
		ERateLimited, EUnavailable, EInternal, EPrecondition, EDuplicate, EIdempotencyKey} {
		codes[string(c)] = true
	}
	fset := token.NewFileSet()
	methods := 0
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(".", e.Name()), nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Recv == nil || !fd.Name.IsExported() {
				continue
			}
			if star, ok := fd.Recv.List[0].Type.(*ast.StarExpr); !ok || star.X.(*ast.Ident).Name != "Service" {
				continue
			}
			methods++
			doc := fd.Doc.Text()
			_, errs, ok := strings.Cut(doc, "Errors: ")
			if !ok {
				t.Errorf("Service.%s: its comment does not say which errors it returns (Errors: ...)", fd.Name.Name)
				continue
			}
			first := strings.Fields(strings.NewReplacer(",", " ", ".", " ", ";", " ").Replace(errs))
			if len(first) == 0 || !codes[first[0]] {
				t.Errorf("Service.%s: Errors: starts with %q, not an error code", fd.Name.Name, first)
			}
		}
	}
	if methods < 30 {
		t.Fatalf("only %d Service methods found", methods)
	}
}
