package workers_test

import (
	"context"
	"fmt"
	"syscall"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/internal/clinictest"
	"github.com/mhac-clinic/mhac/workers"
)

// BenchmarkFormsEndToEnd measures forms per second from signed assessments whose forms wait in
// the outbox to valid stored forms: the real worker dispatches the outbox to Redis, asynq hands
// out the tasks, and each is drawn, signed and stored in PostgreSQL. One op is one batch of
// -people assessments; the first batch comes from their sign-offs, later ones from an addendum
// to each (a new snapshot, with its forms and outbox rows, in the addendum's transaction).
// Preparing a batch is outside the timer; starting the worker is inside it.
//
//	go test -run '^$' -bench FormsEndToEnd -benchtime 3x ./workers
func BenchmarkFormsEndToEnd(b *testing.B) {
	st := clinictest.New(b, clinictest.Options{RedisDB: 9})
	ids := signBatch(b, st, 100, "BENCH")
	signed := true // the sign-offs' forms are the first batch
	for _, conc := range []int{2, 4, 8} {
		b.Run(fmt.Sprintf("concurrency=%d", conc), func(b *testing.B) {
			forms, cpu := 0, time.Duration(0)
			for b.Loop() {
				b.StopTimer()
				if !signed {
					addenda(b, st, ids)
				}
				signed = false
				batch := tally(b, st.Store.DB()).Pending
				b.StartTimer()
				cpu0 := processCPU(b)
				ctx, stop := context.WithCancel(context.Background())
				done := make(chan struct{})
				go func() { _ = workers.NewWorker(st.Svc, st.RedisOpt, conc).Run(ctx); close(done) }()
				waitIssued(b, st)
				b.StopTimer()
				cpu += processCPU(b) - cpu0
				stop()
				<-done
				forms += batch
				b.StartTimer()
			}
			b.ReportMetric(float64(forms)/b.Elapsed().Seconds(), "forms/s")
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(forms), "ms/form")
			// CPU of this process (worker, dispatcher, polling; not PostgreSQL or Redis) per form:
			// a figure the other loads on a shared machine disturb less than the wall clock.
			b.ReportMetric(float64(cpu.Microseconds())/1000/float64(forms), "cpu-ms/form")
			var kb float64
			if err := st.Store.DB().Raw("SELECT coalesce(avg(size), 0) / 1024 FROM forms WHERE size > 0").Scan(&kb).Error; err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(kb, "KB/form")
		})
	}
}

// addenda adds a note to each signed assessment, which orders its forms again.
func addenda(b *testing.B, st *clinictest.Stack, ids []string) {
	ctx, doc := context.Background(), st.Actors["physician"]
	for _, id := range ids {
		ch, err := st.Svc.Chart(ctx, doc, id)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := st.Svc.AddAddendum(ctx, doc, id, ch.Assessment.Version, "Benchmark addendum."); err != nil {
			b.Fatal(err)
		}
	}
}

// waitIssued polls every 20 ms (finer than waitFor, since it is inside the timer) until no form
// is pending; a failed form stops the benchmark.
func waitIssued(b *testing.B, st *clinictest.Stack) {
	deadline := time.Now().Add(5 * time.Minute)
	for {
		c := tally(b, st.Store.DB())
		if c.Failed > 0 || time.Now().After(deadline) {
			b.Fatalf("forms not issued: %s", c)
		}
		if c.Pending == 0 {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// processCPU is the user and system CPU time this process has used.
func processCPU(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
