// Package postgres keeps the clinic's records in PostgreSQL through GORM. It is the only package
// that knows SQL: row structs live here, apart from the domain's types, with converters.
package postgres

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/mhac-clinic/mhac/clinic"
)

// Store implements clinic.Store on a GORM connection pool.
type Store struct {
	db *gorm.DB
}

// Pool sets the connection pool and the time limit of every statement.
type Pool struct {
	MaxOpen          int           // connections at most (default 20)
	MaxIdle          int           // kept open when idle (default half of MaxOpen)
	MaxLifetime      time.Duration // a connection is replaced after this (default 30 minutes)
	MaxIdleTime      time.Duration // an idle connection is closed after this (default 5 minutes)
	StatementTimeout time.Duration // PostgreSQL cancels a statement running longer; 0: no limit
}

// ServingPool is the pool of `mhac serve` and `mhac worker`: every statement has a deadline.
var ServingPool = Pool{MaxOpen: 20, MaxLifetime: 30 * time.Minute, MaxIdleTime: 5 * time.Minute, StatementTimeout: 15 * time.Second}

// Open connects to the database at url and checks that it answers, with the default pool and no
// statement timeout (for migrations and operator commands).
func Open(ctx context.Context, url string) (*Store, error) {
	return OpenPool(ctx, url, Pool{})
}

// OpenPool connects with the given pool settings. The statement timeout is set on every
// connection as it opens (statement_timeout), so no query escapes it.
func OpenPool(ctx context.Context, url string, p Pool) (*Store, error) {
	s, err := openPool(url, p, nil)
	if err != nil {
		return nil, err
	}
	pingCtx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := s.Ping(pingCtx); err != nil {
		_ = s.Close()
		return nil, fmt.Errorf("database at %s does not answer: %w", redact(url), err)
	}
	return s, nil
}

// openPool makes the pool without connecting; params are set on every connection as it opens.
func openPool(url string, p Pool, params map[string]string) (*Store, error) {
	if p.MaxOpen <= 0 {
		p.MaxOpen = 20
	}
	if p.MaxIdle <= 0 {
		p.MaxIdle = max(1, p.MaxOpen/2)
	}
	if p.MaxLifetime <= 0 {
		p.MaxLifetime = 30 * time.Minute
	}
	if p.MaxIdleTime <= 0 {
		p.MaxIdleTime = 5 * time.Minute
	}
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("database URL %s: %w", redact(url), err)
	}
	if p.StatementTimeout > 0 {
		cfg.RuntimeParams["statement_timeout"] = strconv.FormatInt(p.StatementTimeout.Milliseconds(), 10)
	}
	for k, v := range params {
		cfg.RuntimeParams[k] = v
	}
	db, err := gorm.Open(postgres.New(postgres.Config{Conn: stdlib.OpenDB(*cfg)}), &gorm.Config{
		Logger:                 logger.Discard,
		SkipDefaultTransaction: true, // every write already runs in the clinic's own transaction
		PrepareStmt:            true,
		DisableAutomaticPing:   true, // OpenPool pings; a replica may not answer yet (OpenReplica)
		NowFunc:                func() time.Time { return time.Now().UTC() },
	})
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	sqlDB.SetMaxOpenConns(p.MaxOpen)
	sqlDB.SetMaxIdleConns(p.MaxIdle)
	sqlDB.SetConnMaxLifetime(p.MaxLifetime)
	sqlDB.SetConnMaxIdleTime(p.MaxIdleTime)
	return &Store{db: db}, nil
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
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return clinic.Errorf(clinic.EUnavailable, "The request took too long or was cancelled.")
	}
	if unavailable(err) {
		return clinic.Errorf(clinic.EUnavailable, "The database cannot be reached just now; try again in a few seconds.")
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
		case "57014": // query_canceled: the statement timeout or the request's deadline
			return clinic.Errorf(clinic.EUnavailable, "The request took too long and was stopped; try again.")
		}
	}
	return clinic.Internal(err, what)
}

// unavailable tells whether err says the database cannot be reached or is shutting down, as
// opposed to a query it refused: the clinic answers 503 with Retry-After then, not 500.
func unavailable(err error) bool {
	var ce *pgconn.ConnectError
	if errors.As(err, &ce) || errors.Is(err, driver.ErrBadConn) || errors.Is(err, sql.ErrConnDone) {
		return true
	}
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		// 08: connection exceptions; 57P01-57P03: shutdown, crash, starting up; 53300: too many connections.
		return strings.HasPrefix(pg.Code, "08") || pg.Code == "57P01" || pg.Code == "57P02" || pg.Code == "57P03" || pg.Code == "53300"
	}
	var ne net.Error
	if errors.As(err, &ne) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return true
	}
	return pgconn.SafeToRetry(err) || pgconn.Timeout(err)
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
	case "vaccine_unavailability_in_force":
		return "vaccine"
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
