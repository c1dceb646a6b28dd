package sheets

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// TestReadManifestXLSX: a workbook's first sheet is read with its headings' aliases, a date cell
// (a serial number) as its date, blank rows skipped, and an unreadable date named by line and
// column.
func TestReadManifestXLSX(t *testing.T) {
	f := excelize.NewFile()
	rows := [][]any{
		{"Flight No.", "Departure date", "Case No", "STD"},
		{"rwa 9b", time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC), "RW-1", "23:55"},
		{},
		{"KQ101", "31/02/2026", "RW-2", ""},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	in, err := ReadManifest("m.xlsx", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if len(in.Lines) != 2 || in.Lines[0].FlightNumber != "rwa 9b" || !in.Lines[0].Date.Equal(time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC)) ||
		in.Lines[0].CaseNumber != "RW-1" || in.Lines[0].DepartureTime != "23:55" || in.Lines[1].Line != 4 {
		t.Fatalf("lines: %+v", in.Lines)
	}
	if len(in.Problems) != 1 || in.Problems[0].Line != 4 || in.Problems[0].Column != "Departure date" {
		t.Fatalf("problems: %+v", in.Problems)
	}
}

// TestReadManifestBadFiles: a file without the flight, the date, or any way to name people is
// not a manifest; an unknown column is a problem on line 1.
func TestReadManifestBadFiles(t *testing.T) {
	for _, body := range []string{"", "date,case number\n2026-12-06,RW-1\n", "flight,date\nKQ101,2026-12-06\n", "\xff\xfe\x00bad"} {
		if _, err := ReadManifest("m.csv", []byte(body)); !errors.Is(err, ErrBadFile) {
			t.Errorf("%q: %v, want ErrBadFile", body, err)
		}
	}
	in, err := ReadManifest("m.csv", []byte("flight,date,case number,seat\nKQ101,2026-12-06,RW-1,12A\n"))
	if err != nil || len(in.Problems) != 1 || in.Problems[0].Line != 1 || in.Problems[0].Column != "seat" {
		t.Fatalf("unknown column: %+v %v", in.Problems, err)
	}
}
