package main

import (
	"bytes"
	"context"
	"testing"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/clinic/postgres"
	"github.com/mhac-clinic/mhac/clinic/postgres/pgtest"
	"github.com/mhac-clinic/mhac/internal/demo"
	"github.com/mhac-clinic/mhac/password"
	"github.com/mhac-clinic/mhac/protocols"
)

// newTestService opens a fresh database with the demo site for a command's test: its URL for the
// command itself, and the store and service the test prepares and checks its data with.
func newTestService(t *testing.T) (string, *postgres.Store, *clinic.Service) {
	t.Helper()
	url := pgtest.NewDatabase(t)
	store, err := postgres.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	engine, err := protocols.Load()
	if err != nil {
		t.Fatal(err)
	}
	svc, err := clinic.NewService(clinic.Deps{Store: store, Assessor: engine,
		Hasher:        password.Hasher{P: password.Params{Memory: 8 * 1024, Time: 1, Threads: 1, KeyLen: 32, SaltLen: 16}},
		SessionSecret: bytes.Repeat([]byte("k"), 32), PublicURL: "http://127.0.0.1"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.EnsureSite(context.Background(), demo.Site); err != nil {
		t.Fatal(err)
	}
	return url, store, svc
}
