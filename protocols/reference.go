package protocols

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"path"
	"strconv"
	"strings"
)

// Reference data the rules read: country lists and the WHO TB incidence table. Each lives in
// rules/reference/ as a YAML file that names its source; the TB table's numbers are a CSV beside
// it, copied unchanged from WHO's estimates.

type referenceYAML struct {
	Kind       string         `yaml:"kind"` // country_list | tb_incidence_table
	Name       string         `yaml:"name"`
	Title      string         `yaml:"title"`
	Source     sourceYAML     `yaml:"source"`
	AsOf       string         `yaml:"as_of"`
	Note       string         `yaml:"note"`
	Confidence string         `yaml:"confidence"`
	Incomplete bool           `yaml:"incomplete"` // country_list: the source could not be read in full
	Countries  []countryYAML  `yaml:"countries"`  // country_list
	CSV        string         `yaml:"csv"`        // tb_incidence_table: file name beside this one
	Column     string         `yaml:"column"`     // tb_incidence_table: the incidence column
	Year       int            `yaml:"year"`       // tb_incidence_table
	Drugs      []doseDrugYAML `yaml:"drugs"`      // dose_table
}

type countryYAML struct {
	Code       string `yaml:"code"`
	Name       string `yaml:"name"`
	Confidence string `yaml:"confidence"`
	Note       string `yaml:"note"`
}

// RefInfo describes a reference list or table: what it is and where it comes from.
type RefInfo struct {
	Name       string `json:"name"`
	Kind       string `json:"kind"`
	Title      string `json:"title"`
	Source     Source `json:"source"`
	AsOf       string `json:"as_of,omitempty"`
	Note       string `json:"note,omitempty"`
	Confidence string `json:"confidence"`
	Incomplete bool   `json:"incomplete,omitempty"`
	Year       int    `json:"year,omitempty"`
	Entries    int    `json:"entries"`
	File       string `json:"file"`
}

type countryList struct {
	info    RefInfo
	members map[string]bool
	codes   []string // in file order
}

type tbTable struct {
	info RefInfo
	inc  map[string]float64
}

func (t *tbTable) lookup(country string) (float64, bool) {
	v, ok := t.inc[country]
	return v, ok
}

// atLeast is the rule helper: a country missing from the table counts as high burden.
func (t *tbTable) atLeast(country string, n float64) bool {
	v, ok := t.inc[country]
	return !ok || v >= n
}

type reference struct {
	lists    map[string]*countryList
	tables   map[string]*tbTable
	doses    map[string]*doseDrug // by drug
	doseInfo []RefInfo
}

func loadReference(fsys fs.FS, dir string, errs *LoadErrors) *reference {
	ref := &reference{lists: map[string]*countryList{}, tables: map[string]*tbTable{}, doses: map[string]*doseDrug{}}
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		errs.add(dir, 0, "", "cannot read the reference directory: %v", err)
		return ref
	}
	for _, e := range entries {
		name := path.Join(dir, e.Name())
		switch {
		case e.IsDir():
			errs.add(name, 0, "", "unexpected directory in %s", dir)
		case strings.HasSuffix(e.Name(), ".yaml"):
			ref.loadOne(fsys, name, errs)
		case strings.HasSuffix(e.Name(), ".csv"), strings.HasSuffix(e.Name(), ".md"):
			// read through the YAML file that names it; documentation
		default:
			errs.add(name, 0, "", "unexpected file: reference data are .yaml files (with .csv tables and .md notes)")
		}
	}
	return ref
}

func (ref *reference) loadOne(fsys fs.FS, file string, errs *LoadErrors) {
	data, err := fs.ReadFile(fsys, file)
	if err != nil {
		errs.add(file, 0, "", "%v", err)
		return
	}
	var y referenceYAML
	if err := decodeStrict(data, &y); err != nil {
		errs.add(file, 0, "", "%v", err)
		return
	}
	src, msg := resolveSource(y.Source, nil)
	if msg != "" {
		errs.add(file, 0, "", "%s", msg)
	}
	if !identRE.MatchString(y.Name) {
		errs.add(file, 0, "", "name %q must be a lower-case identifier (letters, digits, _)", y.Name)
		return
	}
	if y.Title == "" {
		errs.add(file, 0, "", "title is missing")
	}
	if !contains(confidences, y.Confidence) {
		errs.add(file, 0, "", "confidence %q must be one of %s", y.Confidence, strings.Join(confidences, ", "))
	}
	if _, dup := ref.lists[y.Name]; dup {
		errs.add(file, 0, "", "reference name %q is used twice", y.Name)
		return
	}
	if _, dup := ref.tables[y.Name]; dup {
		errs.add(file, 0, "", "reference name %q is used twice", y.Name)
		return
	}
	for _, d := range ref.doseInfo {
		if d.Name == y.Name {
			errs.add(file, 0, "", "reference name %q is used twice", y.Name)
			return
		}
	}
	info := RefInfo{Name: y.Name, Kind: y.Kind, Title: y.Title, Source: src, AsOf: y.AsOf, Note: y.Note,
		Confidence: y.Confidence, Incomplete: y.Incomplete, File: file}
	switch y.Kind {
	case "country_list":
		if y.CSV != "" || y.Column != "" || y.Year != 0 {
			errs.add(file, 0, "", "csv, column and year belong to a tb_incidence_table, not a country_list")
		}
		ref.loadList(file, y, info, errs)
	case "tb_incidence_table":
		if len(y.Countries) > 0 || y.Incomplete {
			errs.add(file, 0, "", "countries and incomplete belong to a country_list, not a tb_incidence_table")
		}
		ref.loadTable(fsys, file, y, info, errs)
	case "dose_table":
		if len(y.Countries) > 0 || y.CSV != "" {
			errs.add(file, 0, "", "countries and csv do not belong to a dose_table")
		}
		ref.loadDoseTable(file, y, info, errs)
	default:
		errs.add(file, 0, "", "kind %q must be country_list, tb_incidence_table or dose_table", y.Kind)
	}
}

func (ref *reference) loadList(file string, y referenceYAML, info RefInfo, errs *LoadErrors) {
	if len(y.Countries) == 0 && !y.Incomplete {
		errs.add(file, 0, "", "the list has no countries (mark it incomplete: true, with a note, if the source could not be read)")
	}
	if y.Incomplete && y.Note == "" {
		errs.add(file, 0, "", "an incomplete list needs a note saying what is missing")
	}
	l := &countryList{members: make(map[string]bool, len(y.Countries))}
	for _, c := range y.Countries {
		if !countryRE.MatchString(c.Code) {
			errs.add(file, 0, "", "country code %q is not an ISO 3166-1 alpha-2 code in capitals", c.Code)
			continue
		}
		if l.members[c.Code] {
			errs.add(file, 0, "", "country %s is listed twice", c.Code)
			continue
		}
		if c.Confidence != "" && !contains(confidences, c.Confidence) {
			errs.add(file, 0, "", "country %s: confidence %q must be one of %s", c.Code, c.Confidence, strings.Join(confidences, ", "))
		}
		l.members[c.Code] = true
		l.codes = append(l.codes, c.Code)
	}
	info.Entries = len(l.codes)
	l.info = info
	ref.lists[y.Name] = l
}

func (ref *reference) loadTable(fsys fs.FS, file string, y referenceYAML, info RefInfo, errs *LoadErrors) {
	if y.Year < 1990 || y.Year > 2100 {
		errs.add(file, 0, "", "year %d is not a plausible year", y.Year)
	}
	if y.CSV == "" || y.Column == "" {
		errs.add(file, 0, "", "a tb_incidence_table needs csv (the file) and column (the incidence column)")
		return
	}
	csvFile := path.Join(path.Dir(file), y.CSV)
	data, err := fs.ReadFile(fsys, csvFile)
	if err != nil {
		errs.add(file, 0, "", "csv: %v", err)
		return
	}
	inc, err := parseIncidenceCSV(data, y.Column, y.Year)
	if err != nil {
		errs.add(csvFile, 0, "", "%v", err)
		return
	}
	info.Year = y.Year
	info.Entries = len(inc)
	ref.tables[y.Name] = &tbTable{info: info, inc: inc}
}

// parseIncidenceCSV reads iso2 and the incidence column; every row must carry the table's year.
func parseIncidenceCSV(data []byte, column string, year int) (map[string]float64, error) {
	r := csv.NewReader(bytes.NewReader(data))
	r.ReuseRecord = true
	// The WHO file quotes Namibia's code ("NA"), which must stay a string.
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("header: %v", err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.TrimSpace(h)] = i
	}
	for _, need := range []string{"iso2", "year", column} {
		if _, ok := col[need]; !ok {
			return nil, fmt.Errorf("header has no %q column (it has %s)", need, strings.Join(header, ", "))
		}
	}
	inc := map[string]float64{}
	for line := 2; ; line++ {
		rec, err := r.Read()
		if err != nil {
			if errors.Is(err, io.EOF) {
				break
			}
			return nil, fmt.Errorf("line %d: %v", line, err)
		}
		code := rec[col["iso2"]]
		if !countryRE.MatchString(code) {
			return nil, fmt.Errorf("line %d: %q is not an ISO 3166-1 alpha-2 code", line, code)
		}
		if _, dup := inc[code]; dup {
			return nil, fmt.Errorf("line %d: %s appears twice", line, code)
		}
		if y, err := strconv.Atoi(rec[col["year"]]); err != nil || y != year {
			return nil, fmt.Errorf("line %d: year %q, but the table is for %d", line, rec[col["year"]], year)
		}
		v, err := strconv.ParseFloat(rec[col[column]], 64)
		if err != nil || v < 0 || math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("line %d: %s %q is not a non-negative number", line, column, rec[col[column]])
		}
		inc[code] = v
	}
	if len(inc) == 0 {
		return nil, fmt.Errorf("the table has no rows")
	}
	return inc, nil
}
