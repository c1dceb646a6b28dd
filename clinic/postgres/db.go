// Package postgres keeps the clinic's records in PostgreSQL through GORM. It is the only package
// that knows SQL: row structs live here, apart from the domain's types, with converters.
package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/mhac-clinic/mhac/clinic"
)

// Store implements clinic.Store on a GORM connection pool.
type Store struct {
	db *gorm.DB
}

// Open connects to the database at url and checks that it answers.
func Open(ctx context.Context, url string) (*Store, error) {
	db, err := gorm.Open(postgres.Open(url), &gorm.Config{
		Logger:                 logger.Discard,
		SkipDefaultTransaction: true, // every write already runs in the clinic's own transaction
		PrepareStmt:            true,
		NowFunc:                func() time.Time { return time.Now().UTC() },
	})
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	sqlDB.SetMaxOpenConns(20)
	sqlDB.SetMaxIdleConns(10)
	sqlDB.SetConnMaxIdleTime(5 * time.Minute)
	s := &Store{db: db}
	pingCtx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := s.Ping(pingCtx); err != nil {
		_ = sqlDB.Close()
		return nil, fmt.Errorf("database at %s does not answer: %w", redact(url), err)
	}
	return s, nil
}

// Close closes the pool.
func (s *Store) Close() error {
	sqlDB, err := s.db.DB()
	if err != nil {
		return err
	}
	return sqlDB.Close()
}

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error {
	sqlDB, err := s.db.DB()
	if err != nil {
		return err
	}
	return sqlDB.PingContext(ctx)
}

// DB exposes the GORM handle to the migration and seed code of this package's callers.
func (s *Store) DB() *gorm.DB { return s.db }

// Tx runs fn in one database transaction.
func (s *Store) Tx(ctx context.Context, fn func(clinic.Tx) error) error {
	var fnErr error
	err := s.db.WithContext(ctx).Transaction(func(g *gorm.DB) error {
		fnErr = fn(&tx{g: g})
		return fnErr
	})
	if fnErr != nil {
		return fnErr // the clinic's own error, unchanged
	}
	if err != nil {
		return mapErr(err, "commit")
	}
	return nil
}

// tx is the store inside one transaction; its methods live in one file per noun.
type tx struct {
	g *gorm.DB
}

// mapErr turns database errors into clinic errors: not found, duplicates, and the rest internal.
func mapErr(err error, what string) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return clinic.NotFound(what)
	}
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		switch pg.Code {
		case "23505": // unique_violation
			return &clinic.Error{Code: clinic.EDuplicate, Message: "A " + what + " with the same key exists.",
				Fields: []clinic.FieldError{{Field: uniqueField(pg.ConstraintName), Code: "duplicate", Message: "This value is already used."}}}
		case "22P02": // invalid text representation: an id that is not a UUID names no record
			return clinic.NotFound(what)
		case "40001", "40P01": // serialization failure, deadlock: the caller may retry
			return clinic.Errorf(clinic.EConflict, "The record was busy; try again.")
		}
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return clinic.Errorf(clinic.EUnavailable, "The request took too long or was cancelled.")
	}
	return clinic.Internal(err, what)
}

// uniqueField names the API field behind a unique constraint.
func uniqueField(constraint string) string {
	switch constraint {
	case "cases_site_id_case_number_key":
		return "case_number"
	case "users_username_key":
		return "username"
	case "sites_code_key":
		return "code"
	}
	return ""
}

// redact hides the password of a database URL in messages.
func redact(url string) string {
	if i, j := strings.Index(url, "://"), strings.LastIndex(url, "@"); i >= 0 && j > i {
		return url[:i+3] + "…" + url[j:]
	}
	return url
}
