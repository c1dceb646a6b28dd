package pdf

import (
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

// usRefugeeAssisted is a US refugee found fit with assistance at the pre-embarkation check: a
// wheelchair (WCHC), oxygen at 2 L/min and a nurse escort, 24 weeks pregnant, so the check issues a MEDIF.
func usRefugeeAssisted() clinic.FormSnapshot {
	s := base("snap-us-3", clinic.FormApplicant{
		Surnames: "Nyirahabimana", GivenNames: "Espérance", BirthDate: day(1996, 3, 8), Sex: "female",
		Nationality: "CD", CountryOfBirth: "CD", DocumentType: "refugee_travel_document", DocumentNumber: "RTD-448120",
		CaseNumber: "RW-2026-4471", FileNumber: "A-204-771-903", Photo: samplePhoto(false), PhotoType: "image/jpeg",
	}, "US", "refugee", day(2027, 2, 2))
	s.Forms = []string{"DS-2054", "PEC", clinic.FormMEDIF}
	s.Vitals = clinic.FormVitals{HeightCm: 156, WeightKg: 58.5, Systolic: 118, Diastolic: 72, Pulse: 84, Pregnant: true}
	s.Outcomes = []clinic.FormOutcome{{Code: "no_class", Text: "Severe asthma; recovering from an exacerbation in February 2027."}}
	s.Physician = clinic.FormPhysician{Name: "Dr Jean-Paul Habimana", RegistrationID: "IOM-PP-0178"}
	s.SignedAt = time.Date(2027, 2, 4, 10, 0, 0, 0, time.UTC)
	s.PEC = &clinic.FormPEC{
		CheckedAt: time.Date(2027, 3, 10, 7, 30, 0, 0, time.UTC), FlightNumber: "RWA9B", DepartureDate: day(2027, 3, 11),
		TempC: 36.8, FitToTravel: true, Examiner: "Nurse Solange Uwera", Outcome: string(clinic.PECFitWithAssistance),
		Pulse: 88, RespiratoryRate: 22, SystolicBP: 130, DiastolicBP: 80, SpO2: 90,
		PregnancyWeeks: 24, PregnancyLimit: "single pregnancy to the end of week 36, multiple to the end of week 32; a statement of the weeks from week 28 (IATA Medical Manual, 12th edition (2020))",
		NewConditions: "Asthma exacerbation on 2027-02-20; ankle sprain on 2027-03-01.", NewMedicines: "Salbutamol inhaler as needed; prednisolone 30 mg for 5 days.",
		Remarks: "Oxygen concentrator approved by the airline; escort carries the prescription.",
		Needs:   &clinic.FormTravelNeeds{Escort: "IOM nurse escort", Wheelchair: "WCHC", OxygenLPM: 2, Other: "Seat near a lavatory"},
	}
	for _, q := range clinic.SymptomQuestions {
		s.PEC.Symptoms = append(s.PEC.Symptoms, clinic.FormSymptom{Code: q.Code, Label: q.Label})
	}
	s.PEC.Symptoms[1].Present, s.PEC.Symptoms[1].Details = true, "chronic, unchanged"
	s.PEC.TravelNeeds = []string{"Medical escort: IOM nurse escort", "Wheelchair " + clinic.WheelchairLabel("WCHC"), "Oxygen in flight: 2 L/min", "Other: Seat near a lavatory"}
	return s
}
