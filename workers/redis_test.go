package workers_test

import (
	"testing"
	"time"

	"github.com/hibiken/asynq"

	"github.com/mhac-clinic/mhac/internal/clinictest"
	"github.com/mhac-clinic/mhac/workers"
)

// TestRedisDownDuringSignOffs: clinical work must not wait for the queue. With Redis stopped,
// sign-offs succeed and their outbox rows wait in PostgreSQL; when Redis is back (empty: it keeps
// nothing on disk), the dispatcher sends them and the forms are issued.
func TestRedisDownDuringSignOffs(t *testing.T) {
	t.Parallel()
	st := clinictest.New(t, clinictest.Options{RedisDB: 6})
	db := st.Store.DB()
	rs := clinictest.StartRedis(t) // our own instance: the shared one is never stopped
	runWorker(t, workers.NewWorker(st.Svc, asynq.RedisClientOpt{Addr: rs.Addr}, 2))

	before := signBatch(t, st, 4, "UP")
	allIssued(t, db, 60*time.Second)
	issuedBefore := tally(t, db).Valid

	rs.Stop(t)
	// Signing 20 people takes a second or more, so the dispatcher fails several rounds meanwhile.
	during := signBatch(t, st, 20, "DOWN")
	c := tally(t, db)
	if c.Valid != issuedBefore || c.Pending == 0 || c.Undelivered != c.Pending || c.Failed != 0 {
		t.Fatalf("with Redis down: %s; want %d valid and every new form pending with its outbox row", c, issuedBefore)
	}
	t.Logf("Redis down: %s", c)

	rs.Start(t)
	after := allIssued(t, db, 90*time.Second)
	if after.Valid != issuedBefore+c.Pending {
		t.Errorf("after Redis came back: %s; want %d valid", after, issuedBefore+c.Pending)
	}
	checkIssuedOnce(t, st, append(before, during...), st.Roots, 5)
}
