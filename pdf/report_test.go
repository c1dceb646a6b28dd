package pdf

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

// TestTBIndicatorsReport draws the report and reads it back with pdftotext: every number, and
// "not recorded" for a turnaround the records cannot give and the notes of what they cannot.
func TestTBIndicatorsReport(t *testing.T) {
	med, p90, y := 18.0, 21.2, 20000.0
	r := clinic.TBIndicators{SiteCode: "KGL", Month: "2026-11", Screened: 5, CXR: 3, CXRSuggestive: 1, TBDisease: 1, YieldPer100k: &y,
		DrugResistant: 7, DOTCompleted: 4,
		ByAge:       []clinic.Count{{Key: "2_14", N: 1}},
		ClassB:      []clinic.Count{{Key: "class_b2_ltbi", N: 1}},
		CultureDays: clinic.Spread{N: 2, Median: &med, P90: &p90},
		Throughput:  []clinic.StationDay{{Station: "radiology", Day: time.Date(2026, 11, 5, 0, 0, 0, 0, time.UTC), N: 2}},
		PECOutcomes: []clinic.Count{{Key: "fit_with_assistance", N: 1}},
		NotRecorded: []string{"X-ray order to final report: chest X-ray results typed on the chart carry no order time"}}
	doc, err := TBIndicatorsReport(r, time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	f := filepath.Join(t.TempDir(), "r.pdf")
	if err := os.WriteFile(f, doc, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", f, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := string(out)
	for _, want := range []string{"site KGL, 2026-11", "aged 2 to 14", "20000.0", "18.0 / 21.2 (2)", "2026-11-05 radiology",
		"Fit to travel with assistance", "Drug-resistant", "DOT completed", "Chest X-ray order to final report", "Not recorded",
		"carry no order time"} {
		if !strings.Contains(text, want) {
			t.Errorf("the report lacks %q:\n%s", want, text)
		}
	}
	for _, want := range []string{`Drug-resistant\s+7\n`, `DOT completed\s+4\n`} {
		if !regexp.MustCompile(want).MatchString(text) {
			t.Errorf("the report lacks %s:\n%s", want, text)
		}
	}
}
