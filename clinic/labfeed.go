package clinic

import (
	"context"
	"slices"
	"time"
)

// feedSteps writes the protocol steps' results from the lab's current coded results, as a typed
// result would be written, when they differ from the chart's; the protocol is then evaluated
// again and the orders brought up to date. A sputum series gives a list in collection order: a
// culture set up and not read yet is "pending", and the day of the last specimen starts the
// culture hold.
func (s *Service) feedSteps(ctx context.Context, tx Tx, a Actor, assessmentID string, now time.Time) error {
	ch, err := s.loadChart(ctx, tx, a.SiteID, assessmentID, true)
	if err != nil {
		return err
	}
	orders, err := tx.LabOrdersOf(ctx, assessmentID)
	if err != nil {
		return err
	}
	specimens, err := tx.SpecimensOf(ctx, assessmentID)
	if err != nil {
		return err
	}
	results, err := tx.LabResultsOf(ctx, assessmentID)
	if err != nil {
		return err
	}
	latest := ch.Assessment.LatestResults()
	var fed []Result
	for _, o := range orders {
		if o.Status == OrderCancelled {
			continue
		}
		t, ok := s.lab.Test(o.Test)
		if !ok {
			continue
		}
		for _, r := range s.lab.stepResults(o, t, specimens, results) {
			if old, ok := latest[r.Step]; ok && sameResult(old, r) {
				continue
			}
			if _, ok := resultSpecs[r.Step]; !ok {
				continue // a step the chart has no typed result for (the order still tracks it)
			}
			if err := checkResult(&r, RoleLab); err != nil {
				continue // a computed value outside what the step accepts is kept on the lab result only
			}
			r.RecordedBy, r.ByName, r.RecordedAt = a.UserID, a.Name, now
			fed = append(fed, r)
		}
	}
	if len(fed) > 0 {
		next, err := Next(ch.Assessment.State, ActRecord)
		if err != nil {
			return err
		}
		for _, r := range fed {
			if err := tx.AddResult(ctx, assessmentID, r); err != nil {
				return err
			}
		}
		version := ch.Assessment.Version
		ch.Assessment.State, ch.Assessment.UpdatedAt = next, now
		if err := tx.SaveAssessment(ctx, &ch.Assessment, version); err != nil {
			return err
		}
		if err := tx.Audit(ctx, s.audit(a, "assessment.result", "assessment", assessmentID)); err != nil {
			return err
		}
		if ch, err = s.loadChart(ctx, tx, a.SiteID, assessmentID, false); err != nil {
			return err
		}
	}
	return s.syncLabOrders(ctx, tx, a, ch, now)
}

// stepResults are the step results an order's specimens give today.
func (c *LabCatalog) stepResults(o LabOrder, t LabTest, specimens []Specimen, results []LabResult) []Result {
	var mine []Specimen
	for _, sp := range specimens {
		if sp.Status != SpecimenRejected && slices.Contains(sp.OrderIDs, o.ID) {
			mine = append(mine, sp)
		}
	}
	if len(mine) == 0 {
		return nil
	}
	spec := resultSpecs[o.Step]
	if spec.kind == kindList {
		r := Result{Step: o.Step, Collected: mine[len(mine)-1].CollectedAt}
		for _, sp := range mine {
			switch cur := currentResult(results, sp.ID, t.Code); {
			case cur != nil && cur.Final():
				r.List = append(r.List, cur.Value)
			case sp.ReceivedAt != nil && slices.Contains(spec.choices, "pending"):
				r.List = append(r.List, "pending")
			}
		}
		if len(r.List) == 0 {
			return nil
		}
		return []Result{r}
	}
	cur := currentResult(results, mine[len(mine)-1].ID, t.Code)
	if cur == nil || !cur.Final() {
		return nil
	}
	out := []Result{valueResult(o.Step, cur.Value, cur.Number)}
	for _, comp := range t.Components {
		if comp.Feeds == "" {
			continue
		}
		for _, v := range cur.Components {
			if v.Code == comp.Code {
				out = append(out, valueResult(comp.Feeds, v.Text, v.Number))
			}
		}
	}
	return out
}

func valueResult(step, text string, n *float64) Result {
	if n != nil {
		x := *n
		return Result{Step: step, Number: &x}
	}
	return Result{Step: step, Text: text}
}

// sameResult compares two results' values.
func sameResult(a, b Result) bool {
	switch {
	case a.Text != b.Text || !slices.Equal(a.List, b.List) || !a.Collected.Equal(b.Collected):
		return false
	case a.Number == nil || b.Number == nil:
		return a.Number == nil && b.Number == nil
	}
	return *a.Number == *b.Number
}

// LabRecord is everything the lab holds of one assessment.
type LabRecord struct {
	Orders    []LabOrder
	Specimens []Specimen
	Results   []LabResult // amended ones included, oldest first
	// Critical lists the current critical results no one has acknowledged yet: the chart's banner.
	Critical []LabResult
}

// LabRecordOf returns an assessment's lab orders, specimens and results.
//
// Errors: forbidden, not_found.
func (s *Service) LabRecordOf(ctx context.Context, a Actor, assessmentID string) (LabRecord, error) {
	if err := a.May(PermReadLabRecord); err != nil {
		return LabRecord{}, err
	}
	var rec LabRecord
	err := s.store.Tx(ctx, func(tx Tx) error {
		if _, err := tx.AssessmentByID(ctx, a.SiteID, assessmentID, false); err != nil {
			return err
		}
		var err error
		if rec.Orders, err = tx.LabOrdersOf(ctx, assessmentID); err != nil {
			return err
		}
		if rec.Specimens, err = tx.SpecimensOf(ctx, assessmentID); err != nil {
			return err
		}
		if rec.Results, err = tx.LabResultsOf(ctx, assessmentID); err != nil {
			return err
		}
		for _, r := range rec.Results {
			if r.Flag == FlagCritical && !r.Superseded && r.AckAt == nil {
				rec.Critical = append(rec.Critical, r)
			}
		}
		return tx.Audit(ctx, s.audit(a, "lab.read", "assessment", assessmentID))
	})
	return rec, err
}
