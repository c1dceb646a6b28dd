package protocols

import (
	"encoding/json"
	"strconv"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

// The list-of-objects facts of the 2026-12 additions: stays and the departure checks done. Each
// object is read as strictly as the facts themselves: an unknown key is an error naming it.

var (
	stayFields      = []string{"country", "from", "to"}
	checkDoneFields = []string{"check", "at"}
)

func (d *decoder) objects(field string, raw json.RawMessage) []map[string]json.RawMessage {
	if isNull(raw) {
		return nil
	}
	var items []json.RawMessage
	if json.Unmarshal(raw, &items) != nil {
		d.fail(CodeInvalidValue, field, "%s must be a list of objects", field)
		return nil
	}
	out := make([]map[string]json.RawMessage, 0, len(items))
	for i, it := range items {
		m, err := object(it, indexed(field, i))
		if err != nil {
			d.fail(err.Code, err.Field, "%s", err.Message)
			return nil
		}
		out = append(out, m)
	}
	return out
}

func indexed(field string, i int) string { return field + "[" + strconv.Itoa(i) + "]" }

func (d *decoder) stays(field string, raw json.RawMessage) []clinic.Stay {
	items := d.objects(field, raw)
	var out []clinic.Stay
	for i, m := range items {
		var s clinic.Stay
		at := indexed(field, i)
		for _, k := range sortedKeys(m) {
			switch k {
			case "country":
				s.Country = d.str(at+".country", m[k])
			case "from":
				s.From = d.date(at+".from", m[k])
			case "to":
				s.To = d.date(at+".to", m[k])
			default:
				d.fail(CodeUnknownField, at+"."+k, "unknown field %q in %s%s", k, at, suggest(k, stayFields))
			}
			if d.err != nil {
				return nil
			}
		}
		out = append(out, s)
	}
	return out
}

func (d *decoder) checksDone(field string, raw json.RawMessage) []clinic.DepartureCheckDone {
	items := d.objects(field, raw)
	var out []clinic.DepartureCheckDone
	for i, m := range items {
		var c clinic.DepartureCheckDone
		at := indexed(field, i)
		for _, k := range sortedKeys(m) {
			switch k {
			case "check":
				c.Check = d.str(at+".check", m[k])
			case "at":
				c.At = d.instant(at+".at", m[k])
			default:
				d.fail(CodeUnknownField, at+"."+k, "unknown field %q in %s%s", k, at, suggest(k, checkDoneFields))
			}
			if d.err != nil {
				return nil
			}
		}
		out = append(out, c)
	}
	return out
}

// instant reads an RFC 3339 date and time with its offset ("2027-01-20T08:00:00+02:00").
func (d *decoder) instant(field string, raw json.RawMessage) time.Time {
	s := d.str(field, raw)
	if d.err != nil || s == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		d.fail(CodeInvalidDate, field, "%s %q is not a date and time written like 2027-01-20T08:00:00+02:00 (RFC 3339, with its offset)", field, s)
	}
	return t
}
