package pdf

import (
	"strings"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

// The forms with a specialist field print the referrals as recorded: specialty, reason, status and
// the report's date in the site's calendar, "Not recorded" where the record holds none (an empty
// facility, a report not yet in), and say so when there is no referral.
func TestFormsPrintReferrals(t *testing.T) {
	// 22:30 UTC on 5 November is 00:30 on 6 November in Kigali: the site's day is printed.
	reported := time.Date(2026, 11, 5, 22, 30, 0, 0, time.UTC)
	for form, reportDay := range map[string]string{"DS-2054": "11-06-2026", "DS-3026": "11-06-2026", "INZ 1007": "06/11/2026"} {
		t.Run(form, func(t *testing.T) {
			s := mustSample(t, form)
			s.Site = kigali
			s.Referrals = []clinic.FormReferral{
				{Specialty: "Nephrology", Reason: "eGFR 24", Facility: "CHUK Renal", DueOn: time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC), Status: clinic.ReferralAnswered, ReportedAt: &reported},
				{Specialty: "Cardiology", Reason: "Murmur 3/6", DueOn: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC), Status: clinic.ReferralOpen},
			}
			doc, err := Render(s, form, testURL)
			if err != nil {
				t.Fatal(err)
			}
			text := pdfText(t, doc)
			line := func(word string) string {
				for _, l := range strings.Split(text, "\n") {
					if strings.Contains(l, word) {
						return l
					}
				}
				t.Fatalf("%s: no line with %q in:\n%s", form, word, text)
				return ""
			}
			if l := line("Nephrology"); !strings.Contains(l, "eGFR 24") || !strings.Contains(l, "CHUK Renal") || !strings.Contains(l, "Report recorded") || !strings.Contains(l, reportDay) {
				t.Errorf("%s: the answered referral prints as %q, want its reason, facility, status and report day %s", form, l, reportDay)
			}
			if l := line("Cardiology"); !strings.Contains(l, "Murmur 3/6") || !strings.Contains(l, "Awaiting report") || strings.Count(l, "Not recorded") != 2 {
				t.Errorf("%s: the open referral prints as %q, want its status and \"Not recorded\" for the facility and the report date", form, l)
			}

			s.Referrals = nil
			doc, err = Render(s, form, testURL)
			if err != nil {
				t.Fatal(err)
			}
			if text := pdfText(t, doc); strings.Contains(text, "Nephrology") || !strings.Contains(text, "none recorded") {
				t.Errorf("%s: without referrals the form should say none is recorded:\n%s", form, text)
			}
		})
	}
}
