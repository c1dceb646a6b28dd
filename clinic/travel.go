package clinic

import (
	"fmt"
	"strings"
)

// PECOutcome is the pre-embarkation check's answer to "may this person fly?".
type PECOutcome string

// The outcomes of a pre-embarkation check.
const (
	PECFit               PECOutcome = "fit"
	PECFitWithAssistance PECOutcome = "fit_with_assistance"
	PECNotFit            PECOutcome = "not_fit"
)

// Label is the outcome in plain words.
func (o PECOutcome) Label() string {
	switch o {
	case PECFit:
		return "Fit to travel"
	case PECFitWithAssistance:
		return "Fit to travel with assistance"
	case PECNotFit:
		return "Not fit to travel"
	}
	return "not recorded"
}

// Wheelchair codes of the IATA special service requests (SSR).
var wheelchairCodes = map[string]string{
	"WCHR": "can walk stairs and to the seat; wheelchair for long distances (ramp)",
	"WCHS": "cannot walk stairs; can walk to the seat",
	"WCHC": "immobile; carried to the seat",
}

// WheelchairLabel is the IATA code with its meaning, e.g. "WCHC (immobile; carried to the seat)".
func WheelchairLabel(code string) string {
	if m, ok := wheelchairCodes[code]; ok {
		return code + " (" + m + ")"
	}
	return code
}

// TravelNeeds is the assistance a passenger needs on the journey, as the PEC found it.
type TravelNeeds struct {
	Escort     string  // who escorts the passenger medically (e.g. "nurse"); "" when none
	Wheelchair string  // WCHR | WCHS | WCHC; "" when none
	Stretcher  bool    // travels on a stretcher
	OxygenLPM  float64 // oxygen in flight, litres per minute; 0 when none
	Other      string  // any other need, in words
}

// Any says whether the passenger needs any assistance.
func (n TravelNeeds) Any() bool {
	return n.Escort != "" || n.Wheelchair != "" || n.Stretcher || n.OxygenLPM > 0 || n.Other != ""
}

// Lines are the needs in plain words, one per need, in a fixed order.
func (n TravelNeeds) Lines() []string {
	var out []string
	if n.Escort != "" {
		out = append(out, "Medical escort: "+n.Escort)
	}
	if n.Wheelchair != "" {
		out = append(out, "Wheelchair "+WheelchairLabel(n.Wheelchair))
	}
	if n.Stretcher {
		out = append(out, "Stretcher")
	}
	if n.OxygenLPM > 0 {
		out = append(out, fmt.Sprintf("Oxygen in flight: %s L/min", trimFloat(n.OxygenLPM)))
	}
	if n.Other != "" {
		out = append(out, "Other: "+n.Other)
	}
	return out
}

func (n *TravelNeeds) check(p *Problems) {
	n.Escort, n.Other = strings.TrimSpace(n.Escort), strings.TrimSpace(n.Other)
	n.Wheelchair = strings.ToUpper(strings.TrimSpace(n.Wheelchair))
	if _, ok := wheelchairCodes[n.Wheelchair]; n.Wheelchair != "" && !ok {
		p.Add("travel_needs.wheelchair", "invalid", "Choose the wheelchair need as an IATA code: WCHR, WCHS or WCHC.")
	}
	if n.OxygenLPM < 0 || n.OxygenLPM > 15 {
		p.Add("travel_needs.oxygen_lpm", "out_of_range", "Enter the oxygen flow from 0 to 15 litres per minute.")
	}
	if len(n.Escort) > 200 {
		p.Add("travel_needs.escort", "too_long", "Say who escorts the passenger in at most 200 characters.")
	}
	if len(n.Other) > 500 {
		p.Add("travel_needs.other", "too_long", "Other needs have at most 500 characters.")
	}
}

// PregnancyLimit is an airline limit on flying in pregnancy, with where it comes from.
type PregnancyLimit struct {
	CertificateFromWeek int // from this week a medical statement of the weeks is asked
	SingleMaxWeek       int // the last week of an uncomplicated single pregnancy accepted
	MultipleMaxWeek     int // the last week of an uncomplicated multiple pregnancy accepted
	Source              string
}

// MaxWeek is the last week accepted for a single or a multiple pregnancy.
func (l PregnancyLimit) MaxWeek(multiple bool) int {
	if multiple {
		return l.MultipleMaxWeek
	}
	return l.SingleMaxWeek
}

// TravelLimiter is implemented by an Assessor that also knows the airlines' limits (data files
// with their sources); without it the PEC records pregnancy weeks without checking a limit.
type TravelLimiter interface {
	PregnancyLimit() (PregnancyLimit, error)
}

// SymptomQuestions are the PEC's symptom questionnaire, in the order the form prints them.
var SymptomQuestions = []struct{ Code, Label string }{
	{"fever", "Fever"},
	{"cough", "Cough"},
	{"rash", "Rash"},
	{"diarrhoea", "Diarrhoea"},
	{"sick_contact", "Contact with a sick person"},
}

// PECSymptom is one answer of the symptom questionnaire.
type PECSymptom struct {
	Code    string
	Present bool
	Details string
}

func trimFloat(f float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", f), "0"), ".")
}
