package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/mhac-clinic/mhac/clinic/postgres"
	"github.com/mhac-clinic/mhac/metrics"
)

// replicaCheckEvery is how often the read replica's lag is asked.
const replicaCheckEvery = 2 * time.Second

// openReplica opens the read replica named by MHAC_DATABASE_REPLICA_URL and watches its lag
// until ctx ends; nil when none is named. A replica that does not answer yet does not stop the
// clinic: its reads go to the primary until it answers (docs/operations.md, "Read replica").
func openReplica(ctx context.Context, cfg config) (*postgres.Replica, error) {
	if cfg.ReplicaURL == "" {
		return nil, nil
	}
	r, err := postgres.OpenReplica(ctx, cfg.ReplicaURL, cfg.Pool, cfg.ReplicaMaxLag)
	if err != nil {
		return nil, err
	}
	st := r.Status()
	slog.Info("read replica", "state", st.State, "in_recovery", st.InRecovery, "lag_seconds", st.Lag.Seconds(), "max_lag", cfg.ReplicaMaxLag.String())
	go r.Watch(ctx, replicaCheckEvery)
	return r, nil
}

// replicaMetrics reports the replica's last check and its transactions to the metrics.
func replicaMetrics(r *postgres.Replica) func() metrics.Replica {
	return func() metrics.Replica {
		st := r.Status()
		return metrics.Replica{Up: st.State == postgres.ReplicaOK, InRecovery: st.InRecovery, LagSeconds: st.Lag.Seconds(),
			CheckedSeconds: time.Since(st.CheckedAt).Seconds(), Served: st.Served, Refused: st.Refused}
	}
}
