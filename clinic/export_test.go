package clinic

import "context"

// ListIncompleteOf evaluates one assessment as a page of a list does (worklists, board, station
// queues: the page's batched reads and listChart), so that a test can hold the lists to the chart.
func (s *Service) ListIncompleteOf(ctx context.Context, siteID, assessmentID string) ([]string, error) {
	var out []string
	err := s.store.Tx(ctx, func(tx Tx) error {
		full, err := s.loadChart(ctx, tx, siteID, assessmentID, false)
		if err != nil {
			return err
		}
		ch := Chart{Assessment: full.Assessment, Applicant: full.Applicant, Case: full.Case}
		page, err := s.loadListPage(ctx, tx, []Chart{ch})
		if err != nil {
			return err
		}
		if err := s.listChart(ctx, tx, &ch, page); err != nil {
			return err
		}
		out = ch.Incomplete
		return nil
	})
	return out, err
}
