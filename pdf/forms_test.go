package pdf

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

// TestEveryFormFromEverySample draws each form from every sample, also those whose protocol does
// not list it: a form either renders or says which data it lacks.
func TestEveryFormFromEverySample(t *testing.T) {
	for _, s := range Samples() {
		for _, form := range FormTypes() {
			_, err := Render(s.Snapshot, form, testURL)
			switch {
			case err == nil:
			case errors.Is(err, ErrMissingData):
				if form != "PEC" && form != clinic.FormMEDIF && len(clinic.FormNeeds(form)) == 0 {
					t.Errorf("%s from %s: %v", form, s.Name, err)
				}
			default:
				t.Errorf("%s from %s: %v", form, s.Name, err)
			}
		}
	}
}

func TestFormsNeedTheirData(t *testing.T) {
	tests := []struct {
		form string
		edit func(*clinic.FormSnapshot)
		text string
	}{
		{"PEC", func(s *clinic.FormSnapshot) { s.PEC = nil }, "pre-embarkation"},
		{"502", func(s *clinic.FormSnapshot) { s.CXR = nil }, "chest X-ray"},
		{"INZ 1096", func(s *clinic.FormSnapshot) { s.CXR = nil }, "chest X-ray"},
	}
	for _, tt := range tests {
		t.Run(tt.form, func(t *testing.T) {
			s := mustSample(t, tt.form)
			tt.edit(&s)
			_, err := Render(s, tt.form, testURL)
			if !errors.Is(err, ErrMissingData) || !strings.Contains(err.Error(), tt.text) {
				t.Fatalf("Render = %v, want ErrMissingData about %s", err, tt.text)
			}
		})
	}
}

func TestFormTypesAreTheRegistry(t *testing.T) {
	want := []string{"DS-2054", "DS-3025", "DS-3026", "DS-3030", "IMM 1017", "501", "502", "707", "INZ 1007", "INZ 1096", "PEC", "MEDIF"}
	got := FormTypes()
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("FormTypes() = %q, want %q", got, want)
	}
	for _, id := range got {
		if registry[id].id != id || registry[id].draw == nil {
			t.Errorf("registry entry %q is incomplete", id)
		}
		if _, ok := SampleFor(id); !ok {
			t.Errorf("no sample lists form %q", id)
		}
	}
}

func TestINZValue(t *testing.T) {
	tests := []struct {
		step, value, unit string
		pregnant          bool
		want              string
	}{
		{"egfr", "118.4", "mL/min/1.73m²", false, "91 mL/min/1.73m²"},
		{"egfr", "90.4", "mL/min/1.73m²", false, "91 mL/min/1.73m²"},
		{"egfr", "90", "mL/min/1.73m²", false, "90 mL/min/1.73m²"},
		{"egfr", "29.6", "", false, "30"},
		{"egfr", "75", "mL/min/1.73m²", true, "Incomplete (pregnant)"},
		{"hba1c", "80.4", "mmol/mol", false, "80 mmol/mol"},
		{"hba1c", "80.5", "mmol/mol", false, "81 mmol/mol"},
		{"hba1c", "n/a", "mmol/mol", false, "n/a mmol/mol"},
		{"creatinine", "61.2", "µmol/L", true, "61.2 µmol/L"},
	}
	for _, tt := range tests {
		got := inzValue(clinic.FormLabResult{Step: tt.step, Value: tt.value, Unit: tt.unit}, tt.pregnant)
		if got != tt.want {
			t.Errorf("inzValue(%s %q, pregnant=%v) = %q, want %q", tt.step, tt.value, tt.pregnant, got, tt.want)
		}
	}
}

func TestMatchesVaccine(t *testing.T) {
	hepA := []string{"hepatitis a", "hepa", "hep a"}
	tests := []struct {
		name     string
		prefixes []string
		want     bool
	}{
		{"Hepatitis A", hepA, true},
		{"Hepatitis B", hepA, false},
		{"HepA (pediatric)", hepA, true},
		{"HepB", hepA, false},
		{"hep a pediatric", hepA, true},
		{"Polio (IPV)", []string{"polio"}, true},
		{"Tdap", []string{"dtp", "dtap", "dt", "td", "tdap"}, true},
		{"Typhoid", []string{"dtp", "dtap", "dt", "td", "tdap"}, false},
	}
	for _, tt := range tests {
		if got := matchesVaccine(tt.name, tt.prefixes); got != tt.want {
			t.Errorf("matchesVaccine(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestAgeAndDates(t *testing.T) {
	tests := []struct {
		birth, on string
		want      int
	}{
		{"2000-02-29", "2026-02-28", 25},
		{"2000-02-29", "2026-03-01", 26},
		{"2020-05-14", "2026-05-13", 5},
		{"2020-05-14", "2026-05-14", 6},
		{"2030-01-01", "2026-01-01", 0},
	}
	for _, tt := range tests {
		b, _ := parseDay(tt.birth)
		o, _ := parseDay(tt.on)
		if got := ageYears(b, o); got != tt.want {
			t.Errorf("ageYears(%s, %s) = %d, want %d", tt.birth, tt.on, got, tt.want)
		}
	}
	d := day(2027, 1, 8)
	if got := monthDayYear.date(d); got != "01-08-2027" {
		t.Errorf("US date = %q", got)
	}
	if got := dayMonthYear.date(d); got != "08/01/2027" {
		t.Errorf("day/month/year date = %q", got)
	}
}

func parseDay(s string) (t time.Time, err error) { return time.Parse("2006-01-02", s) }
