package clinic

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"time"
)

// OutboxMessage is background work recorded with the change that caused it.
type OutboxMessage struct {
	ID           string
	Kind         string // e.g. "render_form"
	Ref          string // the id the task works on; also the queue's task id
	CreatedAt    time.Time
	DispatchedAt *time.Time
}

// OutboxRenderForm is the kind of the message that asks for a form to be drawn and signed.
const OutboxRenderForm = "render_form"

// Jobs hands background work to the queue. workers implements it with asynq. Enqueue must be
// idempotent for one message id: the task id is the message's Ref.
type Jobs interface {
	Enqueue(m OutboxMessage) error
}

// IssueForm draws and signs one ordered form and stores it. It is the worker's task and may run
// more than once for the same form (the queue delivers at least once): a form already issued is
// left as it is, so one (snapshot, form type) never gets two files.
//
// Errors: not_found (no such form); a failure to draw or sign is recorded on the form, not
// returned.
func (s *Service) IssueForm(ctx context.Context, formID string) error {
	if s.renderer == nil {
		return Internal(nil, "no form renderer configured")
	}
	var f Form
	var stored StoredSnapshot
	err := s.store.Tx(ctx, func(tx Tx) error {
		var err error
		if f, err = tx.FormByID(ctx, formID); err != nil {
			return err
		}
		if f.Status != FormPending && f.Status != FormFailed {
			return nil
		}
		stored, err = tx.SnapshotByID(ctx, f.SnapshotID)
		return err
	})
	if err != nil || (f.Status != FormPending && f.Status != FormFailed) {
		return err
	}
	snap, err := decodeSnapshot(stored)
	if err != nil {
		s.failForm(ctx, formID, err)
		return err
	}
	// Drawing and signing happen outside the transaction: they take milliseconds of CPU that no
	// row lock needs to wait for.
	pdf, err := s.renderer.Render(ctx, snap, f.FormType, s.VerifyURL(f))
	if err != nil {
		s.failForm(ctx, formID, err)
		return Internal(err, "render form "+f.FormType)
	}
	sum := sha256.Sum256(pdf)
	now := s.clock.Now()
	return s.store.Tx(ctx, func(tx Tx) error {
		done, err := tx.FinishForm(ctx, formID, pdf, hex.EncodeToString(sum[:]), now)
		if err != nil || !done {
			return err
		}
		return tx.Audit(ctx, AuditEntry{At: now, Action: "form.issue", Record: "form", RecordID: formID, Detail: f.FormType})
	})
}

// failForm records why a form could not be issued, so the chart shows it; the task's retry
// carries on regardless, which is why the error of this write is not returned.
func (s *Service) failForm(ctx context.Context, formID string, cause error) {
	problem := cause.Error()
	_ = s.store.Tx(ctx, func(tx Tx) error { return tx.FailForm(ctx, formID, problem) })
}

// DispatchOutbox hands up to limit undelivered outbox messages to the queue and marks them
// delivered, in one transaction: if the queue refuses (Redis down), the messages stay for the
// next round. It returns how many it delivered.
//
// Errors: unavailable (the queue does not answer).
func (s *Service) DispatchOutbox(ctx context.Context, jobs Jobs, limit int) (int, error) {
	n := 0
	err := s.store.Tx(ctx, func(tx Tx) error {
		msgs, err := tx.ClaimOutbox(ctx, limit)
		if err != nil {
			return err
		}
		now := s.clock.Now()
		for _, m := range msgs {
			if err := jobs.Enqueue(m); err != nil {
				if n > 0 {
					return nil // keep what was delivered; the rest waits for the next round
				}
				return Errorf(EUnavailable, "queue unavailable: %v", err)
			}
			if err := tx.MarkDispatched(ctx, m.ID, now); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	return n, err
}

// RequeueStale hands the queue again every form still pending after olderThan. The queue may
// have lost its task (Redis restarted without its data, a failover); the task id is the form id,
// so a task still queued or running is not doubled, and drawing is idempotent anyway.
//
// Errors: unavailable (the queue does not answer).
func (s *Service) RequeueStale(ctx context.Context, jobs Jobs, olderThan time.Duration) (int, error) {
	var ids []string
	err := s.store.Tx(ctx, func(tx Tx) error {
		var err error
		ids, err = tx.StalePendingForms(ctx, s.clock.Now().Add(-olderThan), 500)
		return err
	})
	if err != nil {
		return 0, err
	}
	for i, id := range ids {
		if err := jobs.Enqueue(OutboxMessage{ID: id, Kind: OutboxRenderForm, Ref: id}); err != nil {
			return i, Errorf(EUnavailable, "queue unavailable: %v", err)
		}
	}
	return len(ids), nil
}
