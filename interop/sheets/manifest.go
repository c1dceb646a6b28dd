package sheets

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/mhac-clinic/mhac/clinic"
)

// manifestColumns: each field of a manifest and the headings that name it (compared in lower case,
// with spaces, dots, hyphens and underscores removed). docs/flights.md lists them.
var manifestColumns = []struct {
	field    string
	required bool
	names    []string
}{
	{"flight", true, []string{"flight", "flightnumber", "flightno", "flt", "vol", "numerodevol"}},
	{"date", true, []string{"date", "departuredate", "flightdate", "depdate", "datededepart"}},
	{"case_number", false, []string{"casenumber", "caseno", "case", "casenr", "dossier", "filenumber"}},
	{"person_id", false, []string{"personid", "applicantid", "person", "id"}},
	{"departure_time", false, []string{"departuretime", "deptime", "std", "time", "heure"}},
	{"departure_airport", false, []string{"from", "departureairport", "origin", "depairport"}},
	{"destination_airport", false, []string{"to", "destination", "destinationairport", "arrairport"}},
}

func manifestKey(h string) string {
	return strings.NewReplacer(" ", "", ".", "", "-", "", "_", "", "°", "").Replace(strings.ToLower(strings.TrimSpace(h)))
}

// ReadManifest reads a flight manifest (CSV or XLSX): one line per case or per person, with the
// flight and its date. Values it cannot read become problems with their line and column; a file
// that is not a manifest at all (not CSV/XLSX, a required column missing) is an ErrBadFile.
func ReadManifest(name string, data []byte) (clinic.ManifestImport, error) {
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
		return clinic.ManifestImport{}, fmt.Errorf("manifest: %w", err)
	}
	sum := sha256.Sum256(data)
	in := clinic.ManifestImport{FileName: name, SHA256: hex.EncodeToString(sum[:]), Columns: map[string]string{}}
	if len(records) == 0 {
		return in, fmt.Errorf("%w: the manifest is empty", ErrBadFile)
	}
	at := map[string]int{}
	for i, h := range records[0] {
		k := manifestKey(h)
		if k == "" {
			continue
		}
		found := false
		for _, c := range manifestColumns {
			for _, n := range c.names {
				if n == k {
					found = true
					if _, dup := at[c.field]; dup {
						in.Problems = append(in.Problems, clinic.ManifestProblem{Line: lines[0], Column: h, Message: "Two columns name the same field; keep one."})
					}
					at[c.field], in.Columns[c.field] = i, strings.TrimSpace(h)
				}
			}
		}
		if !found {
			in.Problems = append(in.Problems, clinic.ManifestProblem{Line: lines[0], Column: h, Message: "Unknown column; docs/flights.md lists the columns a manifest may have."})
		}
	}
	for _, c := range manifestColumns {
		if _, ok := at[c.field]; c.required && !ok {
			return in, fmt.Errorf("%w: the manifest has no %q column", ErrBadFile, c.field)
		}
	}
	if _, c := at["case_number"]; !c {
		if _, p := at["person_id"]; !p {
			return in, fmt.Errorf("%w: the manifest has neither a case number nor a person id column", ErrBadFile)
		}
	}
	for i, rec := range records[1:] {
		val := func(field string) string {
			if j, ok := at[field]; ok && j < len(rec) {
				return strings.TrimSpace(rec[j])
			}
			return ""
		}
		if strings.TrimSpace(strings.Join(rec, "")) == "" {
			continue
		}
		l := clinic.ManifestLine{Line: lines[i+1], FlightNumber: val("flight"), CaseNumber: val("case_number"), PersonID: val("person_id"),
			DepartureTime: val("departure_time"), DepartureAirport: val("departure_airport"), DestinationAirport: val("destination_airport")}
		if d := val("date"); d != "" {
			var ok bool
			if l.Date, ok = parseDate(d); !ok {
				in.Problems = append(in.Problems, clinic.ManifestProblem{Line: l.Line, Column: in.Columns["date"], Message: dateHelp})
			}
		}
		in.Lines = append(in.Lines, l)
	}
	return in, nil
}
