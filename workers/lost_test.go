package workers_test

import (
	"context"
	"testing"
	"time"

	"github.com/hibiken/asynq"

	"github.com/mhac-clinic/mhac/internal/clinictest"
	"github.com/mhac-clinic/mhac/workers"
)

// TestLostTasksAreRequeued: Redis loses its data after the dispatcher delivered the outbox (a
// restart without persistence, a failover). The outbox rows are marked delivered, so only the
// sweep for long-pending forms can bring those forms back; with it, every form is issued once.
func TestLostTasksAreRequeued(t *testing.T) {
	t.Parallel()
	st := clinictest.New(t, clinictest.Options{RedisDB: 11})
	db := st.Store.DB()
	rs := clinictest.StartRedis(t)
	opt := asynq.RedisClientOpt{Addr: rs.Addr}

	// Deliver the outbox with no worker running, then lose Redis's data.
	ids := signBatch(t, st, 5, "LOST")
	queue := workers.NewQueue(opt)
	defer queue.Close()
	if n, err := st.Svc.DispatchOutbox(context.Background(), queue, 200); err != nil || n == 0 {
		t.Fatalf("dispatch: %d %v", n, err)
	}
	rs.Stop(t)
	rs.Start(t)
	if c := tally(t, db); c.Pending == 0 || c.Undelivered != 0 {
		t.Fatalf("before the sweep: %s; want pending forms with every outbox row delivered", c)
	}

	w := workers.NewWorker(st.Svc, opt, 2)
	w.SetSweep(workers.Sweep{Every: 200 * time.Millisecond, OlderThan: time.Millisecond})
	runWorker(t, w)
	allIssued(t, db, 60*time.Second)
	checkIssuedOnce(t, st, ids, st.Roots, 3)
}
