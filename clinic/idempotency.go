package clinic

import "context"

// Idempotent returns the stored answer of an earlier request with the same key by the same user.
func (s *Service) Idempotent(ctx context.Context, a Actor, key string) ([]byte, bool, error) {
	if len(key) > 200 {
		return nil, false, (&Problems{{Field: "Idempotency-Key", Code: "too_long", Message: "Use a key of at most 200 characters."}}).Err()
	}
	var resp []byte
	var found bool
	err := s.store.Tx(ctx, func(tx Tx) error {
		var err error
		resp, found, err = tx.Idempotent(ctx, a.UserID, key)
		return err
	})
	return resp, found, err
}

// RememberIdempotent stores the answer to a keyed request.
func (s *Service) RememberIdempotent(ctx context.Context, a Actor, key string, response []byte) error {
	return s.store.Tx(ctx, func(tx Tx) error { return tx.RememberIdempotent(ctx, a.UserID, key, response) })
}
