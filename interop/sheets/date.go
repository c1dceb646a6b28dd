package sheets

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// dateHelp is the problem message of a date that cannot be read.
const dateHelp = "Write the date as YYYY-MM-DD or DD/MM/YYYY (a year alone for an estimated birth date)."

var yearOnly = regexp.MustCompile(`^~?\s*(\d{4})$`)

// parseBirthDate reads a birth date; a year alone ("1984", "~1984") reads as 1 July of that year
// and says so, so the date is marked estimated.
func parseBirthDate(v string) (d time.Time, estimated, ok bool) {
	if m := yearOnly.FindStringSubmatch(strings.TrimSpace(v)); m != nil {
		y, _ := strconv.Atoi(m[1])
		if y >= 1900 && y <= 2100 {
			return time.Date(y, time.July, 1, 0, 0, 0, 0, time.UTC), true, true
		}
	}
	d, ok = parseDate(v)
	return d, false, ok
}

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
