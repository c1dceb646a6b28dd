package sheets

import (
	"strings"
	"unicode"
)

// column is one field a case list may carry, with the headings it is known by.
type column struct {
	Field    string   // the field name, as in the API and in problems
	Aliases  []string // other headings, compared after normalising (lower case, "_" for separators)
	Required bool
}

// columns are the accepted columns, in the order docs/import.md lists them.
var columns = []column{
	{"case_number", []string{"case", "case_no", "case_id", "case_ref", "file_no", "case_file"}, true},
	{"relationship", []string{"relation", "relationship_to_pa", "relation_to_pa", "rel_to_pa", "relationship_to_principal_applicant"}, false},
	{"surnames", []string{"surname", "last_name", "family_name", "last_names"}, true},
	{"given_names", []string{"given_name", "first_name", "first_names", "forename", "forenames", "other_names"}, true},
	{"birth_date", []string{"date_of_birth", "dob", "birthdate", "birth_date_dd_mm_yyyy"}, true},
	{"birth_date_estimated", []string{"estimated", "dob_estimated", "birth_date_is_estimated", "estimated_dob"}, false},
	{"sex", []string{"gender"}, true},
	{"nationality", []string{"citizenship", "country_of_nationality"}, false},
	{"country_of_birth", []string{"birth_country", "cob", "place_of_birth_country"}, false},
	{"residence_country", []string{"country_of_residence", "country_of_asylum", "residence"}, false},
	{"document_type", []string{"doc_type", "id_type", "travel_document_type"}, false},
	{"document_number", []string{"doc_no", "doc_number", "document_no", "id_number", "passport_number", "passport_no", "travel_document_number"}, false},
	{"destination", []string{"destination_country", "receiving_country", "resettlement_country", "dest"}, true},
	{"program", []string{"programme", "category", "visa_category", "stream"}, true},
	{"flight_number", []string{"flight", "intended_flight", "flight_no"}, false},
	{"departure_date", []string{"flight_date", "departure", "intended_departure", "travel_date"}, false},
	{"file_number", []string{"progres_id", "unhcr_id", "individual_id"}, false},
	{"phone", []string{"telephone", "phone_number", "mobile"}, false},
}

// normalise turns a heading into the form aliases are written in: "Date of Birth " → "date_of_birth".
func normalise(h string) string {
	var b strings.Builder
	sep := false
	for _, r := range strings.ToLower(strings.TrimSpace(h)) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if sep && b.Len() > 0 {
				b.WriteByte('_')
			}
			sep = false
			b.WriteRune(r)
		} else {
			sep = true
		}
	}
	return b.String()
}

// fieldOf returns the field a heading names, or "".
func fieldOf(heading string) string {
	n := normalise(heading)
	for _, c := range columns {
		if n == c.Field {
			return c.Field
		}
		for _, a := range c.Aliases {
			if n == a {
				return c.Field
			}
		}
	}
	return ""
}

// Values accepted for the coded columns, after lower-casing; the right side is the stored value.
var (
	relationValues = map[string]string{
		"principal": "principal", "pa": "principal", "principal applicant": "principal", "head": "principal", "self": "principal",
		"spouse": "spouse", "wife": "spouse", "husband": "spouse", "partner": "spouse",
		"child": "child", "son": "child", "daughter": "child", "stepchild": "child",
		"parent": "parent", "father": "parent", "mother": "parent",
		"sibling": "sibling", "brother": "sibling", "sister": "sibling",
		"other": "other", "grandchild": "other", "nephew": "other", "niece": "other", "grandparent": "other",
	}
	sexValues = map[string]string{"f": "female", "female": "female", "m": "male", "male": "male", "x": "other", "other": "other"}
	// destinationValues: ISO codes and the names resettlement lists use.
	destinationValues = map[string]string{
		"us": "US", "usa": "US", "united states": "US", "united states of america": "US",
		"ca": "CA", "can": "CA", "canada": "CA",
		"au": "AU", "aus": "AU", "australia": "AU",
		"nz": "NZ", "nzl": "NZ", "new zealand": "NZ",
	}
	programValues = map[string]string{
		"refugee": "refugee", "resettlement": "refugee", "usrap": "refugee", "humanitarian": "refugee",
		"immigrant": "immigrant", "immigration": "immigrant", "iv": "immigrant", "permanent": "immigrant",
		"temporary": "temporary", "visitor": "temporary", "student": "temporary", "worker": "temporary",
	}
	yesValues = map[string]bool{"yes": true, "y": true, "true": true, "1": true, "x": true, "estimated": true, "oui": true, "yego": true}
	noValues  = map[string]bool{"": true, "no": true, "n": true, "false": true, "0": true, "non": true, "oya": true}
)
