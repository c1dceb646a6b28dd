package clinic

import "context"

// The read replica (Deps.Replica) serves the reads that may lag a little behind the primary
// without harm: lists and counts that someone looks at, never the record they are about to
// change. The methods that read there, and why each may lag:
//
//   - PanelApplicants: a receiving country's panel lists signed forms, made minutes to days before.
//   - TBIndicators: a monthly report over finished records.
//   - Dashboard: the site head's counts and alerts, refreshed by the page.
//   - SearchCases and Board: lists to find a case or see who is fit to travel; opening a case
//     (Case) or changing it reads the primary, and every change checks its version there.
//   - FindDuplicates: the registrar's look-up before saving; the save itself checks duplicates
//     again on the primary, in its own transaction (checkDuplicates), so a person registered a
//     moment ago is never missed.
//
// Everything else — the chart, worklists, sessions, anything read before a write, and every
// write — uses the primary. See docs/operations.md, "Read replica".

// readLagging runs read on the replica when one is configured and in use, then writes the audit
// row that entry gives on the primary: the replica is read-only, so the read and its audit row
// are two transactions, and the read's result is returned only once its audit row is committed.
// When the replica refuses (not configured, down, lagging past its limit, or a query cancelled by
// its recovery) the read runs on the primary with its audit row in one transaction, as without a
// replica. read may run twice, so it must set its results rather than add to them.
func (s *Service) readLagging(ctx context.Context, read func(Tx) error, entry func() AuditEntry) error {
	if s.replica != nil {
		err := s.replica.Tx(ctx, read)
		if err == nil {
			return s.store.Tx(ctx, func(tx Tx) error { return tx.Audit(ctx, entry()) })
		}
		if ctx.Err() != nil || !(IsCode(err, EUnavailable) || IsCode(err, EConflict)) {
			return err
		}
	}
	return s.store.Tx(ctx, func(tx Tx) error {
		if err := read(tx); err != nil {
			return err
		}
		return tx.Audit(ctx, entry())
	})
}
