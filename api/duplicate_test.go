package api_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/mhac-clinic/mhac/internal/clinictest"
)

func registerPerson(t *testing.T, reg *clinictest.Client, number, surnames, given, born, doc string) caseOut {
	t.Helper()
	var cs caseOut
	reg.Must(201, "POST", "/api/cases", map[string]any{"case_number": number, "destination": "US", "program": "refugee",
		"members": []map[string]any{{"surnames": surnames, "given_names": given, "birth_date": born, "sex": "male",
			"residence_country": "RW", "document_type": "unhcr_id", "document_number": doc}}}, &cs)
	return cs
}

// TestDuplicateVariants: the search finds the same document number, and similar names born within
// a year across the usual transliteration variants; not a different name, nor the same name born
// years apart.
func TestDuplicateVariants(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 4})
	reg := st.Login(t, "registrar")
	registerPerson(t, reg, "RW-DUP-1", "Ali", "Mohamed", "1990-01-15", "UNHCR-111")
	registerPerson(t, reg, "RW-DUP-2", "Habimana", "Jean-Pierre", "1985-03-03", "UNHCR-222")
	registerPerson(t, reg, "RW-DUP-3", "N'Diaye", "Youssouf", "1979-07-07", "")
	registerPerson(t, reg, "RW-DUP-4", "Uwimana", "Hélène", "2001-11-30", "")

	cases := []struct {
		surnames, given, born, doc string
		want                       string // the case found, "" for none
		match                      string
	}{
		{"Ali", "Mohammed", "1990-06-01", "", "RW-DUP-1", "similar_name"},
		{"ALI", "Muhammad", "1989-03-01", "", "RW-DUP-1", "similar_name"},
		{"Mohamed", "Ali", "1990-01-15", "", "RW-DUP-1", "similar_name"}, // names in the other order
		{"Habimana", "Jean Pierre", "1985-10-01", "", "RW-DUP-2", "similar_name"},
		{"Habimana", "Jean-Piere", "1984-04-01", "", "RW-DUP-2", "similar_name"},
		{"Ndiaye", "Yusuf", "1980-01-01", "", "RW-DUP-3", "similar_name"},
		{"UWIMANA", "Helene", "2001-01-02", "", "RW-DUP-4", "similar_name"},
		{"Kamali", "Eric", "1970-01-01", "unhcr-111", "RW-DUP-1", "same_document"}, // other name, same document
		{"Habimana", "Jean Pierre", "1987-03-04", "", "", ""},                      // born two years apart
		{"Niyonzima", "Eric", "1990-01-15", "", "", ""},                            // another name
		{"Ali", "Hassan", "1990-01-15", "", "", ""},
	}
	for _, c := range cases {
		got := clinictest.Duplicates(t, reg, c.surnames, c.given, c.born, c.doc)
		switch {
		case c.want == "" && len(got) != 0:
			t.Errorf("%s %s %s: found %+v, want none", c.surnames, c.given, c.born, got)
		case c.want != "" && (len(got) == 0 || got[0].CaseNumber != c.want || got[0].Match != c.match):
			t.Errorf("%s %s %s %s: found %+v, want %s (%s)", c.surnames, c.given, c.born, c.doc, got, c.want, c.match)
		}
	}

	code, raw := reg.Do("GET", "/api/duplicates?birth_date=1990-01-01", nil, nil)
	wantIDProblem(t, "a search without a name or document", code, raw, 422, "validation", "surnames")
	code, raw = reg.Do("GET", "/api/duplicates?surnames=Ali&birth_date=15/01/1990", nil, nil)
	wantIDProblem(t, "a bad birth date", code, raw, 422, "validation", "birth_date")
	code, raw = st.Login(t, "nurse").Do("GET", "/api/duplicates?surnames=Ali", nil, nil)
	wantIDProblem(t, "the nurse searching", code, raw, 403, "forbidden", "")
}

// TestDuplicateAtRegistration: registering a possible duplicate is refused until the registrar
// decides; a different person needs the reason; the same person is linked and the earlier photo
// carries over.
func TestDuplicateAtRegistration(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 5})
	reg := st.Login(t, "registrar")
	first := registerPerson(t, reg, "RW-DUP-10", "Ali", "Mohamed", "1990-01-15", "UNHCR-900")
	photo := clinictest.PassportJPEG(t, 300, 385, 80)
	if code, raw := reg.UploadFile("/api/applicants/"+first.Members[0].ID+"/photo", "p.jpg", photo, nil, nil); code != 201 {
		t.Fatalf("photo: %d %s", code, raw)
	}

	found := clinictest.Duplicates(t, reg, "Ali", "Mohammed", "1990-05-05", "")
	if len(found) != 1 || found[0].ID != first.Members[0].ID || !found[0].HasPhoto {
		t.Fatalf("duplicates: %+v", found)
	}
	body := func(dups any) map[string]any {
		b := map[string]any{"case_number": "RW-DUP-11", "destination": "US", "program": "refugee",
			"members": []map[string]any{{"surnames": "Ali", "given_names": "Mohammed", "birth_date": "1990-05-05", "sex": "male", "residence_country": "RW"}}}
		if dups != nil {
			b["duplicates"] = dups
		}
		return b
	}
	code, raw := reg.Do("POST", "/api/cases", body(nil), nil)
	p := wantIDProblem(t, "a possible duplicate without a decision", code, raw, 409, "possible_duplicate", "members[0].duplicate")
	if !strings.Contains(p.Errors[0].Message, "RW-DUP-10") {
		t.Fatalf("the problem does not name the other person: %s", p)
	}
	code, raw = reg.Do("POST", "/api/cases", body([]map[string]any{{"member": 0, "decision": "different_person", "reason": ""}}), nil)
	wantIDProblem(t, "a different person without a reason", code, raw, 422, "validation", "members[0].duplicate.reason")
	code, raw = reg.Do("POST", "/api/cases", body([]map[string]any{{"member": 0, "decision": "same_person", "other_id": "00000000-0000-4000-8000-000000000000"}}), nil)
	wantIDProblem(t, "linking to someone not shown", code, raw, 422, "validation", "members[0].duplicate.other_id")
	code, raw = reg.Do("POST", "/api/cases", body([]map[string]any{{"member": 0, "decision": "perhaps"}}), nil)
	wantIDProblem(t, "an unknown decision", code, raw, 422, "validation", "members[0].duplicate.decision")
	code, raw = reg.Do("POST", "/api/cases", body([]map[string]any{{"member": 3, "decision": "same_person"}}), nil)
	wantIDProblem(t, "a decision for no member", code, raw, 422, "validation", "duplicates[0].member")
	if n := caseCount(t, reg, "RW-DUP-11"); n != 0 {
		t.Fatalf("a refused registration saved %d cases", n)
	}

	var linked caseOut
	reg.Must(201, "POST", "/api/cases", body([]map[string]any{{"member": 0, "decision": "same_person", "other_id": first.Members[0].ID}}), &linked)
	img := st.Login(t, "nurse").Must(200, "GET", "/api/applicants/"+linked.Members[0].ID+"/photo", nil, nil)
	if !bytes.Equal(img, photo) {
		t.Fatal("the linked person's photo did not carry over")
	}

	// A different person goes on with the reason, which is kept.
	reg.Must(201, "POST", "/api/cases", map[string]any{"case_number": "RW-DUP-12", "destination": "US", "program": "refugee",
		"members":    []map[string]any{{"surnames": "Ali", "given_names": "Mohamed", "birth_date": "1990-01-15", "sex": "male", "residence_country": "RW"}},
		"duplicates": []map[string]any{{"member": 0, "decision": "different_person", "reason": "Another man of the same name; different father's name on the UNHCR file"}}}, nil)
	var reasons int64
	if err := st.Store.DB().Raw(`SELECT count(*) FROM applicant_duplicates WHERE decision = 'different_person' AND reason LIKE 'Another man%'`).Scan(&reasons).Error; err != nil {
		t.Fatal(err)
	}
	if reasons != 2 { // both people shown (the first and the one linked to it)
		t.Fatalf("kept reasons: %d, want 2", reasons)
	}
}

// TestImportDuplicates: a case list whose person resembles someone registered imports nothing and
// names the line.
func TestImportDuplicates(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 6})
	reg := st.Login(t, "registrar")
	registerPerson(t, reg, "RW-DUP-20", "Mohamed", "Ahmed", "1990-03-01", "")
	code, raw := reg.UploadFile("/api/imports/cases", "list.csv", []byte(goodList), nil, nil)
	if code != 422 || !strings.Contains(string(raw), `"line":5,"column":"Surname"`) || !strings.Contains(string(raw), "RW-DUP-20") {
		t.Fatalf("a list with a possible duplicate: %d %s", code, raw)
	}
	if n := caseCount(t, reg, "IMP-1"); n != 0 {
		t.Fatal("a refused list imported a case")
	}
}
