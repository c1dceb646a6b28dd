package clinic

import "context"

// listPage holds what the charts of one page of a list (worklist, board, station queue) read
// besides the assessment itself: each kind in one statement for the whole page, not one per
// chart (a worklist page of 50 read 50 identity check lists one by one; BENCHMARKS.md, "The
// clinic day's mix"). A nil *listPage reads per chart, as the chart itself does.
type listPage struct {
	counselling map[string][]Counselling           // by assessment
	decisions   map[string][]VaccineDecision       // by assessment
	identity    map[string][]IdentityCheck         // by assessment
	doses       map[string][]Dose                  // by person (with the records linked to them)
	unavailable map[string][]VaccineUnavailability // by site, read when first needed
}

// loadListPage reads, for the given charts, everything listChart and the lists' identity holds
// may need.
func (s *Service) loadListPage(ctx context.Context, tx Tx, charts []Chart) (*listPage, error) {
	p := &listPage{unavailable: map[string][]VaccineUnavailability{}}
	if len(charts) == 0 {
		return p, nil
	}
	assessments := make([]string, 0, len(charts))
	people := make([]string, 0, len(charts))
	for _, ch := range charts {
		assessments = append(assessments, ch.Assessment.ID)
		people = append(people, ch.Applicant.ID)
	}
	var err error
	if p.counselling, err = tx.CounsellingOfMany(ctx, assessments); err != nil {
		return nil, err
	}
	if p.identity, err = tx.IdentityChecksOfMany(ctx, assessments); err != nil {
		return nil, err
	}
	if s.immunizer == nil {
		return p, nil
	}
	if p.decisions, err = tx.VaccineDecisionsOfMany(ctx, assessments); err != nil {
		return nil, err
	}
	if p.doses, err = tx.DosesOfMany(ctx, people); err != nil {
		return nil, err
	}
	return p, nil
}

func (p *listPage) counsellingOf(ctx context.Context, tx Tx, assessmentID string) ([]Counselling, error) {
	if p == nil {
		return tx.CounsellingOf(ctx, assessmentID)
	}
	return p.counselling[assessmentID], nil
}

func (p *listPage) identityChecksOf(ctx context.Context, tx Tx, assessmentID string) ([]IdentityCheck, error) {
	if p == nil {
		return tx.IdentityChecksOf(ctx, assessmentID)
	}
	return p.identity[assessmentID], nil
}

func (p *listPage) decisionsOf(ctx context.Context, tx Tx, assessmentID string) ([]VaccineDecision, error) {
	if p == nil {
		return tx.VaccineDecisionsOf(ctx, assessmentID)
	}
	return p.decisions[assessmentID], nil
}

func (p *listPage) dosesOf(ctx context.Context, tx Tx, applicantID string) ([]Dose, error) {
	if p == nil {
		return tx.DosesOf(ctx, applicantID)
	}
	return p.doses[applicantID], nil
}

func (p *listPage) unavailableOf(ctx context.Context, tx Tx, siteID string) ([]VaccineUnavailability, error) {
	if p == nil {
		return tx.VaccineUnavailabilityOf(ctx, siteID)
	}
	if all, ok := p.unavailable[siteID]; ok {
		return all, nil
	}
	all, err := tx.VaccineUnavailabilityOf(ctx, siteID)
	if err != nil {
		return nil, err
	}
	p.unavailable[siteID] = all
	return all, nil
}

// itemCharts are the charts of a page of work items, for loadListPage.
func itemCharts(items []WorkItem) []Chart {
	out := make([]Chart, len(items))
	for i, it := range items {
		out[i] = Chart{Assessment: it.Assessment, Applicant: it.Applicant, Case: it.Case}
	}
	return out
}
