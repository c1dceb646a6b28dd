package workers

import (
	"context"
	"log/slog"
	"runtime"
	"time"

	"github.com/hibiken/asynq"

	"github.com/mhac-clinic/mhac/clinic"
)

// Worker runs the task handlers and the outbox dispatcher.
type Worker struct {
	svc         *clinic.Service
	opt         asynq.RedisConnOpt
	concurrency int
	interval    time.Duration
	maxRetry    int
	sweep       Sweep
	inbox       RadiologyInbox
	observe     func(taskType string, err error, d time.Duration)
}

// SetRadiologyInbox makes the worker watch dir for teleradiology reports every every.
func (w *Worker) SetRadiologyInbox(dir string, every time.Duration) {
	w.inbox = RadiologyInbox{Svc: w.svc, Dir: dir, Every: every}
}

// Sweep says how often the dispatcher looks for forms whose task the queue lost, and how old a
// pending form must be to count as lost.
type Sweep struct {
	Every, OlderThan time.Duration
}

// DefaultSweep looks every minute for forms pending over five minutes: far longer than a form
// takes, shorter than anyone waits for one.
var DefaultSweep = Sweep{Every: time.Minute, OlderThan: 5 * time.Minute}

// NewWorker returns a worker running concurrency tasks at once; 0 means four per CPU, since a
// task waits on PostgreSQL about as long as it draws (measured in BENCHMARKS.md).
func NewWorker(svc *clinic.Service, opt asynq.RedisConnOpt, concurrency int) *Worker {
	if concurrency <= 0 {
		concurrency = 4 * runtime.NumCPU()
	}
	return &Worker{svc: svc, opt: opt, concurrency: concurrency, interval: 300 * time.Millisecond,
		maxRetry: DefaultMaxRetry, sweep: DefaultSweep}
}

// SetObserver has the worker report every task it runs: its type, its error (nil when it
// succeeded) and its duration (the metrics package records them).
func (w *Worker) SetObserver(f func(taskType string, err error, d time.Duration)) { w.observe = f }

// SetSweep sets how the dispatcher looks for lost tasks.
func (w *Worker) SetSweep(sw Sweep) { w.sweep = sw }

// SetMaxRetry sets the retries of the tasks this worker's dispatcher enqueues.
func (w *Worker) SetMaxRetry(n int) { w.maxRetry = n }

// Run serves tasks and dispatches the outbox until ctx ends.
func (w *Worker) Run(ctx context.Context) error {
	srv := asynq.NewServer(w.opt, asynq.Config{
		Concurrency:     w.concurrency,
		Queues:          map[string]int{QueueForms: 1},
		RetryDelayFunc:  retryDelay,
		ShutdownTimeout: 20 * time.Second,
		Logger:          asynqLogger{},
		LogLevel:        asynq.WarnLevel,
	})
	mux := asynq.NewServeMux()
	mux.HandleFunc(TypeRenderForm, handleRenderForm(w.svc))
	if w.observe != nil {
		mux.Use(func(next asynq.Handler) asynq.Handler {
			return asynq.HandlerFunc(func(ctx context.Context, t *asynq.Task) error {
				start := time.Now()
				err := next.ProcessTask(ctx, t)
				w.observe(t.Type(), err, time.Since(start))
				return err
			})
		})
	}
	if err := srv.Start(mux); err != nil {
		return err
	}
	queue := NewQueue(w.opt)
	queue.SetMaxRetry(w.maxRetry)
	defer queue.Close()
	purged := make(chan struct{})
	go func() { Purge(ctx, w.svc, PurgeEvery); close(purged) }()
	inboxDone := make(chan struct{})
	go func() {
		if w.inbox.Dir != "" {
			w.inbox.Run(ctx)
		}
		close(inboxDone)
	}()
	defer func() { <-inboxDone }()
	Dispatch(ctx, w.svc, queue, w.interval, w.sweep)
	srv.Shutdown()
	<-purged
	return nil
}

// Dispatch moves outbox messages into the queue until ctx ends. When Redis is down the messages
// wait in PostgreSQL, and go out once it is back. Now and then it also requeues forms whose task
// the queue lost.
func Dispatch(ctx context.Context, svc *clinic.Service, jobs clinic.Jobs, interval time.Duration, sweep Sweep) {
	t := time.NewTicker(interval)
	defer t.Stop()
	failing := false
	lastSweep := time.Now()
	for {
		if sweep.Every > 0 && time.Since(lastSweep) >= sweep.Every {
			lastSweep = time.Now()
			if n, err := svc.RequeueStale(ctx, jobs, sweep.OlderThan); err != nil {
				slog.Warn("sweep for lost form tasks failed; will retry", "err", err)
			} else if n > 0 {
				slog.Warn("requeued forms whose task was lost", "forms", n)
			}
		}
		n, err := svc.DispatchOutbox(ctx, jobs, 200)
		switch {
		case err != nil && !failing:
			slog.Warn("outbox dispatch failed; will retry", "err", err)
			failing = true
		case err == nil && failing:
			slog.Info("outbox dispatch recovered")
			failing = false
		}
		if n == 200 {
			continue // more are waiting
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// asynqLogger sends asynq's own logs to slog.
type asynqLogger struct{}

func (asynqLogger) Debug(args ...any) { slog.Debug("asynq", "msg", args) }
func (asynqLogger) Info(args ...any)  { slog.Info("asynq", "msg", args) }
func (asynqLogger) Warn(args ...any)  { slog.Warn("asynq", "msg", args) }
func (asynqLogger) Error(args ...any) { slog.Error("asynq", "msg", args) }
func (asynqLogger) Fatal(args ...any) { slog.Error("asynq fatal", "msg", args) }
