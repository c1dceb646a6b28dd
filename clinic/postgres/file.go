package postgres

import (
	"context"
	"fmt"
)

// StoredFile is one signed PDF kept for a form, with what the form row says of it.
type StoredFile struct {
	FormID, FormType, Status string
	SHA256                   string // as recorded when the file was stored
	Content                  []byte
}

// EachFile calls fn for every stored PDF in form-id order, reading them a batch at a time so
// that years of forms never sit in memory at once. It stops at fn's first error.
func (s *Store) EachFile(ctx context.Context, fn func(StoredFile) error) error {
	const batch = 200
	after := "00000000-0000-0000-0000-000000000000"
	for {
		var rows []struct {
			FormID, FormType, Status, SHA256 string
			Content                          []byte
		}
		err := s.db.WithContext(ctx).Raw(`SELECT f.form_id, m.form_type, m.status, f.sha256, f.content
			FROM files f JOIN forms m ON m.id = f.form_id
			WHERE f.form_id > ? ORDER BY f.form_id LIMIT ?`, after, batch).Scan(&rows).Error
		if err != nil {
			return fmt.Errorf("read stored forms: %w", err)
		}
		for _, r := range rows {
			if err := fn(StoredFile{FormID: r.FormID, FormType: r.FormType, Status: r.Status, SHA256: r.SHA256, Content: r.Content}); err != nil {
				return err
			}
		}
		if len(rows) < batch {
			return nil
		}
		after = rows[len(rows)-1].FormID
	}
}
