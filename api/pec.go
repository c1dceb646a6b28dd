package api

import (
	"time"

	"github.com/gin-gonic/gin"
	"github.com/mhac-clinic/mhac/clinic"
)

// pecRequest is the pre-embarkation check as sent. A client that sends only "fit" (true or
// false) gets the outcome fit or not fit; "outcome" says it in full.
type pecRequest struct {
	Version           int              `json:"version"`
	FlightNumber      string           `json:"flight_number"`
	TempC             float64          `json:"temperature_c"`
	Pulse             int              `json:"pulse"`
	RespiratoryRate   int              `json:"respiratory_rate"`
	SystolicBP        int              `json:"systolic_bp"`
	DiastolicBP       int              `json:"diastolic_bp"`
	SpO2              int              `json:"spo2"`
	Symptoms          bool             `json:"symptoms"`
	SymptomAnswers    []pecSymptomJSON `json:"symptom_answers"`
	PregnancyWeeks    *int             `json:"pregnancy_weeks"`
	PregnancyMultiple bool             `json:"pregnancy_multiple"`
	NewConditions     string           `json:"new_conditions"`
	NewMedicines      string           `json:"new_medicines"`
	Outcome           string           `json:"outcome"`
	Fit               bool             `json:"fit"`
	NotFitReason      string           `json:"not_fit_reason"`
	RecheckDate       string           `json:"recheck_date"` // YYYY-MM-DD
	TravelNeeds       travelNeedsJSON  `json:"travel_needs"`
	Remarks           string           `json:"remarks"`
}

type pecSymptomJSON struct {
	Code    string `json:"code"`
	Present bool   `json:"present"`
	Details string `json:"details"`
}

type travelNeedsJSON struct {
	Escort     string  `json:"escort"`     // who escorts the passenger; "" when none
	Wheelchair string  `json:"wheelchair"` // IATA code; "" when none
	Stretcher  bool    `json:"stretcher"`
	OxygenLPM  float64 `json:"oxygen_lpm"` // litres per minute; 0 when none
	Other      string  `json:"other"`
}

type pecJSON struct {
	FlightNumber      string           `json:"flight_number"`
	DepartureDate     *string          `json:"departure_date"`
	TempC             float64          `json:"temperature_c"`
	Pulse             int              `json:"pulse"`
	RespiratoryRate   int              `json:"respiratory_rate"`
	SystolicBP        int              `json:"systolic_bp"`
	DiastolicBP       int              `json:"diastolic_bp"`
	SpO2              int              `json:"spo2"`
	Symptoms          bool             `json:"symptoms"`
	SymptomAnswers    []pecSymptomJSON `json:"symptom_answers"`
	PregnancyWeeks    *int             `json:"pregnancy_weeks"`
	PregnancyMultiple bool             `json:"pregnancy_multiple"`
	PregnancyLimit    *string          `json:"pregnancy_limit"` // the airline limit applied, with its source
	NewConditions     string           `json:"new_conditions"`
	NewMedicines      string           `json:"new_medicines"`
	Outcome           string           `json:"outcome"`
	OutcomeLabel      string           `json:"outcome_label"`
	Fit               bool             `json:"fit"`
	NotFitReason      string           `json:"not_fit_reason"`
	RecheckDate       *string          `json:"recheck_date"`
	TravelNeeds       travelNeedsJSON  `json:"travel_needs"`
	TravelNeedLabels  []string         `json:"travel_need_labels"`
	Medif             bool             `json:"medif"` // the check issued a MEDIF
	Remarks           string           `json:"remarks"`
	By                string           `json:"by"`
	At                time.Time        `json:"at"`
}

func (s *Server) postPEC(c *gin.Context) {
	var req pecRequest
	write(s, c, &req, &req.Version, func(v int) (clinic.Chart, error) {
		var p clinic.Problems
		pec := clinic.PEC{FlightNumber: req.FlightNumber, TempC: req.TempC, Pulse: req.Pulse, RespiratoryRate: req.RespiratoryRate,
			SystolicBP: req.SystolicBP, DiastolicBP: req.DiastolicBP, SpO2: req.SpO2, Symptoms: req.Symptoms,
			PregnancyWeeks: req.PregnancyWeeks, PregnancyMultiple: req.PregnancyMultiple, NewConditions: req.NewConditions,
			NewMedicines: req.NewMedicines, Outcome: clinic.PECOutcome(req.Outcome), Fit: req.Fit, NotFitReason: req.NotFitReason,
			Remarks: req.Remarks, Needs: clinic.TravelNeeds{Escort: req.TravelNeeds.Escort, Wheelchair: req.TravelNeeds.Wheelchair,
				Stretcher: req.TravelNeeds.Stretcher, OxygenLPM: req.TravelNeeds.OxygenLPM, Other: req.TravelNeeds.Other}}
		for _, a := range req.SymptomAnswers {
			pec.SymptomAnswers = append(pec.SymptomAnswers, clinic.PECSymptom{Code: a.Code, Present: a.Present, Details: a.Details})
		}
		if d := dateField(&p, "recheck_date", req.RecheckDate); !d.IsZero() {
			pec.RecheckDate = &d
		}
		if err := p.Err(); err != nil {
			return clinic.Chart{}, err
		}
		return s.svc.RecordPEC(c.Request.Context(), actor(c), c.Param("id"), v, pec)
	})
}

func toPECJSON(p clinic.PEC) *pecJSON {
	n := p.Needs
	j := &pecJSON{FlightNumber: p.FlightNumber, DepartureDate: dateString(p.DepartureDate), TempC: p.TempC, Pulse: p.Pulse,
		RespiratoryRate: p.RespiratoryRate, SystolicBP: p.SystolicBP, DiastolicBP: p.DiastolicBP, SpO2: p.SpO2,
		Symptoms: p.Symptoms, SymptomAnswers: []pecSymptomJSON{}, PregnancyWeeks: p.PregnancyWeeks,
		PregnancyMultiple: p.PregnancyMultiple, NewConditions: p.NewConditions, NewMedicines: p.NewMedicines,
		Outcome: string(p.Outcome), OutcomeLabel: p.Outcome.Label(), Fit: p.Fit, NotFitReason: p.NotFitReason,
		RecheckDate: dateString(p.RecheckDate), TravelNeeds: travelNeedsJSON{Escort: n.Escort, Wheelchair: n.Wheelchair,
			Stretcher: n.Stretcher, OxygenLPM: n.OxygenLPM, Other: n.Other},
		TravelNeedLabels: nonNil(n.Lines()), Medif: clinic.NeedsMEDIF(p), Remarks: p.Remarks, By: p.ByName, At: p.At}
	if p.Outcome == "" { // recorded before the outcome had three values
		j.Outcome = string(clinic.PECNotFit)
		if p.Fit {
			j.Outcome = string(clinic.PECFit)
		}
		j.OutcomeLabel = clinic.PECOutcome(j.Outcome).Label()
	}
	for _, a := range p.SymptomAnswers {
		j.SymptomAnswers = append(j.SymptomAnswers, pecSymptomJSON{Code: a.Code, Present: a.Present, Details: a.Details})
	}
	if f := clinic.BuildPECForm(p); f.PregnancyLimit != "" {
		j.PregnancyLimit = &f.PregnancyLimit
	}
	return j
}
