package pdf

import (
	"fmt"
	"strings"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

var pec = formSpec{
	id:    "PEC",
	title: "Pre-embarkation Check and Fitness-to-Travel Certificate",
	basis: "Drawn after the IOM pre-embarkation check (24–72 hours before departure) as described by CDC and IOM; no official layout is public.",
	dates: dayMonthYear,
	draw:  drawPEC,
}

func drawPEC(d *doc) error {
	s := d.snap
	p := s.PEC
	if p == nil {
		return fmt.Errorf("%w: form PEC needs a pre-embarkation check and the snapshot has none", ErrMissingData)
	}
	d.section("1. Identity and movement")
	d.identity([]field{f1("Destination", s.Destination), f1("Programme", programLabel(s.Program))})
	d.row(f1("Flight", p.FlightNumber), f1("Departure date", d.dates.date(p.DepartureDate)),
		fw("PEC done at", d.dates.dateTime(p.CheckedAt, d.loc), 1.4), f1("Site", s.Site.Code))
	if !p.DepartureDate.IsZero() && !p.CheckedAt.IsZero() {
		// The departure is a calendar date, so count calendar days from the check's local date.
		local := p.CheckedAt.In(d.loc)
		checked := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, time.UTC)
		days := int(p.DepartureDate.Sub(checked).Hours() / 24)
		d.note(fmt.Sprintf("Checked %d day(s) before the departure date; the check is due 24 to 72 hours before departure.", days))
	}

	d.section("2. Vital signs")
	v := s.Vitals
	d.row(f1("Temperature at PEC", num(p.TempC, 1, "°C")), f1("Weight (exam)", num(v.WeightKg, 1, "kg")),
		f1("Blood pressure (exam)", bloodPressure(v)), f1("Pulse (exam)", num(float64(v.Pulse), 0, "/min")))
	if p.Outcome != "" { // the extended check measures at the PEC itself
		d.row(f1("Pulse at PEC", orNotRecorded(num(float64(p.Pulse), 0, "/min"))), f1("Blood pressure at PEC", orNotRecorded(pecBP(p))),
			f1("Respiratory rate at PEC", orNotRecorded(num(float64(p.RespiratoryRate), 0, "/min"))), f1("SpO2 at PEC", orNotRecorded(num(float64(p.SpO2), 0, "%"))))
	}

	d.section("3. Symptom screen")
	var rows [][]string
	for _, sy := range p.Symptoms {
		rows = append(rows, []string{sy.Label, yesNo(sy.Present), sy.Details})
	}
	if len(rows) == 0 {
		d.note("No symptom screen recorded.")
	} else {
		d.table([]column{{"Symptom", 5}, {"Present", 1.2}, {"Details", 5}}, rows)
	}

	d.section("4. Status checks")
	tb := "None"
	if s.TBClass != "" {
		tb = outcomeLabel(s.TBClass)
	}
	d.row(fw("TB classification", tb, 2), f1("Pregnancy", pregnancy(s)), f1("Medical exam date", d.dates.date(s.ExamDate)))
	if p.PregnancyWeeks > 0 {
		d.row(f1("Pregnancy at PEC", fmt.Sprintf("%d weeks", p.PregnancyWeeks)), f1("Multiple pregnancy", yesNo(p.PregnancyMultiple)))
		if p.PregnancyLimit != "" {
			d.note("Airline limit applied: " + p.PregnancyLimit + ".")
		}
	}
	if p.Outcome != "" {
		d.textBox("New conditions since the exam", orNotRecorded(p.NewConditions))
		d.textBox("New medicines since the exam", orNotRecorded(p.NewMedicines))
	}
	var treatments []string
	for _, t := range s.Treatments {
		treatments = append(treatments, d.treatmentLine(t))
	}
	if len(treatments) > 0 {
		d.textBox("Presumptive treatment (as recorded)", strings.Join(treatments, " "))
	}

	d.section("5. Outcome")
	out := clinic.PECOutcome(p.Outcome)
	if out == "" {
		out = clinic.PECNotFit
		if p.FitToTravel {
			out = clinic.PECFit
		}
	}
	d.checks(3,
		choice{clinic.PECFit.Label(), out == clinic.PECFit},
		choice{clinic.PECFitWithAssistance.Label(), out == clinic.PECFitWithAssistance},
		choice{"Not fit to travel: departure postponed", out == clinic.PECNotFit},
	)
	if out == clinic.PECNotFit && p.Outcome != "" {
		recheck := notRecorded
		if p.RecheckDate != nil {
			recheck = d.dates.date(*p.RecheckDate)
		}
		d.row(fw("Reason not fit", p.NotFitReason, 3), f1("Re-check on", recheck))
	}
	d.textBox("Remarks", p.Remarks)

	d.section("6. Travel requirements")
	if len(p.TravelNeeds) == 0 {
		d.note("None.")
	}
	for _, n := range p.TravelNeeds {
		d.checks(1, choice{n, true})
	}

	d.section("7. Examiner")
	d.row(fw("Pre-embarkation check done by", p.Examiner, 2), f1("Valid for flight", p.FlightNumber))
	d.signoff("8. Clearing physician")
	return nil
}
