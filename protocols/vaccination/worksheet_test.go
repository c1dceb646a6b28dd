package vaccination

import (
	"strings"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/protocols/cdsi"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func setup(t *testing.T) (*cdsi.Engine, *RuleSet) {
	t.Helper()
	eng, err := cdsi.NewDefault()
	if err != nil {
		t.Fatal(err)
	}
	sets, err := LoadAll(eng.Data())
	if err != nil {
		t.Fatal(err)
	}
	rs, err := InForce(sets, day("2025-11-10"))
	if err != nil {
		t.Fatal(err)
	}
	return eng, rs
}

func lineOf(t *testing.T, ws Worksheet, key string) Line {
	t.Helper()
	for _, l := range ws.Lines {
		if l.Key == key {
			return l
		}
	}
	t.Fatalf("no line %q", key)
	return Line{}
}

const exam = "2025-11-10"

func TestWorksheetLines(t *testing.T) {
	eng, rs := setup(t)
	tests := []struct {
		name   string
		facts  Facts
		key    string
		status string
		reason string
	}{
		{"infant needs DTaP", Facts{DOB: day("2025-09-08")}, "dtap", StatusGiveToday, ""},
		{"infant too young for MMR", Facts{DOB: day("2025-09-08")}, "mmr", StatusNotRequired, ReasonNotAgeAppropriate},
		{"infant too young for Td", Facts{DOB: day("2025-09-08")}, "td_tdap", StatusNotRequired, ReasonNotAgeAppropriate},
		{"infant too young for flu", Facts{DOB: day("2025-09-08"), FluSeason: true}, "influenza", StatusNotRequired, ReasonNotAgeAppropriate},
		{"rotavirus not available", Facts{DOB: day("2025-09-08"), Unavailable: []string{"rotavirus"}}, "rotavirus", StatusNotRequired, ReasonNotRoutinelyAvailable},
		{"rotavirus by group name", Facts{DOB: day("2025-09-08"), Unavailable: []string{"Rotavirus"}}, "rotavirus", StatusNotRequired, ReasonNotRoutinelyAvailable},
		{"flu out of season", Facts{DOB: day("2020-05-01")}, "influenza", StatusNotRequired, ReasonNotFluSeason},
		{"flu in season", Facts{DOB: day("2020-05-01"), FluSeason: true}, "influenza", StatusGiveToday, ""},
		{"DTaP given two weeks ago", Facts{DOB: day("2025-08-01"), Doses: []cdsi.Dose{{Date: day("2025-10-27"), CVX: "20"}}}, "dtap", StatusNotRequired, ReasonInsufficientInterval},
		{"pregnant adult and MMR", Facts{DOB: day("1995-03-01"), Gender: "F", Observations: []cdsi.PatientObservation{{Code: "007"}}}, "mmr", StatusNotRequired, ReasonContraindicated},
		{"born before 1957, no MMR", Facts{DOB: day("1950-03-01")}, "mmr", StatusNotRequired, ReasonNotAgeAppropriate},
		{"adult needs MMR", Facts{DOB: day("1990-03-01")}, "mmr", StatusGiveToday, ""},
		{"hepatitis B complete", Facts{DOB: day("2015-01-10"), Doses: []cdsi.Dose{
			{Date: day("2015-01-10"), CVX: "08"}, {Date: day("2015-03-10"), CVX: "08"}, {Date: day("2015-07-10"), CVX: "08"}}}, "hepb", StatusComplete, ""},
		{"adult outside hepatitis B ages", Facts{DOB: day("1980-01-01")}, "hepb", StatusNotRequired, ReasonNotAgeAppropriate},
		{"PPSV at 70", Facts{DOB: day("1955-01-01")}, "pneumococcal_adult", StatusGiveToday, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := tt.facts
			f.ExamDate = day(exam)
			ws, err := Build(eng, rs, f)
			if err != nil {
				t.Fatal(err)
			}
			got := lineOf(t, ws, tt.key)
			if got.Status != tt.status || got.ReasonCode != tt.reason {
				t.Errorf("got %s/%s (%s), want %s/%s", got.Status, got.ReasonCode, got.Reason, tt.status, tt.reason)
			}
			if got.GiveToday != (tt.status == StatusGiveToday) {
				t.Errorf("GiveToday = %v with status %s", got.GiveToday, got.Status)
			}
			if !strings.Contains(got.Source, "Vaccination Technical Instructions") {
				t.Errorf("source %q does not cite the TI", got.Source)
			}
		})
	}
}

func TestWorksheetDetails(t *testing.T) {
	eng, rs := setup(t)
	ws, err := Build(eng, rs, Facts{DOB: day("2025-08-01"), ExamDate: day(exam),
		Doses: []cdsi.Dose{{Date: day("2025-10-27"), CVX: "20"}}})
	if err != nil {
		t.Fatal(err)
	}
	l := lineOf(t, ws, "dtap")
	if len(l.DosesGiven) != 1 || l.DosesGiven[0].Status != cdsi.StatusValid || l.DosesGiven[0].CVX != "20" {
		t.Errorf("doses given = %+v, want the one valid DTaP", l.DosesGiven)
	}
	if want := day("2025-11-24"); l.NextDue == nil || !l.NextDue.Equal(want) {
		t.Errorf("next due = %v, want %v (4 weeks after dose 1)", l.NextDue, want)
	}
	if ws.RequirementsMet {
		t.Error("requirements met, but the infant is due polio, Hib, HepB, PCV and rotavirus")
	}
	if len(ws.Lines) != len(rs.Vaccines) {
		t.Errorf("%d lines for %d rules", len(ws.Lines), len(rs.Vaccines))
	}
}

func TestBuildRejectsBadInput(t *testing.T) {
	eng, rs := setup(t)
	_, err := Build(eng, rs, Facts{DOB: day("2020-01-01"), ExamDate: day("2019-01-01")})
	if err == nil {
		t.Fatal("exam before birth: no error")
	}
}

func TestParseErrors(t *testing.T) {
	eng, _ := setup(t)
	good := `version: "2020-01-01"
effective: "2020-01-01"
sources: {S-VX: {doc: "CDC TI", edition: "2009"}}
vaccines:
  - {key: mmr, name: MMR, cdsi_group: MMR, min_age: "12 months", source: {ref: S-VX, section: "table"}}
`
	if _, err := Parse([]byte(good), eng.Data()); err != nil {
		t.Fatalf("good file: %v", err)
	}
	tests := []struct{ name, from, to, want string }{
		{"unknown group", "cdsi_group: MMR", "cdsi_group: Measles", "unknown CDSi vaccine group"},
		{"undeclared source", "ref: S-VX", "ref: S-XX", "not declared"},
		{"bad age", `min_age: "12 months"`, `min_age: "twelve months"`, "not a whole number"},
		{"missing age", `min_age: "12 months", `, ``, "min_age is required"},
		{"bad effective", `effective: "2020-01-01"`, `effective: "soon"`, "effective"},
		{"unknown field", "key: mmr,", "key: mmr, colour: red,", "colour"},
	}
	for _, tt := range tests {
		bad := strings.Replace(good, tt.from, tt.to, 1)
		if bad == good {
			t.Fatalf("%s: replacement did not apply", tt.name)
		}
		_, err := Parse([]byte(bad), eng.Data())
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want one containing %q", tt.name, err, tt.want)
		}
	}
	dup := good + "  - {key: mmr, name: MMR, cdsi_group: MMR, min_age: \"12 months\", source: {ref: S-VX, section: t}}\n"
	if _, err := Parse([]byte(dup), eng.Data()); err == nil || !strings.Contains(err.Error(), "twice") {
		t.Errorf("duplicate key: error %v", err)
	}
}

func TestInForce(t *testing.T) {
	eng, _ := setup(t)
	sets, err := LoadAll(eng.Data())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := InForce(sets, day("2009-12-13")); err == nil {
		t.Error("a day before the first version: no error")
	}
	rs, err := InForce(sets, day("2026-01-01"))
	if err != nil || rs.Version != "2009-12-14" {
		t.Errorf("got %v, %v; want version 2009-12-14", rs, err)
	}
}
