// Package sheets reads the spreadsheets the clinic is sent (CSV or XLSX): resettlement case lists
// and the movement unit's flight manifests. Every value it cannot read becomes a problem with its
// line and column.
package sheets

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// MaxRows bounds one file: a list larger than this is refused as a whole.
const MaxRows = 50000

// ErrBadFile is a file that is not a case list at all (not CSV or XLSX, no heading row, a
// required column missing); errors.Is finds it in what Read returns.
var ErrBadFile = errors.New("not a readable case list")

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

// dateHelp is the problem message of a date that cannot be read.
const dateHelp = "Write the date as YYYY-MM-DD or DD/MM/YYYY (a year alone for an estimated birth date)."

// parseDate reads the date shapes case lists use: ISO (2019-03-07), day first (07/03/2019,
// 07.03.2019, 07-03-2019, 7 Mar 2019) and a spreadsheet's date serial number (43531).
func parseDate(v string) (time.Time, bool) {
	v = strings.TrimSpace(v)
	for _, layout := range []string{"2006-01-02", "02/01/2006", "2/1/2006", "02.01.2006", "2.1.2006", "02-01-2006", "2 Jan 2006", "02 Jan 2006", "2-Jan-2006", "02-Jan-2006"} {
		if t, err := time.Parse(layout, v); err == nil {
			return t, true
		}
	}
	if n, err := strconv.ParseFloat(v, 64); err == nil && n > 0 && n < 80000 {
		if t, err := excelize.ExcelDateToTime(n, false); err == nil {
			y, m, d := t.Date()
			return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), true
		}
	}
	return time.Time{}, false
}
