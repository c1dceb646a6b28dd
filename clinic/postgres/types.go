package postgres

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"strings"
)

// codeArray is a text[] of simple codes (country codes), written and read as an array literal.
// The codes are validated upstream as letters only, so no quoting is needed.
type codeArray []string

// Value writes the array literal.
func (a codeArray) Value() (driver.Value, error) {
	for _, c := range a {
		if strings.ContainsAny(c, `{},"\ `) {
			return nil, fmt.Errorf("code %q cannot be stored in a code array", c)
		}
	}
	return "{" + strings.Join(a, ",") + "}", nil
}

// Scan reads the array literal.
func (a *codeArray) Scan(src any) error {
	var s string
	switch v := src.(type) {
	case string:
		s = v
	case []byte:
		s = string(v)
	case nil:
		*a = nil
		return nil
	default:
		return fmt.Errorf("code array: unexpected %T", src)
	}
	s = strings.TrimSuffix(strings.TrimPrefix(s, "{"), "}")
	if s == "" {
		*a = codeArray{}
		return nil
	}
	*a = strings.Split(s, ",")
	return nil
}

// jsonb holds a JSON column; nil is SQL NULL.
type jsonb []byte

// Value writes the JSON text.
func (j jsonb) Value() (driver.Value, error) {
	if j == nil {
		return nil, nil
	}
	return string(j), nil
}

// Scan reads the JSON text.
func (j *jsonb) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*j = nil
	case string:
		*j = jsonb(v)
	case []byte:
		*j = append(jsonb(nil), v...)
	default:
		return fmt.Errorf("jsonb: unexpected %T", src)
	}
	return nil
}

// toJSON encodes v, or gives NULL for a nil pointer.
func toJSON[T any](v *T) (jsonb, error) {
	if v == nil {
		return nil, nil
	}
	b, err := json.Marshal(v)
	return jsonb(b), err
}

// fromJSON decodes a column, leaving nil for NULL.
func fromJSON[T any](j jsonb) (*T, error) {
	if j == nil {
		return nil, nil
	}
	v := new(T)
	if err := json.Unmarshal(j, v); err != nil {
		return nil, err
	}
	return v, nil
}
