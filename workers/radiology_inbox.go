package workers

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/interop/hl7v2"
)

// RadiologyInbox watches a directory where a teleradiology link drops HL7 v2 ORU^R01 files.
// Each file is claimed by renaming it into processing/ (atomic, so two workers never take the same
// file), its messages are imported (a message that does not parse or matches no X-ray goes to the
// admin's error list with the reason), and it is moved to done/. A file the clinic could not take
// (the database down) goes back to the inbox for the next round; nothing is deleted.
type RadiologyInbox struct {
	Svc   *clinic.Service
	Dir   string
	Every time.Duration
}

// Run scans the inbox every Every until ctx ends.
func (in RadiologyInbox) Run(ctx context.Context) {
	for _, sub := range []string{"processing", "done"} {
		if err := os.MkdirAll(filepath.Join(in.Dir, sub), 0o750); err != nil {
			slog.Error("radiology inbox", "dir", in.Dir, "err", err)
			return
		}
	}
	t := time.NewTicker(in.Every)
	defer t.Stop()
	for {
		if _, err := in.Scan(ctx); err != nil {
			slog.Warn("radiology inbox scan", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Scan imports every file waiting in the inbox once, oldest name first, and returns how many
// messages it imported (matched or kept as errors).
func (in RadiologyInbox) Scan(ctx context.Context) (int, error) {
	entries, err := os.ReadDir(in.Dir)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, e := range entries {
		if !e.Type().IsRegular() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		claimed := filepath.Join(in.Dir, "processing", e.Name())
		if err := os.Rename(filepath.Join(in.Dir, e.Name()), claimed); err != nil {
			continue // another worker took it
		}
		k, err := in.importFile(ctx, e.Name(), claimed)
		n += k
		if err != nil {
			_ = os.Rename(claimed, filepath.Join(in.Dir, e.Name()))
			return n, err
		}
		done := filepath.Join(in.Dir, "done", time.Now().UTC().Format("20060102T150405.000000000")+"-"+e.Name())
		if err := os.Rename(claimed, done); err != nil {
			return n, err
		}
	}
	return n, nil
}

func (in RadiologyInbox) importFile(ctx context.Context, name, path string) (int, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, m := range hl7v2.Messages(name, data) {
		out, err := in.Svc.ImportRadiologyInbox(ctx, m)
		if err != nil && clinic.ErrorOf(err).Code != clinic.EValidation {
			return n, fmt.Errorf("%s: %w", name, err)
		}
		n++
		slog.Info("radiology report imported", "file", name, "matched", out.Matched)
	}
	return n, nil
}
