package postgres_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/clinic/postgres/pgtest"
)

func TestAuditSealAndVerify(t *testing.T) {
	ctx := context.Background()
	s := pgtest.NewStore(t)
	old := time.Now().UTC().Add(-time.Hour)
	err := s.Tx(ctx, func(tx clinic.Tx) error {
		for i := 0; i < 30; i++ {
			if err := tx.Audit(ctx, clinic.AuditEntry{At: old, Username: "nurse", Role: clinic.RoleNurse, Action: "assessment.read", Record: "assessment", RecordID: "a", RequestID: "r"}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n, err := s.Seal(ctx, time.Minute); err != nil || n != 30 {
		t.Fatalf("seal: %d %v", n, err)
	}
	// A row younger than the settling time waits for the next seal.
	_ = s.Tx(ctx, func(tx clinic.Tx) error {
		return tx.Audit(ctx, clinic.AuditEntry{At: time.Now().UTC(), Action: "form.verify", Record: "form"})
	})
	if n, err := s.Seal(ctx, time.Minute); err != nil || n != 0 {
		t.Fatalf("second seal: %d %v", n, err)
	}
	if n, err := s.VerifyAudit(ctx); err != nil || n != 30 {
		t.Fatalf("verify: %d %v", n, err)
	}
	// The application cannot change or delete a row.
	for _, sql := range []string{"UPDATE audit_log SET username = 'x'", "DELETE FROM audit_log", "TRUNCATE audit_log"} {
		if err := s.DB().Exec(sql).Error; err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: %v", sql, err)
		}
	}
	// A change made around the trigger breaks the chain.
	db := s.DB()
	if err := db.Exec("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only").Error; err != nil {
		t.Fatal(err)
	}
	if err := db.Exec("UPDATE audit_log SET username = 'someone else' WHERE id = (SELECT min(id) + 3 FROM audit_log)").Error; err != nil {
		t.Fatal(err)
	}
	if _, err := s.VerifyAudit(ctx); err == nil || !strings.Contains(err.Error(), "changed") {
		t.Fatalf("verify after a change: %v", err)
	}
	if err := db.Exec("DELETE FROM audit_log WHERE id = (SELECT min(id) + 5 FROM audit_log)").Error; err != nil {
		t.Fatal(err)
	}
	if _, err := s.VerifyAudit(ctx); err == nil || !strings.Contains(err.Error(), "deleted") {
		t.Fatalf("verify after a deletion: %v", err)
	}
}
