package clinic

import (
	"encoding/base64"
	"strconv"
	"strings"
	"time"
)

// Page is one page of a list: its items and the cursor of the next page, "" on the last.
type Page[T any] struct {
	Items []T
	Next  string
}

// CaseCursor is where a page of cases ends: cases are listed newest first, ties by id.
type CaseCursor struct {
	CreatedAt time.Time
	ID        string
}

// String encodes the cursor opaquely for the API's "next".
func (c CaseCursor) String() string { return encodeTimeCursor("c1", c.CreatedAt, c.ID) }

// ParseCaseCursor reads a cursor made by CaseCursor.String; anything else is a validation problem
// on the "cursor" field.
func ParseCaseCursor(s string) (*CaseCursor, error) {
	at, id, err := parseTimeCursor("c1", s)
	if err != nil || id == "" {
		return nil, err
	}
	return &CaseCursor{CreatedAt: at, ID: id}, nil
}

// encodeTimeCursor makes the opaque cursor of a list ordered by a time, ties by id; the tag says
// which list it belongs to, so one list's cursor is refused by another.
func encodeTimeCursor(tag string, at time.Time, id string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(tag + "|" + strconv.FormatInt(at.UnixNano(), 10) + "|" + id))
}

// parseTimeCursor reads a cursor made by encodeTimeCursor with the same tag; "" is the first page
// (an empty id), anything else a validation problem on the "cursor" field.
func parseTimeCursor(tag, s string) (time.Time, string, error) {
	if s == "" {
		return time.Time{}, "", nil
	}
	bad := (&Problems{{Field: "cursor", Code: "invalid_cursor", Message: "This cursor is not one the list gave; start again from the first page."}}).Err()
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return time.Time{}, "", bad
	}
	parts := strings.Split(string(raw), "|")
	if len(parts) != 3 || parts[0] != tag || parts[2] == "" {
		return time.Time{}, "", bad
	}
	ns, err := strconv.ParseInt(parts[1], 10, 64)
	if err != nil {
		return time.Time{}, "", bad
	}
	return time.Unix(0, ns).UTC(), parts[2], nil
}

// pageCases cuts a list fetched with one case more than the limit into a page.
func pageCases(cs []Case, limit int) Page[Case] {
	if len(cs) <= limit {
		return Page[Case]{Items: cs}
	}
	last := cs[limit-1]
	return Page[Case]{Items: cs[:limit], Next: CaseCursor{CreatedAt: last.CreatedAt, ID: last.ID}.String()}
}

// casePage checks a case filter's cursor and limit, and asks the store for one case more than
// the page holds, to know whether another page follows.
func casePage(f *CaseFilter, def, max int) (limit int, err error) {
	if f.After, err = ParseCaseCursor(f.Cursor); err != nil {
		return 0, err
	}
	if f.Limit <= 0 || f.Limit > max {
		f.Limit = def
	}
	limit = f.Limit
	f.Limit++
	return limit, nil
}
