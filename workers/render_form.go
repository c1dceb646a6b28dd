package workers

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/hibiken/asynq"

	"github.com/mhac-clinic/mhac/clinic"
)

// handleRenderForm runs one render task. The clinic makes it idempotent: a form already issued is
// left alone, so a task delivered twice stores one file.
func handleRenderForm(svc *clinic.Service) asynq.HandlerFunc {
	return func(ctx context.Context, t *asynq.Task) error {
		var p formPayload
		if err := json.Unmarshal(t.Payload(), &p); err != nil || p.FormID == "" {
			return fmt.Errorf("bad payload %q: %w", t.Payload(), asynq.SkipRetry)
		}
		err := svc.IssueForm(ctx, p.FormID)
		if clinic.IsCode(err, clinic.ENotFound) || clinic.Permanent(err) {
			// Retrying cannot help: fail once; the form row says why, in words.
			return fmt.Errorf("form %s: %w: %w", p.FormID, err, asynq.SkipRetry)
		}
		return err
	}
}
