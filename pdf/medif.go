package pdf

import (
	"fmt"
	"strings"

	"github.com/mhac-clinic/mhac/clinic"
)

var medif = formSpec{
	id:    clinic.FormMEDIF,
	title: "Medical Information Form (MEDIF), Part 2: physician",
	basis: "Drawn after the IATA Medical Information Form (MEDIF), Part 2, items MEDA01–MEDA14 (IATA Medical Manual, annex); the airline's own MEDIF layout may differ. Only what the record holds is printed; an item the clinic does not record says so.",
	dates: dayMonthYear,
	draw:  drawMEDIF,
}

const notRecorded = "Not recorded"

func orNotRecorded(s string) string {
	if strings.TrimSpace(s) == "" {
		return notRecorded
	}
	return s
}

func drawMEDIF(d *doc) error {
	s := d.snap
	p := s.PEC
	if p == nil || p.Needs == nil {
		return fmt.Errorf("%w: form MEDIF needs a pre-embarkation check with travel needs and the snapshot has none", ErrMissingData)
	}
	n := p.Needs
	d.section("MEDA01 Patient")
	d.identity([]field{f1("Flight", p.FlightNumber), f1("Departure date", d.dates.date(p.DepartureDate))})

	d.section("MEDA02 Attending physician")
	d.row(fw("Signing physician", s.Physician.Name, 2), f1("Registration / panel id", s.Physician.RegistrationID),
		fw("Pre-embarkation check by", p.Examiner, 2))
	d.row(fw("Clinic", strings.Join(nonEmpty(s.Site.Name, cityCountry(s.Site)), ", "), 3), f1("Site", s.Site.Code))

	d.section("MEDA03 Medical data")
	var outcomes []string
	for _, o := range s.Outcomes {
		outcomes = append(outcomes, strings.TrimSpace(outcomeLabel(o.Code)+" "+o.Text))
	}
	d.textBox("Diagnosis (the physician's classification at the exam)", orNotRecorded(strings.Join(outcomes, "; ")))
	d.textBox("Conditions new since the exam (at the pre-embarkation check)", orNotRecorded(p.NewConditions))
	d.row(f1("Temperature", num(p.TempC, 1, "°C")), f1("Pulse", orNotRecorded(num(float64(p.Pulse), 0, "/min"))),
		f1("Blood pressure", orNotRecorded(pecBP(p))), f1("Respiratory rate", orNotRecorded(num(float64(p.RespiratoryRate), 0, "/min"))),
		f1("SpO2", orNotRecorded(num(float64(p.SpO2), 0, "%"))))
	d.row(fw("Vital signs taken", d.dates.dateTime(p.CheckedAt, d.loc), 2), fw("Date of first symptoms, of diagnosis, operation", notRecorded, 3))
	if p.PregnancyWeeks > 0 {
		d.row(f1("Pregnancy", fmt.Sprintf("%d weeks", p.PregnancyWeeks)), f1("Multiple pregnancy", yesNo(p.PregnancyMultiple)))
		if p.PregnancyLimit != "" {
			d.note("Airline limit applied: " + p.PregnancyLimit + ".")
		}
	}

	d.section("MEDA04–MEDA06 Prognosis, contagion, effect on other passengers")
	d.row(f1("MEDA04 Prognosis for the trip", notRecorded))
	var present []string
	for _, sy := range p.Symptoms {
		if sy.Present {
			present = append(present, strings.TrimSpace(sy.Label+" "+sy.Details))
		}
	}
	contagion := "No symptom of the questionnaire present at the check"
	if len(present) > 0 {
		contagion = "Present at the check: " + strings.Join(present, "; ")
	}
	d.textBox("MEDA05 Signs of communicable disease (the PEC's symptom questionnaire)", contagion)
	tb := "None"
	if s.TBClass != "" {
		tb = outcomeLabel(s.TBClass)
	}
	d.row(fw("TB classification", tb, 2), fw("MEDA06 Likely to cause distress to other passengers", notRecorded, 2))

	d.section("MEDA07–MEDA12 Needs in flight")
	seat := notRecorded
	if n.Stretcher {
		seat = "No: travels on a stretcher"
	}
	d.row(fw("MEDA07 Can use a normal seat, upright when required", seat, 2), fw("MEDA08 Can take care of own needs on board", notRecorded, 2))
	d.row(fw("MEDA09 Escort", orNotRecorded(n.Escort), 2), fw("Wheelchair (IATA)", orNotRecorded(wheelchair(n.Wheelchair)), 2))
	oxygen := "No"
	if n.OxygenLPM > 0 {
		oxygen = fmt.Sprintf("Yes: %s litres per minute", strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", n.OxygenLPM), "0"), "."))
	}
	d.row(fw("MEDA10 Oxygen in flight", oxygen, 2), f1("Stretcher", yesNo(n.Stretcher)), f1("MEDA12 Hospitalisation on arrival", notRecorded))
	d.textBox("MEDA11 Medication or special apparatus (medicines new since the exam)", orNotRecorded(p.NewMedicines))

	d.section("MEDA13–MEDA14 Other remarks and arrangements")
	d.textBox("MEDA13 Other needs", orNotRecorded(n.Other))
	d.textBox("MEDA14 Remarks of the pre-embarkation check", orNotRecorded(p.Remarks))
	d.row(fw("Outcome of the pre-embarkation check", pecOutcome(p), 3))
	d.signoff("Physician")
	return nil
}

func wheelchair(code string) string {
	if code == "" {
		return ""
	}
	return clinic.WheelchairLabel(code)
}

func pecBP(p *clinic.FormPEC) string {
	if p.SystolicBP == 0 && p.DiastolicBP == 0 {
		return ""
	}
	return fmt.Sprintf("%d/%d mmHg", p.SystolicBP, p.DiastolicBP)
}

// pecOutcome is the check's outcome in words; a snapshot of the first PEC has only fit or not.
func pecOutcome(p *clinic.FormPEC) string {
	if p.Outcome != "" {
		return clinic.PECOutcome(p.Outcome).Label()
	}
	if p.FitToTravel {
		return clinic.PECFit.Label()
	}
	return clinic.PECNotFit.Label()
}
