package main

import (
	"context"
	"io"
	"net"
	"net/http"
	"sync/atomic"
	"testing"
	"time"
)

// TestShutdownWaitsForRequestsThenWorker checks the order of a graceful stop: a request under
// way finishes first, then the worker's context ends, and serveAndDrain returns only once the
// worker has returned.
func TestShutdownWaitsForRequestsThenWorker(t *testing.T) {
	inRequest, release := make(chan struct{}), make(chan struct{})
	var requestDone, workerSawRequestDone, workerDone atomic.Bool
	hs := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(inRequest)
		<-release
		requestDone.Store(true)
		io.WriteString(w, "done")
	})}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	worker := func(ctx context.Context) error {
		<-ctx.Done()
		workerSawRequestDone.Store(requestDone.Load())
		time.Sleep(50 * time.Millisecond) // a task finishing its work
		workerDone.Store(true)
		return nil
	}
	ctx, stop := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- serveAndDrain(ctx, hs, ln, worker, 10*time.Second) }()

	answer := make(chan string, 1)
	go func() {
		resp, err := http.Get("http://" + ln.Addr().String() + "/")
		if err != nil {
			answer <- err.Error()
			return
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		answer <- string(b)
	}()
	<-inRequest
	stop() // SIGTERM while a request is under way
	close(release)
	if err := <-served; err != nil {
		t.Fatalf("serveAndDrain: %v", err)
	}
	if got := <-answer; got != "done" {
		t.Fatalf("the request under way got %q", got)
	}
	if !workerSawRequestDone.Load() || !workerDone.Load() {
		t.Fatalf("the worker was stopped before the requests drained (%v) or not waited for (%v)", workerSawRequestDone.Load(), workerDone.Load())
	}
}

// TestServeWithoutWorkerKeepsServing: an API process without a worker (several serve processes
// beside separate `mhac worker` processes) serves until its context ends, and then stops cleanly.
func TestServeWithoutWorkerKeepsServing(t *testing.T) {
	hs := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(204) })}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- serveAndDrain(ctx, hs, ln, nil, 5*time.Second) }()
	for i := 0; i < 3; i++ {
		res, err := http.Get("http://" + ln.Addr().String() + "/")
		if err != nil || res.StatusCode != 204 {
			t.Fatalf("request %d: %v %v", i, res, err)
		}
		res.Body.Close()
	}
	select {
	case err := <-served:
		t.Fatalf("serveAndDrain returned while its context was live: %v", err)
	default:
	}
	cancel()
	if err := <-served; err != nil {
		t.Fatalf("serveAndDrain: %v", err)
	}
}
