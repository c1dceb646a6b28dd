package pdf

import (
	"context"
	"errors"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/mhac-clinic/mhac/clinic"
)

// dropResult removes a step's result from a snapshot.
func dropResult(s *clinic.FormSnapshot, step string) {
	if step == "cxr" {
		s.CXR = nil
		return
	}
	var labs []clinic.FormLabResult
	for _, l := range s.Labs {
		if l.Step != step {
			labs = append(labs, l)
		}
	}
	s.Labs = labs
}

// The clinic's list of the forms it draws (clinic.FormsDrawn, used at sign-off) is the drawers'.
func TestFormsDrawnAreTheDrawers(t *testing.T) {
	drawn := clinic.FormsDrawn()
	sort.Strings(drawn)
	drawers := FormTypes()
	sort.Strings(drawers)
	if !slices.Equal(drawn, drawers) {
		t.Errorf("clinic.FormsDrawn() = %v, the drawers are %v", drawn, drawers)
	}
}

// The clinic decides before sign-off which forms cannot be issued (clinic.FormNeeds); the
// drawers must refuse exactly those and draw every other form without any result.
func TestFormNeedsMatchTheDrawers(t *testing.T) {
	for _, form := range FormTypes() {
		if form == "PEC" || form == clinic.FormMEDIF {
			continue // drawn at the pre-embarkation check, not at sign-off
		}
		t.Run(form, func(t *testing.T) {
			for _, step := range clinic.FormNeeds(form) {
				s := mustSample(t, form)
				dropResult(&s, step)
				if _, err := Render(s, form, testURL); !errors.Is(err, ErrMissingData) {
					t.Errorf("without %s: Render = %v, want ErrMissingData", step, err)
				}
			}
			if len(clinic.FormNeeds(form)) > 0 {
				return
			}
			s := mustSample(t, form)
			s.CXR, s.Labs, s.Sputum = nil, nil, nil
			if _, err := Render(s, form, testURL); err != nil {
				t.Errorf("without any result: %v (a form that needs a result must be listed in clinic.FormNeeds)", err)
			}
		})
	}
}

// Every form says, in words, which required steps were signed without and why.
func TestEveryFormSaysWhatWasNotDone(t *testing.T) {
	space := regexp.MustCompile(`\s+`)
	for _, form := range FormTypes() {
		t.Run(form, func(t *testing.T) {
			s := mustSample(t, form)
			s.Deferred = []clinic.FormDeferred{{Step: "cxr", Label: "Chest X-ray", Reason: "declined in pregnancy, after delivery",
				Then: "The examination stays incomplete until the chest X-ray is done."}}
			doc, err := Render(s, form, testURL)
			if err != nil {
				t.Fatal(err)
			}
			text := space.ReplaceAllString(pdfText(t, doc), " ")
			for _, w := range []string{"Signed with steps not done: Chest X-ray — declined in pregnancy, after delivery",
				"The examination stays incomplete until the chest X-ray is done."} {
				if !strings.Contains(text, w) {
					t.Errorf("text lacks %q:\n%s", w, text)
				}
			}
		})
	}
}

// A complete examination prints no such line.
func TestCompleteFormsSayNothingNotDone(t *testing.T) {
	doc, err := Render(mustSample(t, "501"), "501", testURL)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(pdfText(t, doc), "not done") {
		t.Error("a complete form mentions steps not done")
	}
}

// The renderer tells the clinic, in words, that a form can never be drawn from its snapshot, so
// the task fails once instead of retrying; other forms are drawn and signed.
func TestRendererSaysCannotDraw(t *testing.T) {
	signer, _ := testKeys(t)
	r := Renderer{Signer: signer, Clock: clinic.SystemClock{}}
	s := mustSample(t, "707")
	dropResult(&s, "hiv")
	_, err := r.Render(context.Background(), s, "707", testURL)
	var cd *clinic.CannotDraw
	if !errors.As(err, &cd) || !clinic.Permanent(err) || !strings.Contains(cd.Reason, "form 707 prints an HIV test result") ||
		strings.Contains(cd.Reason, "pdf:") {
		t.Fatalf("Render = %v, want CannotDraw in plain words", err)
	}
	if _, err := r.Render(context.Background(), mustSample(t, "707"), "707", testURL); err != nil || clinic.Permanent(err) {
		t.Fatalf("a complete 707: %v", err)
	}
	if clinic.Permanent(errors.New("connection refused")) {
		t.Error("a transient error is taken as permanent")
	}
}
