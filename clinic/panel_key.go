package clinic

import (
	"encoding/base64"
	"encoding/json"
	"time"
)

// PanelKey is a case's place in the panel's list: departure date (cases without one come last),
// case number, then the case's id, which breaks ties between sites.
type PanelKey struct {
	DepartureDate *time.Time
	CaseNumber    string
	CaseID        string
}

// Cursor encodes the key as an opaque, URL-safe string for the "next" link of a page.
func (k PanelKey) Cursor() string {
	d := ""
	if k.DepartureDate != nil {
		d = k.DepartureDate.Format(time.DateOnly)
	}
	b, _ := json.Marshal([]string{d, k.CaseNumber, k.CaseID})
	return base64.RawURLEncoding.EncodeToString(b)
}

// ParsePanelCursor reads a cursor made by Cursor; anything else is a problem on the field
// "cursor".
func ParsePanelCursor(s string) (*PanelKey, error) {
	bad := (&Problems{{Field: "cursor", Code: "invalid_cursor",
		Message: "Use the \"next\" value of the previous page as it was given."}}).Err()
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return nil, bad
	}
	var parts []string
	if json.Unmarshal(b, &parts) != nil || len(parts) != 3 || parts[1] == "" || !isUUID(parts[2]) {
		return nil, bad
	}
	k := &PanelKey{CaseNumber: parts[1], CaseID: parts[2]}
	if parts[0] != "" {
		d, err := time.Parse(time.DateOnly, parts[0])
		if err != nil {
			return nil, bad
		}
		k.DepartureDate = &d
	}
	return k, nil
}

// isUUID reports whether s is a UUID in its canonical text form.
func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i, r := range s {
		switch {
		case i == 8 || i == 13 || i == 18 || i == 23:
			if r != '-' {
				return false
			}
		case r >= '0' && r <= '9', r >= 'a' && r <= 'f', r >= 'A' && r <= 'F':
		default:
			return false
		}
	}
	return true
}
