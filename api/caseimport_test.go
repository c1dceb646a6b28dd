package api_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/mhac-clinic/mhac/internal/clinictest"
)

type importAnswer struct {
	Cases     int  `json:"cases"`
	People    int  `json:"people"`
	Unchanged int  `json:"unchanged"`
	DryRun    bool `json:"dry_run"`
	Imported  bool `json:"imported"`
	Errors    []struct {
		Line    int    `json:"line"`
		Column  string `json:"column"`
		Message string `json:"message"`
	} `json:"errors"`
	Preview []struct {
		CaseNumber string   `json:"case_number"`
		Status     string   `json:"status"`
		Members    []string `json:"members"`
	} `json:"preview"`
}

const goodList = `Case No,Relation to PA,Surname,Given Names,DOB,Sex,Nationality,Doc No,Destination,Programme,Flight,Flight Date
IMP-1,PA,Habimana,Jean-Pierre,1984,M,CD,OP1234567,USA,refugee,ET812,2026-12-20
IMP-1,Wife,Uwase,Marie,07/03/1988,F,CD,OP1234568,USA,refugee,,
IMP-1,Son,Habimana,Eric,2019-05-01,M,CD,,USA,refugee,,
IMP-2,PA,Mohammed,Ahmed,1990-01-15,M,SD,SDN-778,Canada,refugee,,
`

func caseCount(t *testing.T, c *clinictest.Client, q string) int {
	t.Helper()
	var out struct {
		Cases []json.RawMessage `json:"items"`
	}
	c.Must(200, "GET", "/api/cases?q="+q, nil, &out)
	return len(out.Cases)
}

func TestImportCasesWholeOrNothing(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 4})
	reg := st.Login(t, "registrar")

	// A file with bad lines imports nothing, and says where each problem is.
	bad := goodList + "IMP-3,PA,Ngoga,Paul,31/02/1990,M,RW,,US,refugee,,\n" +
		"IMP-3,Son,Ngoga,Yves,2015-01-01,Q,RW,,US,refugee,,\n" +
		"IMP-4,PA,Keza,Ange,2001-01-01,F,RW,OP1234567,US,refugee,,\n"
	code, raw := reg.UploadFile("/api/imports/cases", "bad.csv", []byte(bad), nil, nil)
	if code != 422 {
		t.Fatalf("bad list: %d %s", code, raw)
	}
	var refused struct {
		clinictest.Problem
		Import importAnswer `json:"import"`
	}
	if err := json.Unmarshal(raw, &refused); err != nil || refused.Code != "import_refused" {
		t.Fatalf("problem: %v %s", err, raw)
	}
	at := map[[2]any]string{}
	for _, e := range refused.Import.Errors {
		at[[2]any{e.Line, e.Column}] = e.Message
	}
	for _, w := range []struct {
		line int
		col  string
		in   string
	}{{6, "DOB", "YYYY-MM-DD"}, {7, "Sex", "not a known value"}, {8, "Doc No", "also on line 2"}} {
		if !strings.Contains(at[[2]any{w.line, w.col}], w.in) {
			t.Errorf("line %d %s: %q, want %q; all: %+v", w.line, w.col, at[[2]any{w.line, w.col}], w.in, refused.Import.Errors)
		}
	}
	if refused.Import.Imported || refused.Import.Cases != 0 {
		t.Errorf("refused import says %+v", refused.Import)
	}
	if n := caseCount(t, reg, "IMP-"); n != 0 {
		t.Fatalf("a refused list added %d cases", n)
	}

	// A dry run previews and adds nothing.
	var pre importAnswer
	if code, raw := reg.UploadFile("/api/imports/cases", "good.csv", []byte(goodList), map[string]string{"dry_run": "true"}, &pre); code != 200 {
		t.Fatalf("dry run: %d %s", code, raw)
	}
	if pre.Cases != 2 || pre.People != 4 || pre.Imported || !pre.DryRun || len(pre.Preview) != 2 || pre.Preview[0].Status != "new" ||
		pre.Preview[0].Members[0] != "Jean-Pierre Habimana" {
		t.Errorf("dry run: %+v", pre)
	}
	if n := caseCount(t, reg, "IMP-"); n != 0 {
		t.Fatalf("a dry run added %d cases", n)
	}

	// The good list imports; the same file again changes nothing.
	var got importAnswer
	if code, raw := reg.UploadFile("/api/imports/cases", "good.csv", []byte(goodList), nil, &got); code != 200 {
		t.Fatalf("import: %d %s", code, raw)
	}
	if got.Cases != 2 || got.People != 4 || got.Unchanged != 0 || !got.Imported {
		t.Errorf("import: %+v", got)
	}
	var c struct {
		Cases []struct {
			Destination string `json:"destination"`
			Flight      *struct {
				Number string `json:"number"`
			} `json:"flight"`
			Members []struct {
				Surnames           string `json:"surnames"`
				BirthDateEstimated bool   `json:"birth_date_estimated"`
				ResidenceCountry   string `json:"residence_country"`
			} `json:"members"`
		} `json:"items"`
	}
	reg.Must(200, "GET", "/api/cases?q=IMP-1", nil, &c)
	if len(c.Cases) != 1 || len(c.Cases[0].Members) != 3 || c.Cases[0].Flight == nil || c.Cases[0].Flight.Number != "ET812" ||
		!c.Cases[0].Members[0].BirthDateEstimated || c.Cases[0].Members[0].ResidenceCountry != "RW" {
		t.Errorf("imported case: %+v", c)
	}
	if code, raw := reg.UploadFile("/api/imports/cases", "good.csv", []byte(goodList), nil, &got); code != 200 {
		t.Fatalf("again: %d %s", code, raw)
	}
	if got.Cases != 0 || got.People != 0 || got.Unchanged != 2 {
		t.Errorf("re-import: %+v", got)
	}

	// A registered case is never changed by a file: its differences are listed, nothing is added.
	reg.Must(200, "POST", "/api/cases/"+caseID(t, reg, "IMP-2")+"/queue", nil, nil)
	changed := strings.Replace(goodList, "IMP-2,PA,Mohammed,Ahmed,1990-01-15,M,SD", "IMP-2,PA,Mohammed,Ahmed,1990-01-15,F,SD", 1) +
		"IMP-5,PA,Mugisha,Eric,1970-01-01,M,RW,,US,refugee,,\n"
	code, raw = reg.UploadFile("/api/imports/cases", "changed.csv", []byte(changed), nil, nil)
	if code != 422 || !strings.Contains(string(raw), `"line":5,"column":"Sex"`) || !strings.Contains(string(raw), "already registered") {
		t.Fatalf("changed list: %d %s", code, raw)
	}
	if n := caseCount(t, reg, "IMP-5"); n != 0 {
		t.Fatal("a list with a changed registered case added another case")
	}
}

func caseID(t *testing.T, c *clinictest.Client, number string) string {
	t.Helper()
	var out struct {
		Cases []struct {
			ID string `json:"id"`
		} `json:"items"`
	}
	c.Must(200, "GET", "/api/cases?q="+number, nil, &out)
	if len(out.Cases) != 1 {
		t.Fatalf("case %s: %d found", number, len(out.Cases))
	}
	return out.Cases[0].ID
}

func TestImportCasesRefusals(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 4})
	reg := st.Login(t, "registrar")
	for _, tc := range []struct {
		name, file, field, code string
		fields                  map[string]string
		status                  int
	}{
		{"not a list", "%PDF-1.7 binary\xff\xfe", "file", "bad_file", nil, 422},
		{"missing columns", "surname,given names\nA,B\n", "file", "bad_file", nil, 422},
		{"bad dry_run", goodList, "dry_run", "not_allowed", map[string]string{"dry_run": "maybe"}, 422},
	} {
		code, raw := reg.UploadFile("/api/imports/cases", "x.csv", []byte(tc.file), tc.fields, nil)
		p := clinictest.ProblemOf(t, raw)
		if code != tc.status || p.Code != "validation" || len(p.Errors) != 1 || p.Errors[0].Field != tc.field || p.Errors[0].Code != tc.code {
			t.Errorf("%s: %d %s", tc.name, code, raw)
		}
	}
	nurse := st.Login(t, "nurse")
	code, raw := nurse.UploadFile("/api/imports/cases", "good.csv", []byte(goodList), nil, nil)
	if code != 403 || clinictest.ProblemOf(t, raw).Code != "forbidden" {
		t.Errorf("nurse import: %d %s", code, raw)
	}
}
