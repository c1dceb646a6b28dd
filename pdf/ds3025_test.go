package pdf

import (
	"regexp"
	"strings"
	"testing"

	"github.com/mhac-clinic/mhac/clinic"
)

var runsOfSpace = regexp.MustCompile(`\s+`)

// ds3025Text draws the DS-3025 of a snapshot and reads it back with pdftotext, one space
// between words.
func ds3025Text(t *testing.T, snap clinic.FormSnapshot) string {
	t.Helper()
	doc, err := Render(snap, "DS-3025", testURL)
	if err != nil {
		t.Fatalf("Render: %v", err)
	}
	return runsOfSpace.ReplaceAllString(pdfText(t, doc), " ")
}

// TestDS3025NotRoutinelyAvailable: a vaccine the site cannot routinely get prints its reason with
// the date the site set it, ticks the blanket-waiver box, and is named under the box with its
// reason; a worksheet with no line waived leaves the box empty and prints no such note.
func TestDS3025NotRoutinelyAvailable(t *testing.T) {
	snap := mustSample(t, "DS-3025")
	text := ds3025Text(t, snap)
	for _, want := range []string{
		"☒ May qualify for blanket waiver(s): vaccine not medically appropriate (DS-3025)",
		"Blanket waiver, by vaccine: Hepatitis A: Not routinely available (at this site since 10-01-2026); Influenza: Not fall / flu season;",
		"Rotavirus: Not age appropriate",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the DS-3025 lacks %q:\n%s", want, text)
		}
	}
	// The vaccine row's reason cell wraps in its column: its words are there.
	if !strings.Contains(text, "Not routinely") || strings.Count(text, "10-01-2026") < 2 {
		t.Errorf("the Hepatitis A row lacks its reason and date:\n%s", text)
	}

	var met clinic.FormSnapshot = snap
	met.Vaccinations = nil
	for _, v := range snap.Vaccinations {
		if v.Status != "not_medically_appropriate" {
			met.Vaccinations = append(met.Vaccinations, v)
		}
	}
	text = ds3025Text(t, met)
	if !strings.Contains(text, "☐ May qualify for blanket waiver(s)") || strings.Contains(text, "Blanket waiver, by vaccine") ||
		strings.Contains(text, "Not routinely available") {
		t.Errorf("no line waived: the box is ticked or a reason printed:\n%s", text)
	}

	// Only the date the record held is printed: a line without one says the reason alone.
	noDate := snap
	noDate.Vaccinations = append([]clinic.FormVaccination(nil), snap.Vaccinations...)
	for i := range noDate.Vaccinations {
		noDate.Vaccinations[i].UnavailableSince = nil
	}
	text = ds3025Text(t, noDate)
	if !strings.Contains(text, "Hepatitis A: Not routinely available;") || strings.Contains(text, "10-01-2026") {
		t.Errorf("a line without a date:\n%s", text)
	}
}
