// Package sheets reads resettlement case lists (CSV or XLSX) into clinic import requests. Every
// value it cannot read becomes a problem with its line and column; the clinic then checks the
// cases themselves.
package sheets

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/mhac-clinic/mhac/clinic"
)

// MaxRows bounds one file: a list larger than this is refused as a whole.
const MaxRows = 50000

// ErrBadFile is a file that is not a case list at all (not CSV or XLSX, no heading row, a
// required column missing); errors.Is finds it in what Read returns.
var ErrBadFile = errors.New("not a readable case list")

// row is one line of the file: its number and its values by field.
type row struct {
	line   int
	values map[string]string
}

// Read reads a case list. name is the file's name (for the record); the type is told by the
// content: an XLSX file is a ZIP archive, anything else is read as CSV (comma, semicolon or tab).
func Read(name string, data []byte) (clinic.CaseImport, error) {
	var (
		records [][]string
		lines   []int
		err     error
	)
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		records, err = readXLSX(data)
		for i := range records {
			lines = append(lines, i+1)
		}
	} else {
		records, lines, err = readCSV(data)
	}
	if err != nil {
		return clinic.CaseImport{}, err
	}
	sum := sha256.Sum256(data)
	in := clinic.CaseImport{FileName: name, SHA256: hex.EncodeToString(sum[:]), Columns: map[string]string{}}
	rows, err := mapRows(&in, records, lines)
	if err != nil {
		return clinic.CaseImport{}, err
	}
	group(&in, rows)
	return in, nil
}

func readCSV(data []byte) ([][]string, []int, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		return nil, nil, fmt.Errorf("%w: the file is neither XLSX nor UTF-8 text (save the sheet as CSV UTF-8 or XLSX)", ErrBadFile)
	}
	first, _, _ := strings.Cut(string(data), "\n")
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = ','
	if strings.Count(first, ";") > strings.Count(first, ",") {
		r.Comma = ';'
	}
	if strings.Count(first, "\t") > strings.Count(first, string(r.Comma)) {
		r.Comma = '\t'
	}
	r.FieldsPerRecord = -1
	var (
		recs  [][]string
		lines []int
	)
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, fmt.Errorf("%w: %v", ErrBadFile, err)
		}
		line, _ := r.FieldPos(0)
		recs = append(recs, rec)
		lines = append(lines, line)
		if len(recs) > MaxRows+1 {
			return nil, nil, fmt.Errorf("%w: more than %d rows", ErrBadFile, MaxRows)
		}
	}
	return recs, lines, nil
}

// readXLSX reads the first sheet. Cells are read raw, so a date cell comes as its serial number,
// which the date reader understands.
func readXLSX(data []byte) ([][]string, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadFile, err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, fmt.Errorf("%w: the workbook has no sheet", ErrBadFile)
	}
	rows, err := f.GetRows(sheets[0], excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadFile, err)
	}
	if len(rows) > MaxRows+1 {
		return nil, fmt.Errorf("%w: more than %d rows", ErrBadFile, MaxRows)
	}
	return rows, nil
}

// mapRows reads the heading row and turns each later row into values by field. Blank rows are
// skipped; an unknown heading is a problem on line 1 (its column is not read).
func mapRows(in *clinic.CaseImport, records [][]string, lines []int) ([]row, error) {
	h := -1
	for i, r := range records {
		if !blank(r) {
			h = i
			break
		}
	}
	if h < 0 {
		return nil, fmt.Errorf("%w: the file is empty", ErrBadFile)
	}
	fields := make([]string, len(records[h]))
	for i, heading := range records[h] {
		f := fieldOf(heading)
		if f == "" {
			if strings.TrimSpace(heading) != "" {
				in.Problems = append(in.Problems, clinic.ImportProblem{Line: lines[h], Column: heading,
					Message: "Unknown column; docs/import.md lists the accepted columns. Remove or rename it."})
			}
			continue
		}
		if _, dup := in.Columns[f]; dup {
			return nil, fmt.Errorf("%w: columns %q and %q both give %s", ErrBadFile, in.Columns[f], heading, f)
		}
		fields[i], in.Columns[f] = f, strings.TrimSpace(heading)
	}
	var missing []string
	for _, c := range columns {
		if c.Required && in.Columns[c.Field] == "" {
			missing = append(missing, c.Field)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("%w: required columns missing: %s", ErrBadFile, strings.Join(missing, ", "))
	}
	var out []row
	for i := h + 1; i < len(records); i++ {
		if blank(records[i]) {
			continue
		}
		r := row{line: lines[i], values: map[string]string{}}
		for j, v := range records[i] {
			if j < len(fields) && fields[j] != "" {
				r.values[fields[j]] = strings.TrimSpace(v)
			} else if j >= len(fields) && strings.TrimSpace(v) != "" {
				in.Problems = append(in.Problems, clinic.ImportProblem{Line: lines[i], Column: fmt.Sprintf("#%d", j+1),
					Message: "A value in a column without a known heading."})
			}
		}
		out = append(out, r)
	}
	return out, nil
}

func blank(r []string) bool {
	for _, v := range r {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

// group gathers the rows into cases by case number, in the order each case first appears.
func group(in *clinic.CaseImport, rows []row) {
	index := map[string]int{}
	for _, r := range rows {
		num := r.values["case_number"]
		if num == "" {
			in.Problems = append(in.Problems, problem(in, r.line, "case_number", "Enter the case number."))
			continue
		}
		k, ok := index[num]
		if !ok {
			k = len(in.Cases)
			index[num] = k
			ic := clinic.ImportedCase{Line: r.line, Case: clinic.NewCase{CaseNumber: num}}
			readCase(in, &ic, r)
			in.Cases = append(in.Cases, ic)
		} else {
			sameCase(in, &in.Cases[k], r)
		}
		ic := &in.Cases[k]
		ic.Case.Members = append(ic.Case.Members, readMember(in, r))
		ic.MemberLines = append(ic.MemberLines, r.line)
	}
}

func problem(in *clinic.CaseImport, line int, field, msg string) clinic.ImportProblem {
	col := in.Columns[field]
	if col == "" {
		col = field
	}
	return clinic.ImportProblem{Line: line, Column: col, Message: msg}
}

// readCase reads the case's own fields from its first row.
func readCase(in *clinic.CaseImport, ic *clinic.ImportedCase, r row) {
	ic.Case.Destination = coded(in, r, "destination", destinationValues, "Use US, CA, AU or NZ (or the country's name).")
	ic.Case.Program = coded(in, r, "program", programValues, "Use refugee, immigrant or temporary.")
	ic.FlightNumber = strings.ToUpper(strings.ReplaceAll(r.values["flight_number"], " ", ""))
	if v := r.values["departure_date"]; v != "" {
		if d, ok := parseDate(v); !ok {
			in.Problems = append(in.Problems, problem(in, r.line, "departure_date", dateHelp))
		} else {
			ic.DepartureDate = &d
		}
	}
	if ic.FlightNumber != "" && ic.DepartureDate == nil && r.values["departure_date"] == "" {
		in.Problems = append(in.Problems, problem(in, r.line, "departure_date", "A flight needs its departure date."))
	}
}

// sameCase checks that a later row of a case agrees with its first on the case's own fields.
func sameCase(in *clinic.CaseImport, ic *clinic.ImportedCase, r row) {
	for _, f := range []struct{ field, want string }{
		{"destination", ic.Case.Destination}, {"program", ic.Case.Program}, {"flight_number", ic.FlightNumber},
	} {
		v := r.values[f.field]
		if v == "" || strings.HasPrefix(f.want, "?") {
			continue // nothing to compare, or the first line's value is already a problem
		}
		got := v
		switch f.field {
		case "destination":
			got = destinationValues[strings.ToLower(v)]
		case "program":
			got = programValues[strings.ToLower(v)]
		case "flight_number":
			got = strings.ToUpper(strings.ReplaceAll(v, " ", ""))
		}
		if got != f.want {
			in.Problems = append(in.Problems, problem(in, r.line, f.field,
				fmt.Sprintf("Case %s has %q on line %d; all its lines must agree.", ic.Case.CaseNumber, f.want, ic.Line)))
		}
	}
}

// readMember reads one person from a row.
func readMember(in *clinic.CaseImport, r row) clinic.Applicant {
	m := clinic.Applicant{Surnames: r.values["surnames"], GivenNames: r.values["given_names"],
		Nationality: r.values["nationality"], CountryOfBirth: r.values["country_of_birth"],
		ResidenceCountry: r.values["residence_country"], DocumentType: strings.ToLower(r.values["document_type"]),
		DocumentNumber: strings.ToUpper(r.values["document_number"]), FileNumber: r.values["file_number"], Phone: r.values["phone"]}
	m.Relationship = "principal"
	if v := r.values["relationship"]; v != "" {
		m.Relationship = coded(in, r, "relationship", relationValues, "Use principal (PA), spouse, child, parent, sibling or other.")
	}
	m.Sex = coded(in, r, "sex", sexValues, "Use F, M or X (female, male, other).")
	est := strings.ToLower(r.values["birth_date_estimated"])
	switch {
	case yesValues[est]:
		m.BirthDateEstimated = true
	case noValues[est]:
	default:
		in.Problems = append(in.Problems, problem(in, r.line, "birth_date_estimated", "Use yes or no."))
	}
	if v := r.values["birth_date"]; v != "" {
		d, yearOnly, ok := parseBirthDate(v)
		if !ok {
			in.Problems = append(in.Problems, problem(in, r.line, "birth_date", dateHelp))
		}
		m.BirthDate = d
		m.BirthDateEstimated = m.BirthDateEstimated || yearOnly
	}
	return m
}

// coded reads a coded value; an unknown one is a problem here and keeps its text (marked "?"),
// so the clinic's own check does not call it missing.
func coded(in *clinic.CaseImport, r row, field string, values map[string]string, help string) string {
	v := r.values[field]
	if v == "" {
		return ""
	}
	if c, ok := values[strings.ToLower(v)]; ok {
		return c
	}
	in.Problems = append(in.Problems, problem(in, r.line, field, fmt.Sprintf("%q is not a known value. %s", v, help)))
	return "?" + v
}
