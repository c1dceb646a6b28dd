package cdsi

import "time"

// Data is the whole of CDC's supporting data, parsed and ready for the engine. It is read-only
// once loaded, so one Data may serve many goroutines.
type Data struct {
	// Version names the release ("4.64 (508)"); Load leaves it empty, the caller knows it.
	Version      string
	Antigens     map[string]*Antigen
	Groups       []*VaccineGroup // in the order of ScheduleSupportingData.xml
	groupByName  map[string]*VaccineGroup
	CVX          map[string]*CVXEntry
	Conflicts    []Conflict
	Observations map[string]Observation
	// conflictsTo indexes Conflicts by the current (impacted) CVX.
	conflictsTo map[string][]Conflict
}

// VaccineGroup is a family of antigens forecast together (MMR, DTaP/Tdap/Td, ...).
type VaccineGroup struct {
	Name string
	// FullGroup is "administer full vaccine group": Yes, No, or empty when it does not apply.
	FullGroup string
	Antigens  []string
}

// CVXEntry is one vaccine code with the antigens it carries.
type CVXEntry struct {
	CVX          string
	Description  string
	Associations []Association
}

// Association ties a CVX to an antigen, for doses given between the two ages.
type Association struct {
	Antigen          string
	BeginAge, EndAge Span
}

// Conflict is a live-virus conflict: a dose of Current given within the window after a dose of
// Previous is not valid.
type Conflict struct {
	PreviousCVX, CurrentCVX string
	Begin, MinEnd, End      Span
}

// Observation is a coded patient observation (condition, history, contraindication).
type Observation struct {
	Code, Title, Group, IndicationText, ContraindicationText string
}

// Antigen holds one antigen's immunity rules, contraindications and series.
type Antigen struct {
	Name          string
	Immunity      Immunity
	GroupContras  []Contraindication
	VaccineContra []VaccineContraindication
	Series        []*Series
}

// Immunity is the evidence that makes vaccination unnecessary.
type Immunity struct {
	ClinicalCodes []string
	BirthDates    []BirthImmunity
}

// BirthImmunity: born before Before (in Country, when given) and none of the exclusions.
type BirthImmunity struct {
	Before     time.Time
	Country    string
	Exclusions []string
}

// Contraindication applies to the whole antigen for patients with the observation.
type Contraindication struct {
	Code, Title, Text string
	BeginAge, EndAge  Span
}

// VaccineContraindication rules out single vaccines for patients with the observation.
type VaccineContraindication struct {
	Code, Title, Text string
	Vaccines          []ContraVaccine
}

// ContraVaccine is one contraindicated CVX, optionally limited to an age window.
type ContraVaccine struct {
	CVX              string
	BeginAge, EndAge Span
}

// Series is one antigen series: a path to immunity.
type Series struct {
	Name, TargetDisease, VaccineGroup string
	Type                              string // Standard, Risk or Evaluation Only
	Guidance                          []string
	EquivalentGroups                  []string
	Genders                           []string
	Default, ProductPath              bool
	GroupName, Group                  string
	Priority                          string
	Preference                        int
	MinAgeToStart, MaxAgeToStart      Span
	Indications                       []Indication
	Doses                             []*SeriesDose
}

// Indication makes a risk series relevant to patients with the observation in the age window.
type Indication struct {
	Code, Text, Description, Guidance string
	BeginAge, EndAge                  Span
}

// SeriesDose is one target dose of a series.
type SeriesDose struct {
	Number      string
	Ages        []AgeRule
	Intervals   []Interval
	Allowables  []Interval
	Preferable  []VaccineRule
	Allowable   []VaccineRule
	Inadvertent []string
	Skips       []ConditionalSkip
	Recurring   bool
	Season      *Season
}

// AgeRule gives the age limits of a target dose, in force between Effective and Cessation.
type AgeRule struct {
	AbsMin, Min, EarliestRec, LatestRec, Max Span
	Effective, Cessation                     time.Time
}

// Interval is a preferable or allowable interval, measured from one reference dose.
type Interval struct {
	FromPrevious   bool
	FromTargetDose int      // 1-based; 0 when not used
	FromMostRecent []string // CVX codes
	FromObsCode    string
	AbsMin, Min    Span
	EarliestRec    Span
	LatestRec      Span
	Priority       bool // interval priority flag ("override")
	Effective      time.Time
	Cessation      time.Time
}

// VaccineRule is a preferable or allowable vaccine for a target dose.
type VaccineRule struct {
	Type, CVX, TradeName, MVX string
	BeginAge, EndAge          Span
	Volume                    string
	Forecast                  bool
}

// ConditionalSkip lets a target dose be skipped when its sets of conditions are met.
type ConditionalSkip struct {
	Context  string // Evaluation, Forecast or Both
	SetLogic string // AND or OR (n/a with one set)
	Sets     []SkipSet
}

// SkipSet is one set of conditions joined by Logic.
type SkipSet struct {
	ID, Description      string
	Logic                string
	Effective, Cessation time.Time
	Conditions           []SkipCondition
}

// SkipCondition is one condition of a conditional skip set.
type SkipCondition struct {
	Type               string // normalised: age, completed series, interval, vaccine count by age/date
	StartDate, EndDate time.Time
	BeginAge, EndAge   Span
	Interval           Span
	DoseCount          int
	DoseType           string // valid or total
	CountLogic         string // greater than, equal to, less than
	VaccineTypes       []string
	SeriesGroups       []string
}

// Season is a seasonal recommendation window (influenza).
type Season struct {
	Start, End time.Time
}
