package api

import (
	"time"

	"github.com/gin-gonic/gin"

	"github.com/mhac-clinic/mhac/clinic"
)

type treatmentRequest struct {
	Version    int     `json:"version"`
	Drug       string  `json:"drug"`
	Status     string  `json:"status"` // given | withheld | refused
	DoseAmount float64 `json:"dose_amount"`
	DoseUnit   string  `json:"dose_unit"` // mg | tablet
	Route      string  `json:"route"`     // oral
	BatchID    string  `json:"batch_id"`
	Quantity   float64 `json:"quantity"` // units taken from the batch
	At         string  `json:"at"`       // RFC 3339 instant
	Observed   bool    `json:"observed"` // swallowing observed
	ReasonCode string  `json:"reason_code"`
	Reason     string  `json:"reason"`
}

func (s *Server) postTreatment(c *gin.Context) {
	var req treatmentRequest
	write(s, c, &req, &req.Version, func(v int) (clinic.Chart, error) {
		var p clinic.Problems
		at := instantField(&p, "at", req.At)
		if err := p.Err(); err != nil {
			return clinic.Chart{}, err
		}
		return s.svc.RecordTreatment(c.Request.Context(), actor(c), c.Param("id"), v, clinic.TreatmentRecord{
			Drug: req.Drug, Status: req.Status, DoseAmount: req.DoseAmount, DoseUnit: req.DoseUnit, Route: req.Route,
			BatchID: req.BatchID, Quantity: req.Quantity, At: at, Observed: req.Observed, ReasonCode: req.ReasonCode,
			Reason: req.Reason})
	})
}

// instantField reads an RFC 3339 time; "" is left to the clinic's "required".
func instantField(p *clinic.Problems, field, v string) time.Time {
	if v == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		p.Add(field, "invalid_time", "Use a date and time such as 2026-12-03T09:30:00+02:00.")
	}
	return t.UTC()
}

// treatmentOrderJSON is one treatment the rules name, its dose, and what was recorded.
type treatmentOrderJSON struct {
	Drug        string                `json:"drug"`
	Recommended bool                  `json:"recommended"` // false: withheld by a rule
	Rule        string                `json:"rule"`
	Reason      string                `json:"reason"`
	ReasonFR    string                `json:"reason_fr"`
	Source      sourceJSON            `json:"source"`
	Dose        *treatmentDoseJSON    `json:"dose"`
	DoseProblem string                `json:"dose_problem,omitempty"`
	Status      string                `json:"status"` // the latest record's status, or not_recorded
	Records     []treatmentRecordJSON `json:"records"`
}

type treatmentDoseJSON struct {
	Amount     float64    `json:"amount"`
	Unit       string     `json:"unit"`
	Route      string     `json:"route"`
	Doses      int        `json:"doses"`
	Schedule   string     `json:"schedule"`
	ScheduleFR string     `json:"schedule_fr"`
	Basis      string     `json:"basis"`
	Table      string     `json:"table"`
	Source     sourceJSON `json:"source"`
}

type treatmentRecordJSON struct {
	ID         string    `json:"id"`
	Status     string    `json:"status"`
	DoseAmount float64   `json:"dose_amount"`
	DoseUnit   string    `json:"dose_unit"`
	Route      string    `json:"route"`
	BatchID    string    `json:"batch_id"`
	Lot        string    `json:"lot"`
	Quantity   float64   `json:"quantity"`
	At         time.Time `json:"at"`
	Observed   bool      `json:"observed"`
	ReasonCode string    `json:"reason_code"`
	Reason     string    `json:"reason"`
	RecordedBy string    `json:"recorded_by"`
	RecordedAt time.Time `json:"recorded_at"`
}

func toTreatmentOrdersJSON(ch clinic.Chart) []treatmentOrderJSON {
	out := []treatmentOrderJSON{}
	for _, o := range clinic.TreatmentOrders(ch) {
		j := treatmentOrderJSON{Drug: o.Drug, Recommended: o.Recommended, Rule: o.Rule, Reason: o.Reason, ReasonFR: o.ReasonFR,
			Source: src(o.Source), DoseProblem: o.DoseProblem, Status: o.Status(), Records: []treatmentRecordJSON{}}
		if d := o.Dose; d != nil {
			j.Dose = &treatmentDoseJSON{Amount: d.Amount, Unit: d.Unit, Route: d.Route, Doses: d.Doses, Schedule: d.Schedule,
				ScheduleFR: d.ScheduleFR, Basis: d.Basis, Table: d.Table, Source: src(d.Source)}
		}
		for _, r := range o.Records {
			j.Records = append(j.Records, treatmentRecordJSON{ID: r.ID, Status: r.Status, DoseAmount: r.DoseAmount,
				DoseUnit: r.DoseUnit, Route: r.Route, BatchID: r.BatchID, Lot: r.Lot, Quantity: r.Quantity, At: r.At,
				Observed: r.Observed, ReasonCode: r.ReasonCode, Reason: r.Reason, RecordedBy: r.RecordedName, RecordedAt: r.RecordedAt})
		}
		out = append(out, j)
	}
	return out
}
