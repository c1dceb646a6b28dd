package clinic

import (
	"testing"
	"time"
)

func day(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestAgeOn(t *testing.T) {
	cases := []struct {
		birth, on string
		want      int
	}{
		{"2011-11-23", "2026-11-23", 15}, // N on the Nth birthday
		{"2011-11-23", "2026-11-22", 14},
		{"2024-11-24", "2026-11-24", 2},
		{"2024-11-24", "2026-11-23", 1},
		{"2008-02-29", "2026-02-28", 17}, // a 29 February birthday falls on 1 March in a common year
		{"2008-02-29", "2026-03-01", 18},
		{"2008-02-29", "2028-02-29", 20},
		{"2026-11-24", "2026-11-24", 0},
		{"2027-01-01", "2026-11-24", 0}, // a future birth date never gives a negative age
	}
	for _, c := range cases {
		if got := AgeOn(day(c.birth), day(c.on)); got != c.want {
			t.Errorf("AgeOn(%s, %s) = %d, want %d", c.birth, c.on, got, c.want)
		}
	}
}

func TestInitials(t *testing.T) {
	cases := []struct{ given, sur, want string }{
		{"Ngabo", "Uwimana", "N.U."},
		{"Jean de Dieu", "Nshimiyimana", "J.D.D.N."},
		{"émilienne", "Uwase", "É.U."},
		{"", "Habimana", "H."},
	}
	for _, c := range cases {
		if got := (Applicant{GivenNames: c.given, Surnames: c.sur}).Initials(); got != c.want {
			t.Errorf("Initials(%q %q) = %q, want %q", c.given, c.sur, got, c.want)
		}
	}
}

func TestNewCaseValidate(t *testing.T) {
	today := day("2026-11-24")
	good := func() NewCase {
		return NewCase{CaseNumber: " RW-1 ", Destination: "US", Program: "refugee", Members: []Applicant{
			{Surnames: "Uwimana-Nshimiyimana", GivenNames: "Ngabo Hélène Émilienne O'Neil", BirthDate: day("1986-04-02"), Sex: "male", ResidenceCountry: "rw", CountriesLived: []string{" cd"}}}}
	}
	n := good()
	if err := n.Validate(today); err != nil {
		t.Fatalf("a good case: %v", err)
	}
	if n.CaseNumber != "RW-1" || n.Members[0].ResidenceCountry != "RW" || n.Members[0].CountriesLived[0] != "CD" || n.Members[0].Relationship != "principal" {
		t.Errorf("not normalised: %+v", n)
	}
	cases := []struct {
		name  string
		edit  func(*NewCase)
		field string
	}{
		{"no number", func(n *NewCase) { n.CaseNumber = "" }, "case_number"},
		{"destination", func(n *NewCase) { n.Destination = "FR" }, "destination"},
		{"program", func(n *NewCase) { n.Program = "tourist" }, "program"},
		{"no members", func(n *NewCase) { n.Members = nil }, "members"},
		{"no name", func(n *NewCase) { n.Members[0].Surnames, n.Members[0].GivenNames = "", " " }, "members[0].surnames"},
		{"no birth date", func(n *NewCase) { n.Members[0].BirthDate = time.Time{} }, "members[0].birth_date"},
		{"born tomorrow", func(n *NewCase) { n.Members[0].BirthDate = day("2026-11-25") }, "members[0].birth_date"},
		{"sex", func(n *NewCase) { n.Members[0].Sex = "f" }, "members[0].sex"},
		{"Cyrillic name", func(n *NewCase) { n.Members[0].Surnames = "Иванов" }, "members[0].surnames"},
		{"digits in a name", func(n *NewCase) { n.Members[0].GivenNames = "Ngabo2" }, "members[0].given_names"},
		{"country code", func(n *NewCase) { n.Members[0].ResidenceCountry = "Rwanda" }, "members[0].residence_country"},
		{"lived code", func(n *NewCase) { n.Members[0].CountriesLived = []string{"Congo"} }, "members[0].countries_lived[0]"},
	}
	for _, c := range cases {
		n := good()
		c.edit(&n)
		err := n.Validate(today)
		e := ErrorOf(err)
		if err == nil || e.Code != EValidation || len(e.Fields) == 0 || e.Fields[0].Field != c.field {
			t.Errorf("%s: got %v (%+v), want a validation error on %s", c.name, err, e.Fields, c.field)
		}
	}
}
