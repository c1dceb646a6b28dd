package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/internal/demo"
)

const importList = `case_number,relationship,surnames,given_names,birth_date,sex,destination,program
CLI-1,principal,Mukeshimana,Odette,1980-02-02,F,US,refugee
CLI-1,child,Mukeshimana,Bella,2014-09-09,F,US,refugee
`

// TestImportCommand runs `mhac import cases` on a fresh database: a dry run, the import, the same
// file again, a file with a bad line, and a file that is not a case list, with their exit codes.
func TestImportCommand(t *testing.T) {
	ctx := context.Background()
	url, _, svc := newTestService(t)
	if _, err := svc.CreateUser(ctx, clinic.Actor{}, clinic.NewUser{Username: "reg", Name: "Reg", Role: clinic.RoleRegistrar,
		SiteCode: demo.Site.Code, Password: "a-long-test-password"}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.csv", importList)
	bad := write("bad.csv", importList+"CLI-2,principal,Kamanzi,,not a date,M,US,refugee\n")
	notList := write("photo.jpg", "\xff\xd8\xff\xe0 not a list")
	cfg := config{DatabaseURL: url}
	for _, tc := range []struct {
		args             []string
		code             int
		cases, unchanged int
		errors           int
	}{
		{[]string{"cases", good, "--dry-run", "--user", "reg"}, 0, 1, 0, 0},
		{[]string{"cases", good, "--user", "reg"}, 0, 1, 0, 0},
		{[]string{"cases", good, "--user", "reg"}, 0, 0, 1, 0},
		{[]string{"cases", bad, "--user", "reg"}, 1, 0, 1, 1},
		{[]string{"cases", notList, "--user", "reg"}, 2, 0, 0, 1},
		{[]string{"cases", "--user", "reg"}, 2, -1, -1, -1},
	} {
		var out, errOut bytes.Buffer
		code := importMain(ctx, cfg, tc.args, &out, &errOut)
		if code != tc.code {
			t.Errorf("%v: exit %d, want %d; stdout %s stderr %s", tc.args, code, tc.code, out.String(), errOut.String())
			continue
		}
		if tc.cases < 0 {
			continue
		}
		var s importSummary
		if err := json.Unmarshal(out.Bytes(), &s); err != nil {
			t.Fatalf("%v: stdout is not one JSON summary: %v: %q", tc.args, err, out.String())
		}
		if s.Cases != tc.cases || s.Unchanged != tc.unchanged || len(s.Errors) != tc.errors {
			t.Errorf("%v: %+v", tc.args, s)
		}
		if tc.code == 1 && (s.Errors[0].Line != 4 || s.Errors[0].Column != "birth_date") {
			t.Errorf("bad line: %+v", s.Errors)
		}
	}
}
