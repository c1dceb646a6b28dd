package clinic

import (
	"fmt"
	"strings"
	"time"
)

// checkPEC tidies and checks a pre-embarkation check as sent, before any record is read: the
// outcome against the symptoms and travel needs, the vitals' ranges, the questionnaire's codes,
// the pregnancy against the airline's limit (when known), a not-fit's reason and re-check date.
// today is the clinic's date; limit is nil when no airline limit is loaded.
func checkPEC(p *PEC, today time.Time, limit *PregnancyLimit) error {
	var probs Problems
	var ok bool
	p.Remarks = strings.TrimSpace(p.Remarks)
	p.NotFitReason = strings.TrimSpace(p.NotFitReason)
	p.NewConditions, p.NewMedicines = strings.TrimSpace(p.NewConditions), strings.TrimSpace(p.NewMedicines)
	if p.FlightNumber, ok = NormalizeFlight(p.FlightNumber); !ok {
		probs.Add("flight_number", "invalid", "Enter a flight number as the airline code and the number, e.g. RWA9B.")
	}
	checkPECVitals(p, &probs)
	checkSymptoms(p, &probs)
	p.Needs.check(&probs)
	if p.Outcome == "" { // a client that sends only "fit"
		p.Outcome = PECNotFit
		if p.Fit {
			p.Outcome = PECFit
			if p.Needs.Any() {
				p.Outcome = PECFitWithAssistance
			}
		}
	}
	switch p.Outcome {
	case PECFit:
		if p.Needs.Any() {
			probs.Add("outcome", "needs_assistance", "Travel needs are recorded: record the outcome as fit with assistance.")
		}
	case PECFitWithAssistance:
		if !p.Needs.Any() {
			probs.Add("travel_needs", "required", "Record the assistance the passenger needs (escort, wheelchair, stretcher, oxygen or other).")
		}
	case PECNotFit:
		if p.NotFitReason == "" {
			p.NotFitReason = p.Remarks
		}
		if p.NotFitReason == "" {
			probs.Add("not_fit_reason", "required", "Write why the person is not fit to travel.")
		}
		if p.RecheckDate == nil {
			probs.Add("recheck_date", "required", "Give the date of the re-check.")
		} else if !p.RecheckDate.After(today) {
			probs.Add("recheck_date", "not_future", "The re-check is after today.")
		}
	default:
		probs.Add("outcome", "invalid", "Choose the outcome: fit, fit with assistance or not fit.")
	}
	p.Fit = p.Outcome == PECFit || p.Outcome == PECFitWithAssistance
	if p.Fit && p.Symptoms {
		probs.Add("outcome", "not_allowed", "A person with signs of infectious disease cannot be found fit; record not fit and refer.")
	}
	if p.Outcome != PECNotFit {
		p.RecheckDate = nil
	}
	checkPregnancy(p, limit, &probs)
	for _, f := range []struct{ field, v string }{{"remarks", p.Remarks}, {"not_fit_reason", p.NotFitReason},
		{"new_conditions", p.NewConditions}, {"new_medicines", p.NewMedicines}} {
		if len(f.v) > 2000 {
			probs.Add(f.field, "too_long", "At most 2000 characters.")
		}
	}
	return probs.Err()
}

func checkPECVitals(p *PEC, probs *Problems) {
	if p.TempC == 0 {
		probs.Add("temperature_c", "required", "Enter the temperature.")
	} else if p.TempC < 30 || p.TempC > 44 {
		probs.Add("temperature_c", "out_of_range", "Enter a temperature from 30 to 44 °C.")
	}
	for _, v := range []struct {
		field    string
		n        int
		min, max int
		what     string
	}{
		{"pulse", p.Pulse, 20, 250, "the pulse"},
		{"respiratory_rate", p.RespiratoryRate, 4, 80, "the respiratory rate"},
		{"systolic_bp", p.SystolicBP, 50, 260, "the systolic pressure"},
		{"diastolic_bp", p.DiastolicBP, 20, 160, "the diastolic pressure"},
		{"spo2", p.SpO2, 50, 100, "the oxygen saturation"},
	} {
		if v.n != 0 && (v.n < v.min || v.n > v.max) {
			probs.Add(v.field, "out_of_range", fmt.Sprintf("Enter %s from %d to %d, or leave it empty.", v.what, v.min, v.max))
		}
	}
	if (p.SystolicBP == 0) != (p.DiastolicBP == 0) {
		probs.Add("systolic_bp", "incomplete", "Enter both the systolic and the diastolic pressure, or neither.")
	}
}

// checkSymptoms checks the questionnaire: known codes, each once. Any symptom present counts as
// a sign of infectious disease.
func checkSymptoms(p *PEC, probs *Problems) {
	seen := map[string]bool{}
	for i := range p.SymptomAnswers {
		a := &p.SymptomAnswers[i]
		a.Details = strings.TrimSpace(a.Details)
		field := fmt.Sprintf("symptom_answers[%d]", i)
		known := false
		for _, q := range SymptomQuestions {
			known = known || q.Code == a.Code
		}
		switch {
		case !known:
			probs.Add(field+".code", "invalid", "Unknown symptom question; the questions are fever, cough, rash, diarrhoea and sick_contact.")
		case seen[a.Code]:
			probs.Add(field+".code", "duplicate", "Each question is answered once.")
		case len(a.Details) > 500:
			probs.Add(field+".details", "too_long", "Details have at most 500 characters.")
		}
		seen[a.Code] = true
		p.Symptoms = p.Symptoms || a.Present
	}
}

// checkPregnancy keeps the airline's limit with the check and refuses fitness beyond it.
func checkPregnancy(p *PEC, limit *PregnancyLimit, probs *Problems) {
	if p.PregnancyWeeks == nil {
		if p.PregnancyMultiple {
			probs.Add("pregnancy_weeks", "required", "Enter the weeks of pregnancy.")
		}
		return
	}
	w := *p.PregnancyWeeks
	if w < 1 || w > 45 {
		probs.Add("pregnancy_weeks", "out_of_range", "Enter the weeks of pregnancy from 1 to 45.")
		return
	}
	if limit == nil {
		return
	}
	l := *limit
	p.PregnancyLimit = &l
	if max := l.MaxWeek(p.PregnancyMultiple); p.Fit && w > max {
		probs.Add("pregnancy_weeks", "beyond_airline_limit", fmt.Sprintf(
			"Airlines accept a pregnancy of this kind up to the end of week %d (%s); record not fit and a re-check date.", max, l.Source))
	}
}

// BuildPECForm is the check as the forms print it. A check recorded before the questionnaire existed
// has its one question (signs of infectious disease).
func BuildPECForm(p PEC) *FormPEC {
	f := &FormPEC{CheckedAt: p.At, FlightNumber: p.FlightNumber, TempC: p.TempC, FitToTravel: p.Fit,
		Examiner: p.ByName, Remarks: p.Remarks, Outcome: string(p.Outcome), Pulse: p.Pulse,
		RespiratoryRate: p.RespiratoryRate, SystolicBP: p.SystolicBP, DiastolicBP: p.DiastolicBP, SpO2: p.SpO2,
		PregnancyMultiple: p.PregnancyMultiple, NewConditions: p.NewConditions, NewMedicines: p.NewMedicines,
		NotFitReason: p.NotFitReason, RecheckDate: p.RecheckDate, TravelNeeds: p.Needs.Lines()}
	if p.DepartureDate != nil {
		f.DepartureDate = *p.DepartureDate
	}
	if len(p.SymptomAnswers) == 0 {
		f.Symptoms = []FormSymptom{{Code: "infectious_symptoms", Label: "Signs of infectious disease", Present: p.Symptoms}}
	}
	for _, q := range SymptomQuestions {
		for _, a := range p.SymptomAnswers {
			if a.Code == q.Code {
				f.Symptoms = append(f.Symptoms, FormSymptom{Code: a.Code, Label: q.Label, Present: a.Present, Details: a.Details})
			}
		}
	}
	if p.PregnancyWeeks != nil {
		f.PregnancyWeeks = *p.PregnancyWeeks
	}
	if l := p.PregnancyLimit; l != nil {
		f.PregnancyLimit = fmt.Sprintf("single pregnancy to the end of week %d, multiple to the end of week %d; a statement of the weeks from week %d (%s)",
			l.SingleMaxWeek, l.MultipleMaxWeek, l.CertificateFromWeek, l.Source)
	}
	if n := p.Needs; n.Any() {
		f.Needs = &FormTravelNeeds{Escort: n.Escort, Wheelchair: n.Wheelchair, Stretcher: n.Stretcher, OxygenLPM: n.OxygenLPM, Other: n.Other}
	}
	return f
}
