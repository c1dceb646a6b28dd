package postgres_test

import (
	"context"
	"testing"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/clinic/postgres/pgtest"
)

// TestDashboardCritical lists, on the report's fixture, the critical lab results not
// acknowledged (a5's amended one and an acknowledged one do not count), the identity mismatch
// not resolved and the form whose making failed, oldest first; another site's count nowhere.
func TestDashboardCritical(t *testing.T) {
	ctx := context.Background()
	s := pgtest.NewStore(t)
	db := s.DB().WithContext(ctx)
	loadFixture(t, db, reportFixture)
	loadFixture(t, db, `UPDATE lab_results SET ack_at = '2026-12-02T10:00:00Z', ack_name = 'P' WHERE id = '00000000-0000-0000-0000-0000000006a2';
INSERT INTO identity_checks (id, assessment_id, applicant_id, site_id, station, outcome, reason, checked_by, checked_name, checked_at, resolved_at) VALUES
 ('00000000-0000-0000-0000-0000000008a1', '00000000-0000-0000-0000-0000000000f4', '00000000-0000-0000-0000-0000000000e4', '00000000-0000-0000-0000-0000000000a1', 'exam', 'mismatch', 'x', '00000000-0000-0000-0000-000000000001', 'N', '2026-11-12T09:30:00Z', NULL),
 ('00000000-0000-0000-0000-0000000008a2', '00000000-0000-0000-0000-0000000000f1', '00000000-0000-0000-0000-0000000000e1', '00000000-0000-0000-0000-0000000000a1', 'exam', 'mismatch', 'x', '00000000-0000-0000-0000-000000000001', 'N', '2026-11-05T09:30:00Z', '2026-11-05T10:00:00Z'),
 ('00000000-0000-0000-0000-0000000008a7', '00000000-0000-0000-0000-0000000000f7', '00000000-0000-0000-0000-0000000000e7', '00000000-0000-0000-0000-0000000000b1', 'exam', 'mismatch', 'x', '00000000-0000-0000-0000-000000000001', 'N', '2026-11-05T09:30:00Z', NULL);
UPDATE forms SET status = 'failed' WHERE id IN ('00000000-0000-0000-0000-0000000002a4', '00000000-0000-0000-0000-0000000002a7');
`)
	var got []clinic.Alert
	err := s.Tx(ctx, func(tx clinic.Tx) error {
		var err error
		got, err = tx.DashboardCritical(ctx, "00000000-0000-0000-0000-0000000000a1", 10)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ kind, assessment, what, at string }{
		{clinic.AlertCriticalResult, "00000000-0000-0000-0000-0000000000f3", "afb_smear", "2026-11-11T09:00:00Z"},
		{clinic.AlertIdentityMismatch, "00000000-0000-0000-0000-0000000000f4", "exam", "2026-11-12T09:30:00Z"},
		{clinic.AlertFormFailed, "00000000-0000-0000-0000-0000000000f5", "DS-3026", "2026-11-28T22:30:00Z"},
		{clinic.AlertCriticalResult, "00000000-0000-0000-0000-0000000000f3", "mtb_dst", "2026-12-02T09:00:00Z"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d alerts, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if g.Kind != w.kind || g.AssessmentID != w.assessment || g.What != w.what || g.Since.Format("2006-01-02T15:04:05Z") != w.at || g.CaseNumber == "" || g.Surnames == "" {
			t.Errorf("alert %d: %+v, want %+v", i, g, w)
		}
	}
	err = s.Tx(ctx, func(tx clinic.Tx) error {
		var err error
		got, err = tx.DashboardCritical(ctx, "00000000-0000-0000-0000-0000000000a1", 2)
		return err
	})
	if err != nil || len(got) != 2 {
		t.Fatalf("limit 2: %v %+v", err, got)
	}
}
