package sheets

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/mhac-clinic/mhac/clinic"
)

func TestReadCSVWithAliases(t *testing.T) {
	data, err := os.ReadFile("testdata/cases.csv")
	if err != nil {
		t.Fatal(err)
	}
	in, err := Read("cases.csv", data)
	if err != nil {
		t.Fatal(err)
	}
	if len(in.Problems) != 0 {
		t.Fatalf("problems: %+v", in.Problems)
	}
	if len(in.Cases) != 2 || len(in.Cases[0].Case.Members) != 3 || len(in.Cases[1].Case.Members) != 1 {
		t.Fatalf("cases: %+v", in.Cases)
	}
	c := in.Cases[0]
	if c.Case.Destination != "US" || c.Case.Program != "refugee" || c.FlightNumber != "ET812" ||
		c.DepartureDate == nil || c.DepartureDate.Format(time.DateOnly) != "2026-12-20" {
		t.Errorf("case fields: %+v flight %q %v", c.Case, c.FlightNumber, c.DepartureDate)
	}
	if want := []int{2, 3, 4}; c.MemberLines[0] != want[0] || c.MemberLines[2] != want[2] || c.Line != 2 {
		t.Errorf("lines %v (case line %d), want %v", c.MemberLines, c.Line, want)
	}
	pa, wife, son := c.Case.Members[0], c.Case.Members[1], c.Case.Members[2]
	for _, tc := range []struct{ got, want string }{
		{pa.Relationship, "principal"}, {wife.Relationship, "spouse"}, {son.Relationship, "child"},
		{pa.BirthDate.Format(time.DateOnly), "1984-07-01"}, {wife.BirthDate.Format(time.DateOnly), "1988-03-07"},
		{pa.Sex, "male"}, {wife.Sex, "female"}, {pa.DocumentNumber, "OP1234567"}, {son.CountryOfBirth, "RW"},
		{in.Cases[1].Case.Destination, "CA"}, {in.Cases[1].Case.Program, "refugee"},
		{in.Columns["birth_date"], "DOB"}, {in.Columns["surnames"], "Surname"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
	if !pa.BirthDateEstimated || wife.BirthDateEstimated {
		t.Errorf("estimated: PA %v (year only), wife %v", pa.BirthDateEstimated, wife.BirthDateEstimated)
	}
	if len(in.SHA256) != 64 {
		t.Errorf("sha256 %q", in.SHA256)
	}
}

func TestReadProblemsNameLineAndColumn(t *testing.T) {
	csv := "case_number;surnames;given_names;birth_date;sex;destination;program;colour\n" +
		"C1;Ngoga;Paul;31/02/1990;M;US;refugee;\n" +
		"\n" +
		"C1;Ngoga;Alice;1992-01-01;Q;US;refugee;blue\n" +
		"C2;Iradukunda;Ange;2001-01-01;F;US;Mars;\n" +
		"C2;Iradukunda;Bosco;2003-01-01;M;CA;refugee;\n" +
		";Nobody;Here;2003-01-01;M;US;refugee;\n"
	in, err := Read("x.csv", []byte(csv))
	if err != nil {
		t.Fatal(err)
	}
	want := []clinic.ImportProblem{
		{Line: 1, Column: "colour"},
		{Line: 2, Column: "birth_date"},
		{Line: 4, Column: "sex"},
		{Line: 5, Column: "program"},
		{Line: 6, Column: "destination"},
		{Line: 7, Column: "case_number"},
	}
	got := map[[2]any]bool{}
	for _, p := range in.Problems {
		got[[2]any{p.Line, p.Column}] = true
		if p.Message == "" {
			t.Errorf("problem without a message: %+v", p)
		}
	}
	for _, w := range want {
		if !got[[2]any{w.Line, w.Column}] {
			t.Errorf("no problem at line %d column %s; got %+v", w.Line, w.Column, in.Problems)
		}
	}
	if len(in.Problems) != len(want) {
		t.Errorf("%d problems, want %d: %+v", len(in.Problems), len(want), in.Problems)
	}
}

func TestReadBadFiles(t *testing.T) {
	for name, data := range map[string]string{
		"empty":          "",
		"missing column": "case_number,surnames,given_names,sex,destination,program\nC1,A,B,M,US,refugee\n",
		"binary":         "\xff\xfe\x00\x01garbage",
		"broken quotes":  "case_number,surnames,given_names,birth_date,sex,destination,program\nC1,\"A,B,1990-01-01,M,US,refugee\n",
		"bad zip":        "PK\x03\x04this is not a workbook",
		"same field":     "case_number,case,surnames,given_names,birth_date,sex,destination,program\n",
	} {
		if _, err := Read(name, []byte(data)); !errors.Is(err, ErrBadFile) {
			t.Errorf("%s: got %v, want ErrBadFile", name, err)
		}
	}
}

func TestReadXLSX(t *testing.T) {
	f := excelize.NewFile()
	rows := [][]any{
		{"Case Number", "Relationship", "Last Name", "First Name", "Date of Birth", "Gender", "Destination Country", "Category", "Passport No"},
		{"AU-77", "principal", "Nshuti", "Grace", time.Date(1979, 11, 3, 0, 0, 0, 0, time.UTC), "F", "Australia", "humanitarian", "pc998877"},
		{"AU-77", "daughter", "Nshuti", "Keza", "2012-06-30", "F", "Australia", "humanitarian", ""},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	style, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	f.SetCellStyle("Sheet1", "E2", "E2", style)
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	in, err := Read("list.xlsx", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if len(in.Problems) != 0 || len(in.Cases) != 1 {
		t.Fatalf("problems %+v cases %d", in.Problems, len(in.Cases))
	}
	m := in.Cases[0].Case.Members
	if m[0].BirthDate.Format(time.DateOnly) != "1979-11-03" || m[1].Relationship != "child" || m[0].DocumentNumber != "PC998877" ||
		in.Cases[0].Case.Destination != "AU" || in.Cases[0].MemberLines[1] != 3 {
		t.Errorf("read %+v lines %v", m, in.Cases[0].MemberLines)
	}
}

func TestParseDate(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{"2019-03-07", "2019-03-07", true}, {"07/03/2019", "2019-03-07", true}, {"7.3.2019", "2019-03-07", true},
		{"7 Mar 2019", "2019-03-07", true}, {"43531", "2019-03-07", true}, {"2019-02-30", "", false},
		{"March 2019", "", false}, {"", "", false},
	} {
		d, ok := parseDate(tc.in)
		if ok != tc.ok || (ok && d.Format(time.DateOnly) != tc.want) {
			t.Errorf("parseDate(%q) = %v %v, want %s %v", tc.in, d, ok, tc.want, tc.ok)
		}
	}
	if d, est, ok := parseBirthDate("~1975"); !ok || !est || d.Year() != 1975 {
		t.Errorf("~1975: %v %v %v", d, est, ok)
	}
	if strings.TrimSpace(normalise(" Date of  Birth ")) != "date_of_birth" {
		t.Error(normalise(" Date of  Birth "))
	}
}
