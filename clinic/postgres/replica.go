package postgres

import (
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

// Replica states, as /readyz and the metrics report them.
const (
	ReplicaOK          = "ok"          // answers, and lags less than the limit: reads go to it
	ReplicaLagging     = "lagging"     // answers, but lags more than the limit: reads go to the primary
	ReplicaUnavailable = "unavailable" // does not answer (or has not been asked yet): reads go to the primary
)

// Replica is a read-only handle on a streaming replica (a hot standby) of the clinic's database:
// the clinic reads there what may lag (clinic.Deps.Replica). Every connection is opened with
// default_transaction_read_only, so nothing is ever written through it, whatever it points at.
//
// Watch asks the replica how far its replay is behind, every interval. While the replica does
// not answer, or lags more than the limit, Tx refuses at once with clinic's unavailable error,
// without waiting on the network, and the clinic reads from the primary instead; a transaction
// that finds the replica gone marks it unavailable until the next check finds it back.
type Replica struct {
	store  *Store
	maxLag time.Duration

	mu     sync.Mutex
	status ReplicaStatus

	served, refused atomic.Int64
}

// ReplicaStatus is what the last check found, and the transactions served and refused so far.
type ReplicaStatus struct {
	State string
	// Lag is how far the replica's replay was behind at the last check: the age of the last
	// transaction it replayed, or 0 when it has replayed all it received.
	Lag time.Duration
	// InRecovery: the database is a standby. False for a primary (a replica since promoted, or a
	// plain database in the tests); its lag is then 0.
	InRecovery bool
	CheckedAt  time.Time
	// Served counts the transactions the replica ran; Refused those it turned away (state not ok,
	// or it failed to answer), which the clinic then ran on the primary.
	Served, Refused int64
}

// OpenReplica makes the replica's pool (with the serving pool's limits) and checks it once. It
// fails only on a bad URL: a replica that does not answer yet is "unavailable" and the clinic
// reads from the primary until it answers.
func OpenReplica(ctx context.Context, url string, p Pool, maxLag time.Duration) (*Replica, error) {
	s, err := openPool(url, p, map[string]string{"default_transaction_read_only": "on"})
	if err != nil {
		return nil, err
	}
	r := &Replica{store: s, maxLag: maxLag, status: ReplicaStatus{State: ReplicaUnavailable}}
	r.Check(ctx)
	return r, nil
}

// Close closes the replica's pool.
func (r *Replica) Close() error { return r.store.Close() }

// DB is the replica's GORM handle (for the pool's metrics).
func (r *Replica) DB() *Store { return r.store }

// Ping checks that the replica answers.
func (r *Replica) Ping(ctx context.Context) error { return r.store.Ping(ctx) }

// Tx runs fn in one read-only transaction on the replica, or refuses with clinic.EUnavailable
// when the replica is not in use.
func (r *Replica) Tx(ctx context.Context, fn func(clinic.Tx) error) error {
	if r.State() != ReplicaOK {
		r.refused.Add(1)
		return clinic.Errorf(clinic.EUnavailable, "The read replica is not in use just now.")
	}
	err := r.store.Tx(ctx, fn)
	if clinic.IsCode(err, clinic.EUnavailable) && ctx.Err() == nil {
		r.refused.Add(1)
		r.set(ReplicaStatus{State: ReplicaUnavailable, CheckedAt: time.Now()})
		slog.Warn("the read replica stopped answering; reading from the primary", "err", err.Error())
		return err
	}
	r.served.Add(1)
	return err
}

// State is "ok", "lagging" or "unavailable".
func (r *Replica) State() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.status.State
}

// Status is the last check's finding and the counts of transactions.
func (r *Replica) Status() ReplicaStatus {
	r.mu.Lock()
	st := r.status
	r.mu.Unlock()
	st.Served, st.Refused = r.served.Load(), r.refused.Load()
	return st
}

func (r *Replica) set(st ReplicaStatus) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if st.State != r.status.State {
		slog.Info("read replica", "state", st.State, "lag_seconds", st.Lag.Seconds())
	}
	r.status = st
}

// replicaLag is the replay lag in seconds: 0 on a primary and on a standby that has replayed all
// it received (an idle primary sends nothing, so the age of the last replayed transaction would
// grow for nothing), else the age of the last transaction replayed.
const replicaLag = `SELECT pg_is_in_recovery() AS in_recovery,
  CASE WHEN NOT pg_is_in_recovery() OR pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
       ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0)::float8 END AS lag`

// Check asks the replica for its lag now (2 s at most) and updates the state.
func (r *Replica) Check(ctx context.Context) ReplicaStatus {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	var row struct {
		InRecovery bool
		Lag        float64
	}
	st := ReplicaStatus{State: ReplicaUnavailable, CheckedAt: time.Now()}
	if err := r.store.db.WithContext(ctx).Raw(replicaLag).Scan(&row).Error; err != nil {
		if r.State() != ReplicaUnavailable {
			slog.Warn("the read replica does not answer; reading from the primary", "err", err.Error())
		}
		r.set(st)
		return r.Status()
	}
	st.InRecovery, st.Lag = row.InRecovery, time.Duration(row.Lag*float64(time.Second))
	st.State = ReplicaOK
	if r.maxLag > 0 && st.Lag > r.maxLag {
		st.State = ReplicaLagging
	}
	r.set(st)
	return r.Status()
}

// Watch checks the replica every interval until ctx ends.
func (r *Replica) Watch(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			r.Check(ctx)
		}
	}
}
