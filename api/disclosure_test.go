package api_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/mhac-clinic/mhac/internal/clinictest"
)

// travelFields are the member fields a caseworker gets; registrationFields the ones kept for
// registration and clinical staff.
var (
	travelFields       = []string{"age_years", "birth_date", "birth_date_estimated", "can", "file_number", "given_names", "id", "state", "state_label", "surnames"}
	registrationFields = []string{"adoptee", "assessment_id", "countries_lived", "country_of_birth", "document_number", "document_type",
		"nationality", "phone", "relationship", "residence_country", "sex", "unaccompanied_minor", "version",
		"citizenships", "stays", "occupation", "ime_type", "previous_cxr_date"}
)

// memberKeys returns the keys of each member of a case answer, sorted.
func memberKeys(t *testing.T, raw []byte, list bool) [][]string {
	t.Helper()
	var cs []struct{ Members []map[string]any }
	if list {
		var out struct {
			Items []struct{ Members []map[string]any }
		}
		if err := json.Unmarshal(raw, &out); err != nil {
			t.Fatal(err)
		}
		cs = out.Items
	} else {
		var one struct{ Members []map[string]any }
		if err := json.Unmarshal(raw, &one); err != nil {
			t.Fatal(err)
		}
		cs = append(cs, one)
	}
	var keys [][]string
	for _, c := range cs {
		for _, m := range c.Members {
			var k []string
			for name := range m {
				k = append(k, name)
			}
			slices.Sort(k)
			keys = append(keys, k)
		}
	}
	return keys
}

// TestCaseworkerView: a caseworker reading a case (one, a search, or the answer to booking a
// flight) gets names, case and file numbers, birth dates, the flight and the travel status, and
// none of the document numbers, phone, countries lived or residence; the registrar and the nurse
// get the whole registration.
func TestCaseworkerView(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1})
	reg := st.Login(t, "registrar")
	var cs struct {
		ID      string `json:"id"`
		Version int    `json:"version"`
	}
	reg.Must(201, "POST", "/api/cases", map[string]any{"case_number": "RW-MIN-1", "destination": "CA", "program": "refugee",
		"members": []map[string]any{{"surnames": "Uwimana", "given_names": "Aline", "birth_date": "1990-03-04", "sex": "female",
			"residence_country": "RW", "countries_lived": []string{"CD", "BI"}, "document_type": "passport", "document_number": "PC1234567",
			"file_number": "F-778", "phone": "+250788000111", "nationality": "CD"}}}, &cs)
	reg.Must(200, "POST", "/api/cases/"+cs.ID+"/queue", nil, nil)
	full := append(slices.Clone(travelFields), registrationFields...)
	slices.Sort(full)

	cw := st.Login(t, "caseworker")
	cwOne := cw.Must(200, "GET", "/api/cases/"+cs.ID, nil, &cs)
	cwList := cw.Must(200, "GET", "/api/cases?q=RW-MIN", nil, nil)
	cwFlight := cw.Must(200, "PUT", "/api/cases/"+cs.ID+"/flight", map[string]any{"version": cs.Version, "flight_number": "WB464",
		"departure_date": "2027-01-15"}, nil)
	for name, got := range map[string][][]string{"GET one": memberKeys(t, cwOne, false), "search": memberKeys(t, cwList, true),
		"flight": memberKeys(t, cwFlight, false)} {
		if len(got) != 1 || !slices.Equal(got[0], travelFields) {
			t.Errorf("caseworker, %s: member fields %v; want %v", name, got, travelFields)
		}
	}
	for _, raw := range [][]byte{cwOne, cwList, cwFlight} {
		for _, secret := range []string{"PC1234567", "+250788000111", `"BI"`, "residence", "passport"} {
			if strings.Contains(string(raw), secret) {
				t.Errorf("the caseworker's answer holds %s: %s", secret, raw)
			}
		}
		for _, shown := range []string{"RW-MIN-1", "Uwimana", "Aline", "1990-03-04", "F-778", `"state":"queued"`} {
			if !strings.Contains(string(raw), shown) {
				t.Errorf("the caseworker's answer lacks %s: %s", shown, raw)
			}
		}
	}
	if !strings.Contains(string(cwFlight), `"number":"WB464"`) {
		t.Errorf("the flight is not in the caseworker's answer: %s", cwFlight)
	}

	// A search by document number would tell the caseworker whose number it is.
	var found struct{ Items []json.RawMessage }
	cw.Must(200, "GET", "/api/cases?q=pc1234567", nil, &found)
	if len(found.Items) != 0 {
		t.Errorf("a caseworker's search by document number finds %d cases", len(found.Items))
	}
	reg.Must(200, "GET", "/api/cases?q=pc1234567", nil, &found)
	if len(found.Items) != 1 {
		t.Errorf("a registrar's search by document number finds %d cases, want 1", len(found.Items))
	}

	for _, role := range []string{"registrar", "nurse"} {
		c := st.Login(t, role)
		one := c.Must(200, "GET", "/api/cases/"+cs.ID, nil, nil)
		list := c.Must(200, "GET", "/api/cases?q=RW-MIN", nil, nil)
		for name, got := range map[string][][]string{"GET one": memberKeys(t, one, false), "search": memberKeys(t, list, true)} {
			if len(got) != 1 || !slices.Equal(got[0], full) {
				t.Errorf("%s, %s: member fields %v; want %v", role, name, got, full)
			}
		}
		for _, want := range []string{"PC1234567", "+250788000111", `"countries_lived":["CD","BI","RW"]`, `"residence_country":"RW"`} {
			if !strings.Contains(string(one), want) {
				t.Errorf("%s's answer lacks %s: %s", role, want, one)
			}
		}
	}
}
