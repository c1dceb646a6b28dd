package protocols

import (
	"context"
	"strings"
	"testing"

	"github.com/mhac-clinic/mhac/clinic"
)

// A defer rule lists a pending step as deferrable only when its condition holds and the step is
// still pending; what then holds and the source come with it.
func TestDeferral(t *testing.T) {
	e, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	cxr := "normal"
	cases := []struct {
		name  string
		facts clinic.Facts
		want  []string // deferrable steps
	}{
		{"US pregnant, no X-ray yet: the X-ray may wait for delivery", applicant("US", "refugee", 25, pregnant), []string{"cxr"}},
		{"US not pregnant: nothing may be deferred", applicant("US", "refugee", 25), nil},
		{"US pregnant with the X-ray done: nothing pending to defer", applicant("US", "refugee", 25, pregnant, results(clinic.Results{CXR: cxr})), nil},
		{"US pregnant under 15 without a required X-ray", applicant("US", "refugee", 12, pregnant), nil},
		{"AU: no rule defers a required test", applicant("AU", "refugee", 30), nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p, err := e.Evaluate(context.Background(), "", tc.facts)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, d := range p.Deferrable {
				got = append(got, d.Step)
				if d.Rule == "" || d.Reason == "" || d.ReasonFR == "" || d.Then == "" || d.ThenFR == "" || d.Source.Doc == "" || d.Source.Section == "" {
					t.Errorf("deferral without its rule, reasons, outcome or source: %+v", d)
				}
				if !d.HoldsTravel {
					t.Errorf("the US X-ray deferral must hold travel: %+v", d)
				}
			}
			if strings.Join(got, ",") != strings.Join(tc.want, ",") {
				t.Errorf("deferrable = %v, want %v", got, tc.want)
			}
			r := NewResult(p)
			if len(r.Deferrable) != len(tc.want) {
				t.Errorf("JSON deferrable = %+v", r.Deferrable)
			}
		})
	}
}

func TestDeferralRejects(t *testing.T) {
	cases := []struct {
		name, old, new string
		want           []string
	}{
		{"unknown step", "      step: cxr\n      holds_travel: true", "      step: chest\n      holds_travel: true",
			[]string{"rule us.tb.cxr_deferral_pregnancy", `step "chest" is not a step code`}},
		{"no outcome in French", "      then_fr: L'examen reste incomplet, sans autorisation de voyage, jusqu'à la radiographie thoracique faite après l'accouchement.\n", "",
			[]string{"rule us.tb.cxr_deferral_pregnancy", "then and then_fr"}},
		{"no source", `    source: {ref: S-TB, section: "Pregnant applicants: chest X-ray with abdominal shielding and consent; if declined, the examination is incomplete until after delivery (as quoted, protocols.md §7.4)"}` + "\n", "",
			[]string{"rule us.tb.cxr_deferral_pregnancy", "source is missing"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := rulesFS(t)
			edit(t, m, us21, tc.old, tc.new)
			_, err := LoadDir(m)
			if err == nil {
				t.Fatal("loaded")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}
