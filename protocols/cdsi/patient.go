package cdsi

import "time"

// Evaluation statuses of a dose, as the specification spells them.
const (
	StatusValid       = "Valid"
	StatusNotValid    = "Not Valid"
	StatusExtraneous  = "Extraneous"
	StatusSubstandard = "Sub-standard"
)

// Patient series and vaccine group statuses, as the specification spells them.
const (
	SeriesNotComplete     = "Not Complete"
	SeriesComplete        = "Complete"
	SeriesImmune          = "Immune"
	SeriesAgedOut         = "Aged Out"
	SeriesNotRecommended  = "Not Recommended"
	SeriesContraindicated = "Contraindicated"
)

// Patient is what the engine needs to know about the person and their history.
type Patient struct {
	DOB time.Time
	// Gender is "F", "M" or anything else for unknown (also "Female", "Male", "Unknown").
	Gender string
	// BirthCountry matters only for birth-date immunity rules that name a country (US-born
	// before 1980 for varicella). Empty means not known.
	BirthCountry string
	Doses        []Dose
	Observations []PatientObservation
}

// Dose is one vaccine dose administered.
type Dose struct {
	Date time.Time
	CVX  string
	MVX  string
}

// PatientObservation is a coded observation (CDSi observation code, e.g. "007" pregnant).
// Date is when it began, when known; it is only used by intervals measured from an observation.
type PatientObservation struct {
	Code string
	Date time.Time
}

// Result is the engine's answer: each dose's evaluations and each vaccine group's forecast.
type Result struct {
	Doses  []DoseResult
	Groups []GroupForecast
}

// DoseResult is one dose given, in the order of Patient.Doses, with one evaluation per antigen
// the vaccine carries.
type DoseResult struct {
	Dose        Dose
	Evaluations []DoseEvaluation
}

// DoseEvaluation is the verdict on one antigen of one dose, in the best series for the antigen.
type DoseEvaluation struct {
	VaccineGroup string
	Antigen      string
	Series       string
	// DoseNumber is the target dose the dose was evaluated against ("" when extraneous).
	DoseNumber string
	Status     string
	Reason     string
}

// GroupForecast is the forecast for one vaccine group.
type GroupForecast struct {
	Name   string
	Status string
	// DoseNumber is the next dose to give; empty when no dose is due.
	DoseNumber string
	// Dates that do not apply are nil.
	Earliest, Recommended, PastDue, Latest *time.Time
	Reasons                                []string
	// SeriesType is Standard or Risk: the kind of best series the forecast comes from.
	SeriesType string
	// Vaccines are the recommended vaccine types (CVX) for the next dose, when the data says.
	Vaccines []string
	Antigens []AntigenForecast
}

// AntigenForecast is the forecast of one antigen's best series, part of a group forecast.
type AntigenForecast struct {
	Antigen    string
	Series     string
	SeriesType string
	Status     string
	DoseNumber string
	Earliest   *time.Time
	Reason     string
}
