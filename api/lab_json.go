package api

import (
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

// labOrderJSON is one lab order: the step, the test, and why (the rule and its source).
type labOrderJSON struct {
	ID        string     `json:"id"`
	Step      string     `json:"step"`
	StepLabel string     `json:"step_label"`
	Test      string     `json:"test"`
	Specimen  string     `json:"specimen"`
	Rule      string     `json:"rule"`
	Reason    string     `json:"reason"`
	Source    sourceJSON `json:"source"`
	OrderedBy string     `json:"ordered_by"` // the person whose change made the rule apply
	OrderedAt time.Time  `json:"ordered_at"`
	Status    string     `json:"status"` // open | collected | in_lab | resulted | cancelled
	Specimens int        `json:"specimens"`
}

type specimenJSON struct {
	ID           string     `json:"id"`
	Accession    string     `json:"accession"`
	AssessmentID string     `json:"assessment_id"`
	Type         string     `json:"type"`
	OrderIDs     []string   `json:"order_ids"`
	Tests        []string   `json:"tests"`
	Seq          int        `json:"seq"`
	EarlyMorning bool       `json:"early_morning"`
	Observed     bool       `json:"observed"`
	CollectedAt  time.Time  `json:"collected_at"`
	CollectedBy  string     `json:"collected_by"`
	Status       string     `json:"status"` // collected | received | rejected
	ReceivedAt   *time.Time `json:"received_at"`
	RejectReason string     `json:"reject_reason,omitempty"`
	RejectNote   string     `json:"reject_note,omitempty"`
	RejectedAt   *time.Time `json:"rejected_at,omitempty"`
	Replaces     string     `json:"replaces,omitempty"`
	Version      int        `json:"version"`
}

type labValueJSON struct {
	Code     string   `json:"code"`
	Name     string   `json:"name"`
	LOINC    string   `json:"loinc"` // "" when none is recorded
	Unit     string   `json:"unit"`
	Text     string   `json:"text,omitempty"`
	Number   *float64 `json:"number,omitempty"`
	Computed bool     `json:"computed"`
	Flag     string   `json:"flag"`
	Range    string   `json:"range"`
}

type labResultJSON struct {
	ID           string         `json:"id"`
	AssessmentID string         `json:"assessment_id"`
	Accession    string         `json:"accession"`
	Test         string         `json:"test"`
	Step         string         `json:"step"`
	Components   []labValueJSON `json:"components"`
	Value        string         `json:"value"` // "" while a reactive screen awaits confirmation
	Flag         string         `json:"flag"`  // normal | low | high | abnormal | critical
	RecordedBy   string         `json:"recorded_by"`
	RecordedAt   time.Time      `json:"recorded_at"`
	Amends       string         `json:"amends,omitempty"`
	AmendReason  string         `json:"amend_reason,omitempty"`
	Superseded   bool           `json:"superseded"`
	AckBy        string         `json:"acknowledged_by,omitempty"`
	AckAt        *time.Time     `json:"acknowledged_at,omitempty"`
}

type labRecordJSON struct {
	Orders    []labOrderJSON  `json:"orders"`
	Specimens []specimenJSON  `json:"specimens"`
	Results   []labResultJSON `json:"results"`
	Critical  []labResultJSON `json:"critical"` // unacknowledged critical results: the chart's banner
}

type labWorkItemJSON struct {
	Order        labOrderJSON   `json:"order"`
	AssessmentID string         `json:"assessment_id"`
	ApplicantID  string         `json:"applicant_id"`
	Name         string         `json:"name"`
	BirthDate    string         `json:"birth_date"`
	Estimated    bool           `json:"birth_date_estimated"`
	Sex          string         `json:"sex"`
	HasPhoto     bool           `json:"has_photo"`  // GET /api/applicants/:id/photo
	WithNurse    bool           `json:"with_nurse"` // history or vitals not recorded yet
	Specimens    []specimenJSON `json:"specimens"`
	ReadingFrom  *time.Time     `json:"reading_from,omitempty"`
	ReadingUntil *time.Time     `json:"reading_until,omitempty"`
	ExpectedBy   *time.Time     `json:"expected_by,omitempty"`
	Overdue      bool           `json:"overdue"`
}

type labTestJSON struct {
	Code       string             `json:"code"`
	Step       string             `json:"step"`
	Name       string             `json:"name"`
	LOINC      string             `json:"loinc"`
	Specimen   string             `json:"specimen"`
	Specimens  int                `json:"specimens"`
	Components []labComponentJSON `json:"components"`
}

type labComponentJSON struct {
	Code     string   `json:"code"`
	Name     string   `json:"name"`
	LOINC    string   `json:"loinc"`
	Unit     string   `json:"unit"`
	Choices  []string `json:"choices"`
	Min      float64  `json:"min"`
	Max      float64  `json:"max"`
	Computed bool     `json:"computed"`
	Optional bool     `json:"optional"`
}

type labCatalogJSON struct {
	Edition string        `json:"edition"`
	Sources []sourceJSON  `json:"sources"`
	Tests   []labTestJSON `json:"tests"`
}

func toLabOrderJSON(o clinic.LabOrder, specimens int) labOrderJSON {
	return labOrderJSON{ID: o.ID, Step: o.Step, StepLabel: clinic.StepLabel(o.Step), Test: o.Test, Specimen: o.Specimen, Rule: o.Rule,
		Reason: o.Reason, Source: sourceJSON(o.Source), OrderedBy: o.OrderedName, OrderedAt: o.OrderedAt, Status: o.Status, Specimens: specimens}
}

func toSpecimenJSON(sp clinic.Specimen) specimenJSON {
	return specimenJSON{ID: sp.ID, Accession: sp.Accession, AssessmentID: sp.AssessmentID, Type: sp.Type, OrderIDs: nonNil(sp.OrderIDs),
		Tests: nonNil(sp.Tests), Seq: sp.Seq, EarlyMorning: sp.EarlyMorning, Observed: sp.Observed, CollectedAt: sp.CollectedAt,
		CollectedBy: sp.CollectedName, Status: sp.Status, ReceivedAt: sp.ReceivedAt, RejectReason: sp.RejectReason,
		RejectNote: sp.RejectNote, RejectedAt: sp.RejectedAt, Replaces: sp.Replaces, Version: sp.Version}
}

func toSpecimensJSON(sps []clinic.Specimen) []specimenJSON {
	out := make([]specimenJSON, len(sps))
	for i, sp := range sps {
		out[i] = toSpecimenJSON(sp)
	}
	return out
}

func toLabResultJSON(r clinic.LabResult) labResultJSON {
	out := labResultJSON{ID: r.ID, AssessmentID: r.AssessmentID, Accession: r.Accession, Test: r.Test, Step: r.Step, Value: r.Value,
		Flag: r.Flag, RecordedBy: r.RecordedName, RecordedAt: r.RecordedAt, Amends: r.Amends, AmendReason: r.AmendReason,
		Superseded: r.Superseded, AckBy: r.AckName, AckAt: r.AckAt, Components: []labValueJSON{}}
	for _, v := range r.Components {
		out.Components = append(out.Components, labValueJSON{Code: v.Code, Name: v.Name, LOINC: v.LOINC, Unit: v.Unit, Text: v.Text,
			Number: v.Number, Computed: v.Computed, Flag: v.Flag, Range: v.Range})
	}
	return out
}

func toLabResultsJSON(rs []clinic.LabResult) []labResultJSON {
	out := make([]labResultJSON, len(rs))
	for i, r := range rs {
		out[i] = toLabResultJSON(r)
	}
	return out
}

func toLabWorkItemJSON(it clinic.LabWorkItem) labWorkItemJSON {
	n := 0
	for _, sp := range it.Specimens {
		if sp.Status != clinic.SpecimenRejected {
			n++
		}
	}
	return labWorkItemJSON{Order: toLabOrderJSON(it.Order, n), AssessmentID: it.Order.AssessmentID, ApplicantID: it.Applicant.ID,
		Name: it.Applicant.FullName(), BirthDate: it.Applicant.BirthDate.Format(time.DateOnly), Estimated: it.Applicant.BirthDateEstimated,
		Sex: it.Applicant.Sex, HasPhoto: it.HasPhoto, WithNurse: it.WithNurse, Specimens: toSpecimensJSON(it.Specimens), ReadingFrom: it.ReadingFrom,
		ReadingUntil: it.ReadingUntil, ExpectedBy: it.ExpectedBy, Overdue: it.Overdue}
}

func toLabCatalogJSON(c *clinic.LabCatalog) labCatalogJSON {
	out := labCatalogJSON{Edition: c.Edition, Sources: []sourceJSON{}, Tests: []labTestJSON{}}
	for _, s := range c.Sources {
		out.Sources = append(out.Sources, sourceJSON(s))
	}
	for _, t := range c.Tests {
		tj := labTestJSON{Code: t.Code, Step: t.Step, Name: t.Name, LOINC: t.LOINC, Specimen: t.Specimen, Specimens: t.Count(),
			Components: []labComponentJSON{}}
		for _, comp := range t.Components {
			tj.Components = append(tj.Components, labComponentJSON{Code: comp.Code, Name: comp.Name, LOINC: comp.LOINC, Unit: comp.Unit,
				Choices: nonNil(comp.Choices), Min: comp.Min, Max: comp.Max, Computed: comp.Computed != "", Optional: comp.Optional})
		}
		out.Tests = append(out.Tests, tj)
	}
	return out
}
