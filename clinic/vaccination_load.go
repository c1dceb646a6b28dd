package clinic

import (
	"context"
	"strings"
)

// loadDoses reads the applicant's vaccination record before the protocol is evaluated, since
// whether a record exists is one of the protocol's facts. A signed assessment sees the record as
// it stood at sign-off, so later entries never change what it showed.
func (s *Service) loadDoses(ctx context.Context, tx Tx, ch *Chart, page *listPage) error {
	if s.immunizer == nil {
		return nil
	}
	all, err := page.dosesOf(ctx, tx, ch.Applicant.ID)
	if err != nil {
		return err
	}
	ch.Doses = dosesAsOf(all, ch.Assessment.Signoff)
	return nil
}

// hasRecord reports whether the doses hold any entry not marked in error.
func hasRecord(doses []Dose) bool {
	for _, d := range doses {
		if d.InError == nil {
			return true
		}
	}
	return false
}

// loadVaccination evaluates the record loaded by loadDoses when the protocol asks for a
// vaccination review or there is a history.
func (s *Service) loadVaccination(ctx context.Context, tx Tx, ch *Chart, page *listPage) error {
	if s.immunizer == nil {
		return nil
	}
	if !ch.Plan.requires("vaccination_review") && len(ch.Doses) == 0 {
		return nil
	}
	f := VaccinationFacts{BirthDate: ch.Applicant.BirthDate, Sex: ch.Applicant.Sex, CountryOfBirth: ch.Applicant.CountryOfBirth,
		ExamDate: ch.Assessment.ExamDate, AssessOn: ch.Assessment.ExamDate}
	if v := ch.Assessment.Vitals; v != nil {
		f.Pregnant = v.Pregnant
	}
	f.ImmuneAntigens = immuneAntigens(ch.VaccineDecisions)
	for _, d := range ch.Doses {
		// A birth date corrected after the dose was entered: leave it out, so the chart
		// stays readable and the nurse can mark it.
		if d.InError == nil && !d.Date.Before(f.BirthDate) {
			f.Doses = append(f.Doses, d)
			if d.Date.After(f.AssessOn) {
				f.AssessOn = d.Date
			}
		}
	}
	view, err := s.immunizer.Worksheet(ctx, f)
	if err != nil {
		return err
	}
	view.Doses = mergeDoseViews(ch.Doses, view.Doses, s.immunizer)
	if ch.Case.Destination != "US" {
		view.DS3025 = nil
	} else if view.DS3025 != nil {
		markGivenAtExam(view.DS3025, ch.Doses, ch.Assessment.ID)
		all, err := page.unavailableOf(ctx, tx, ch.Assessment.SiteID)
		if err != nil {
			return err
		}
		at := s.clock.Now()
		if so := ch.Assessment.Signoff; so != nil {
			at = so.At
		}
		applyAvailability(view.DS3025, unavailableAt(all, at))
		applyDecisions(view.DS3025, ch.VaccineDecisions)
	}
	ch.Vaccination = &view
	return nil
}

// dosesAsOf keeps the doses recorded by the sign-off, and forgets error marks made after it.
func dosesAsOf(all []Dose, so *Signoff) []Dose {
	if so == nil {
		return all
	}
	var out []Dose
	for _, d := range all {
		if d.RecordedAt.After(so.At) {
			continue
		}
		if d.InError != nil && d.InError.At.After(so.At) {
			d.InError = nil
		}
		out = append(out, d)
	}
	return out
}

// mergeDoseViews lists every dose in the store's order (by date): the evaluated ones as the immunizer answered
// them, the ones in error with their vaccine name only.
func mergeDoseViews(doses []Dose, evaluated []DoseView, im Immunizer) []DoseView {
	byID := make(map[string]DoseView, len(evaluated))
	for _, v := range evaluated {
		byID[v.ID] = v
	}
	out := make([]DoseView, 0, len(doses))
	for _, d := range doses {
		v, ok := byID[d.ID]
		if !ok {
			vac, _ := im.Vaccine(d.CVX)
			v = DoseView{Vaccine: vac.Name}
			if d.InError == nil {
				v.Problem = "Dated before the birth date: correct the birth date or mark the dose entered in error."
			}
		}
		v.Dose = d
		out = append(out, v)
	}
	return out
}

func markGivenAtExam(ws *DS3025, doses []Dose, assessmentID string) {
	here := map[string]bool{}
	for _, d := range doses {
		if d.Origin == OriginClinic && d.AssessmentID == assessmentID && d.InError == nil {
			here[d.ID] = true
		}
	}
	for i := range ws.Lines {
		for _, ld := range ws.Lines[i].Doses {
			if here[ld.DoseID] {
				ws.Lines[i].GivenAtExam = true
			}
		}
	}
}

// vaccinationDue reports whether the protocol requires the vaccination review and the worksheet
// still asks for doses today.
func vaccinationDue(ch Chart) bool {
	v := ch.Vaccination
	if v == nil || v.DS3025 == nil || !ch.Plan.requires("vaccination_review") {
		return false
	}
	for _, l := range v.DS3025.Lines {
		if l.Status == LineGiveToday {
			return true
		}
	}
	return false
}

func (p Plan) requires(step string) bool {
	for _, r := range p.Required {
		if r.Step == step {
			return true
		}
	}
	return false
}

// formVaccinations turns the DS-3025 lines into the form's vaccine lines. Two lines of one
// vaccine group (DTaP and Td/Tdap, PCV and PPSV) would print the same doses twice, so a line
// outside its ages is left out when another line of its group applies.
func formVaccinations(ch Chart) []FormVaccination {
	v := ch.Vaccination
	if v == nil || v.DS3025 == nil {
		return nil
	}
	doses := map[string]Dose{}
	for _, d := range ch.Doses {
		doses[d.ID] = d
	}
	applies := map[string]bool{}
	for _, l := range v.DS3025.Lines {
		if l.ReasonCode != ReasonNotAgeAppropriate {
			applies[l.VaccineGroup] = true
		}
	}
	var out []FormVaccination
	printed := map[string]bool{}
	for _, l := range v.DS3025.Lines {
		if applies[l.VaccineGroup] && l.ReasonCode == ReasonNotAgeAppropriate || !applies[l.VaccineGroup] && printed[l.VaccineGroup] {
			continue
		}
		printed[l.VaccineGroup] = true
		// Spaced slashes, as the form prints them: "DTP / DTaP / DT" finds the form's DTP row.
		fv := FormVaccination{Vaccine: strings.ReplaceAll(l.Vaccine, "/", " / "), Status: formStatus(l)}
		if fv.Status == "not_medically_appropriate" {
			fv.Reason = l.ReasonCode
			if u := l.Unavailable; u != nil {
				on := u.SetOn
				fv.UnavailableSince = &on
			}
		}
		for _, d := range l.Decisions {
			fv.Decisions = append(fv.Decisions, FormVaccineDecision{Kind: d.Kind, ReasonCode: d.ReasonCode, Text: DecisionText(d),
				RecordedBy: d.RecordedName, RecordedAt: d.RecordedAt.UTC()})
			if d.Immune() && l.Status == LineComplete && !l.GivenAtExam {
				fv.Status = "lab_immunity"
			}
		}
		for _, ld := range l.Doses {
			d := doses[ld.DoseID]
			fd := FormDose{Date: ld.Date, CVX: ld.CVX, Lot: d.Lot, Source: "record", MVX: d.MVX}
			if d.Origin == OriginClinic && d.AssessmentID == ch.Assessment.ID {
				fd.AtExam, fd.Source = true, "exam"
			}
			fv.Doses = append(fv.Doses, fd)
		}
		out = append(out, fv)
	}
	return out
}

// formStatus is the form's word for a line: a dose given at this exam shows as such even when
// the series goes on later; a dose still due at sign-off shows as not given.
func formStatus(l DS3025Line) string {
	switch {
	case l.GivenAtExam && l.Status != LineGiveToday:
		return "given_at_exam"
	case l.Status == LineComplete:
		return "complete"
	case l.Status == LineNotRequired:
		return "not_medically_appropriate"
	case l.Status == LineRefused:
		return "refused"
	}
	return "not_given"
}
