package fhir

import (
	_ "embed"
	"encoding/csv"
	"fmt"
	"strings"
)

// LabCode is the LOINC code and UCUM unit of one result step.
type LabCode struct {
	Step, LOINC, Display, UCUM string
}

//go:embed labcodes.csv
var labCodesCSV string

// labCodes maps a result step to its codes; loaded once, and a bad file stops the program at start.
var labCodes = mustLabCodes(labCodesCSV)

func mustLabCodes(data string) map[string]LabCode {
	m, err := parseLabCodes(data)
	if err != nil {
		panic(err)
	}
	return m
}

func parseLabCodes(data string) (map[string]LabCode, error) {
	r := csv.NewReader(strings.NewReader(data))
	r.Comment = '#'
	r.FieldsPerRecord = 4
	rows, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("fhir: labcodes.csv: %w", err)
	}
	m := map[string]LabCode{}
	for i, row := range rows {
		c := LabCode{Step: row[0], LOINC: row[1], Display: row[2], UCUM: row[3]}
		if c.Step == "" || c.LOINC == "" || c.Display == "" {
			return nil, fmt.Errorf("fhir: labcodes.csv: row %d: step, loinc and display are required", i+1)
		}
		if _, dup := m[c.Step]; dup {
			return nil, fmt.Errorf("fhir: labcodes.csv: row %d: step %q twice", i+1, c.Step)
		}
		m[c.Step] = c
	}
	return m, nil
}

// LabCodeOf returns the codes of a result step, and whether the file has them.
func LabCodeOf(step string) (LabCode, bool) {
	c, ok := labCodes[step]
	return c, ok
}
