package clinic

import (
	"bytes"
	"context"
	"errors"
)

// IdempotencyClaim is an Idempotency-Key sent with a change. The Service claims it in the same
// transaction as the change it protects, so two requests with one key make one change: the
// second waits for the first's transaction and then finds the key taken.
type IdempotencyClaim struct {
	UserID      string
	Key         string // scoped by the API to the path, e.g. "/api/cases registration-42"
	RequestHash string // what was asked: a repeat must ask the same
	claimed     bool   // a transaction holding the claim committed
	lost        bool   // another request with the key committed first
}

// Lost reports whether another request with the same key made the change first.
func (c *IdempotencyClaim) Lost() bool { return c.lost }

type claimKey struct{}

// WithIdempotency returns a context whose next change claims the key.
func WithIdempotency(ctx context.Context, c *IdempotencyClaim) context.Context {
	return context.WithValue(ctx, claimKey{}, c)
}

func claimOf(ctx context.Context) *IdempotencyClaim {
	c, _ := ctx.Value(claimKey{}).(*IdempotencyClaim)
	return c
}

// ErrKeyTaken says another request with the same Idempotency-Key made its change first.
var ErrKeyTaken = &Error{Code: EConflict, Message: "Another request with this Idempotency-Key was answered first."}

// KeptAnswer is what is stored under an Idempotency-Key: the request it was claimed for and, once
// the request was answered, the answer.
type KeptAnswer struct {
	RequestHash string // "" for answers kept before requests were compared
	Answered    bool
	Answer      []byte
}

// encodeKept stores the request's hash on a line of its own, then the answer; a claim not yet
// answered is the hash and its newline alone.
func encodeKept(k KeptAnswer) []byte {
	return append([]byte(k.RequestHash+"\n"), k.Answer...)
}

func decodeKept(b []byte) KeptAnswer {
	if i := bytes.IndexByte(b, '\n'); i == 64 {
		return KeptAnswer{RequestHash: string(b[:i]), Answered: len(b) > i+1, Answer: b[i+1:]}
	}
	return KeptAnswer{Answered: true, Answer: b} // kept before requests were compared
}

// tx runs one change in a transaction. When the request carries an Idempotency-Key not yet
// claimed, the key is claimed first, in the same transaction: if the change fails, the claim goes
// with it and the request may be retried; if another request with the key committed first, the
// change is not made and the error is ErrKeyTaken.
func (s *Service) tx(ctx context.Context, fn func(Tx) error) error {
	c := claimOf(ctx)
	if c == nil || c.claimed || c.lost {
		return s.store.Tx(ctx, fn)
	}
	err := s.store.Tx(ctx, func(tx Tx) error {
		if err := tx.ClaimIdempotency(ctx, c.UserID, c.Key, encodeKept(KeptAnswer{RequestHash: c.RequestHash})); err != nil {
			return err
		}
		return fn(tx)
	})
	switch {
	case err == nil:
		c.claimed = true
	case errors.Is(err, ErrKeyTaken):
		c.lost = true
	}
	return err
}

// Idempotent returns what is kept under a key of the actor, and whether there is anything.
//
// Errors: validation (a key over 200 characters).
func (s *Service) Idempotent(ctx context.Context, a Actor, key string) (KeptAnswer, bool, error) {
	if len(key) > 200 {
		return KeptAnswer{}, false, (&Problems{{Field: "Idempotency-Key", Code: "too_long", Message: "Use a key of at most 200 characters."}}).Err()
	}
	var raw []byte
	var found bool
	err := s.store.Tx(ctx, func(tx Tx) error {
		var err error
		raw, found, err = tx.Idempotent(ctx, a.UserID, key)
		return err
	})
	if err != nil || !found {
		return KeptAnswer{}, false, err
	}
	return decodeKept(raw), true, nil
}

// RememberIdempotent keeps the answer to a keyed request: it completes the claim its change made,
// or, for a request whose work made no change in the database, keeps the answer on its own.
//
// Errors: internal only.
func (s *Service) RememberIdempotent(ctx context.Context, a Actor, key, requestHash string, answer []byte) error {
	kept := encodeKept(KeptAnswer{RequestHash: requestHash, Answered: true, Answer: answer})
	return s.store.Tx(ctx, func(tx Tx) error { return tx.RememberIdempotent(ctx, a.UserID, key, kept) })
}
