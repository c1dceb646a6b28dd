package clinic

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestCheckPEC(t *testing.T) {
	today := time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC)
	tomorrow := today.AddDate(0, 0, 1)
	weeks := func(n int) *int { return &n }
	limit := &PregnancyLimit{CertificateFromWeek: 28, SingleMaxWeek: 36, MultipleMaxWeek: 32, Source: "IATA Medical Manual"}
	base := func() PEC { return PEC{FlightNumber: "rwa 9b", TempC: 36.6} }
	tests := []struct {
		name    string
		edit    func(*PEC)
		field   string // the problem expected; "" none
		outcome PECOutcome
		fit     bool
	}{
		{"legacy fit", func(p *PEC) { p.Fit = true }, "", PECFit, true},
		{"legacy fit with needs becomes assisted", func(p *PEC) { p.Fit = true; p.Needs.Wheelchair = "wchr" }, "", PECFitWithAssistance, true},
		{"fit with needs refused", func(p *PEC) { p.Outcome = PECFit; p.Needs.OxygenLPM = 2 }, "outcome", PECFit, true},
		{"assisted without needs", func(p *PEC) { p.Outcome = PECFitWithAssistance }, "travel_needs", PECFitWithAssistance, true},
		{"assisted with oxygen", func(p *PEC) { p.Outcome = PECFitWithAssistance; p.Needs.OxygenLPM = 2 }, "", PECFitWithAssistance, true},
		{"unknown wheelchair", func(p *PEC) { p.Outcome = PECFitWithAssistance; p.Needs.Wheelchair = "WCHX" }, "travel_needs.wheelchair", PECFitWithAssistance, true},
		{"oxygen out of range", func(p *PEC) { p.Outcome = PECFitWithAssistance; p.Needs.OxygenLPM = 16 }, "travel_needs.oxygen_lpm", PECFitWithAssistance, true},
		{"unknown outcome", func(p *PEC) { p.Outcome = "maybe" }, "outcome", "maybe", false},
		{"not fit needs a reason", func(p *PEC) { p.Outcome = PECNotFit; p.RecheckDate = &tomorrow }, "not_fit_reason", PECNotFit, false},
		{"not fit needs a re-check", func(p *PEC) { p.Outcome = PECNotFit; p.NotFitReason = "fever" }, "recheck_date", PECNotFit, false},
		{"re-check today refused", func(p *PEC) { p.Outcome = PECNotFit; p.NotFitReason = "fever"; p.RecheckDate = &today }, "recheck_date", PECNotFit, false},
		{"not fit complete", func(p *PEC) { p.Outcome = PECNotFit; p.NotFitReason = "fever"; p.RecheckDate = &tomorrow }, "", PECNotFit, false},
		{"legacy remarks are the reason", func(p *PEC) { p.Remarks = "fever"; p.RecheckDate = &tomorrow }, "", PECNotFit, false},
		{"symptom holds fitness", func(p *PEC) {
			p.Outcome = PECFit
			p.SymptomAnswers = []PECSymptom{{Code: "fever"}, {Code: "rash", Present: true}}
		}, "outcome", PECFit, true},
		{"unknown symptom", func(p *PEC) { p.Fit = true; p.SymptomAnswers = []PECSymptom{{Code: "sneeze"}} }, "symptom_answers[0].code", PECFit, true},
		{"symptom twice", func(p *PEC) { p.Fit = true; p.SymptomAnswers = []PECSymptom{{Code: "cough"}, {Code: "cough"}} }, "symptom_answers[1].code", PECFit, true},
		{"pulse out of range", func(p *PEC) { p.Fit = true; p.Pulse = 300 }, "pulse", PECFit, true},
		{"half a blood pressure", func(p *PEC) { p.Fit = true; p.SystolicBP = 120 }, "systolic_bp", PECFit, true},
		{"spo2 out of range", func(p *PEC) { p.Fit = true; p.SpO2 = 101 }, "spo2", PECFit, true},
		{"no temperature", func(p *PEC) { p.Fit = true; p.TempC = 0 }, "temperature_c", PECFit, true},
		{"bad flight", func(p *PEC) { p.Fit = true; p.FlightNumber = "9" }, "flight_number", PECFit, true},
		{"single pregnancy at the limit", func(p *PEC) { p.Fit = true; p.PregnancyWeeks = weeks(36) }, "", PECFit, true},
		{"single pregnancy past the limit", func(p *PEC) { p.Fit = true; p.PregnancyWeeks = weeks(37) }, "pregnancy_weeks", PECFit, true},
		{"multiple pregnancy at the limit", func(p *PEC) { p.Fit = true; p.PregnancyWeeks, p.PregnancyMultiple = weeks(32), true }, "", PECFit, true},
		{"multiple pregnancy past the limit", func(p *PEC) { p.Fit = true; p.PregnancyWeeks, p.PregnancyMultiple = weeks(33), true }, "pregnancy_weeks", PECFit, true},
		{"past the limit, not fit", func(p *PEC) {
			p.Outcome, p.NotFitReason, p.RecheckDate, p.PregnancyWeeks = PECNotFit, "37 weeks", &tomorrow, weeks(37)
		}, "", PECNotFit, false},
		{"multiple without weeks", func(p *PEC) { p.Fit = true; p.PregnancyMultiple = true }, "pregnancy_weeks", PECFit, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := base()
			tt.edit(&p)
			err := checkPEC(&p, today, limit)
			got := ""
			if err != nil {
				var e *Error
				if !errors.As(err, &e) || len(e.Fields) == 0 {
					t.Fatalf("error %v has no field", err)
				}
				got = e.Fields[0].Field
			}
			if got != tt.field {
				t.Fatalf("problem on %q (%v), want %q", got, err, tt.field)
			}
			if p.Outcome != tt.outcome || p.Fit != tt.fit {
				t.Errorf("outcome %q fit %v, want %q %v", p.Outcome, p.Fit, tt.outcome, tt.fit)
			}
			if err == nil && p.FlightNumber != "RWA9B" {
				t.Errorf("flight %q not normalised", p.FlightNumber)
			}
			if err == nil && p.PregnancyWeeks != nil && (p.PregnancyLimit == nil || !strings.Contains(p.PregnancyLimit.Source, "IATA")) {
				t.Errorf("the limit applied is not kept: %+v", p.PregnancyLimit)
			}
		})
	}
}

func TestPECFormAndNeeds(t *testing.T) {
	p := PEC{Fit: true, Outcome: PECFitWithAssistance, TempC: 36.5, At: time.Date(2026, 12, 3, 8, 0, 0, 0, time.UTC),
		SymptomAnswers: []PECSymptom{{Code: "sick_contact", Present: false}, {Code: "fever", Present: false}},
		Needs:          TravelNeeds{Escort: "nurse", Wheelchair: "WCHS", OxygenLPM: 1.5, Stretcher: true, Other: "aisle seat"}}
	f := BuildPECForm(p)
	if len(f.Symptoms) != 2 || f.Symptoms[0].Code != "fever" || f.Symptoms[1].Label != "Contact with a sick person" {
		t.Fatalf("symptoms in the questionnaire's order: %+v", f.Symptoms)
	}
	want := []string{"Medical escort: nurse", "Wheelchair WCHS (cannot walk stairs; can walk to the seat)", "Stretcher",
		"Oxygen in flight: 1.5 L/min", "Other: aisle seat"}
	if strings.Join(f.TravelNeeds, "|") != strings.Join(want, "|") {
		t.Fatalf("needs %q, want %q", f.TravelNeeds, want)
	}
	if f.Needs == nil || f.Needs.OxygenLPM != 1.5 || !NeedsMEDIF(p) {
		t.Fatalf("MEDIF needs: %+v", f.Needs)
	}
	p.Outcome, p.Fit = PECNotFit, false
	if NeedsMEDIF(p) {
		t.Fatal("a passenger not fit gets no MEDIF")
	}
	legacy := BuildPECForm(PEC{Fit: true, Symptoms: false})
	if len(legacy.Symptoms) != 1 || legacy.Symptoms[0].Code != "infectious_symptoms" || legacy.Needs != nil {
		t.Fatalf("a first-PEC record: %+v", legacy)
	}
}
