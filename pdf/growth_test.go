package pdf

import (
	"fmt"
	"strings"
	"testing"
)

// A child's DS-3026 prints each WHO growth indicator the snapshot holds, with its z-score and
// percentile; an adult's prints no growth table.
func TestGrowthPrinted(t *testing.T) {
	for _, s := range Samples() {
		if s.Name != "us-immigrant-child" && s.Name != "us-refugee-b1" {
			continue
		}
		doc, err := Render(s.Snapshot, "DS-3026", "https://mhac.example/verify/growth")
		if err != nil {
			t.Fatal(err)
		}
		text := strings.Join(strings.Fields(pdfText(t, doc)), " ")
		if s.Name == "us-immigrant-child" && len(s.Snapshot.Vitals.Growth) != 3 {
			t.Fatalf("the six-year-old's growth: %+v", s.Snapshot.Vitals.Growth)
		}
		if len(s.Snapshot.Vitals.Growth) == 0 {
			if strings.Contains(text, "Percentile") {
				t.Errorf("%s: a growth table with no growth recorded", s.Name)
			}
			continue
		}
		for _, g := range s.Snapshot.Vitals.Growth {
			for _, want := range []string{growthLabels[g.Indicator].label, fmt.Sprintf("%+.2f", g.Z), fmt.Sprintf("%.1f", g.Percentile)} {
				if !strings.Contains(text, want) {
					t.Errorf("%s: %q not printed", s.Name, want)
				}
			}
		}
	}
}
