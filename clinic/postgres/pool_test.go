package postgres_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/mhac-clinic/mhac/clinic/postgres"
	"github.com/mhac-clinic/mhac/clinic/postgres/pgtest"
)

// TestStatementTimeout checks that the serving pool gives every connection a statement timeout:
// PostgreSQL itself cancels a statement that runs longer.
func TestStatementTimeout(t *testing.T) {
	ctx := context.Background()
	s, err := postgres.OpenPool(ctx, pgtest.NewDatabase(t), postgres.Pool{MaxOpen: 2, StatementTimeout: 150 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var setting string
	if err := s.DB().Raw("SHOW statement_timeout").Scan(&setting).Error; err != nil || setting != "150ms" {
		t.Fatalf("statement_timeout on a pooled connection: %q %v", setting, err)
	}
	err = s.DB().Exec("SELECT pg_sleep(5)").Error
	var pg *pgconn.PgError
	if !errors.As(err, &pg) || pg.Code != "57014" {
		t.Fatalf("a 5 s statement under a 150 ms timeout: %v, want query_canceled (57014)", err)
	}
	if st, _ := s.DB().DB(); st.Stats().MaxOpenConnections != 2 {
		t.Fatalf("the pool's limit is %d, want 2", st.Stats().MaxOpenConnections)
	}
	if postgres.ServingPool.StatementTimeout <= 0 || postgres.ServingPool.MaxLifetime <= 0 {
		t.Fatalf("the serving pool has no statement timeout or connection lifetime: %+v", postgres.ServingPool)
	}
}
