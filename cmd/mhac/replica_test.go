package main

import (
	"context"
	"testing"

	"github.com/mhac-clinic/mhac/clinic/postgres"
	"github.com/mhac-clinic/mhac/clinic/postgres/pgtest"
)

// TestReplicaSetting: unset, no replica is opened; a replica that does not answer yet does not
// stop the clinic (its reads go to the primary) and says "unavailable"; one that answers is "ok".
func TestReplicaSetting(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	t.Setenv("MHAC_DATABASE_REPLICA_URL", "")
	if r, err := openReplica(ctx, loadConfig()); r != nil || err != nil {
		t.Fatalf("without MHAC_DATABASE_REPLICA_URL: %v, %v", r, err)
	}
	t.Setenv("MHAC_DATABASE_REPLICA_URL", "postgres://mhac@127.0.0.1:1/mhac?sslmode=disable")
	t.Setenv("MHAC_REPLICA_MAX_LAG", "5s")
	cfg := loadConfig()
	if cfg.ReplicaMaxLag.Seconds() != 5 {
		t.Errorf("MHAC_REPLICA_MAX_LAG=5s: %v", cfg.ReplicaMaxLag)
	}
	r, err := openReplica(ctx, cfg)
	if err != nil || r.State() != postgres.ReplicaUnavailable {
		t.Fatalf("a replica that does not answer: %v, %v", r, err)
	}
	r.Close()
	t.Setenv("MHAC_DATABASE_REPLICA_URL", pgtest.NewDatabase(t))
	if r, err = openReplica(ctx, loadConfig()); err != nil || r.State() != postgres.ReplicaOK {
		t.Fatalf("a replica that answers: %v, %v", r, err)
	}
	r.Close()
}
