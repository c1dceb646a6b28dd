package api_test

import (
	"context"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/internal/clinictest"
	"github.com/mhac-clinic/mhac/password"
)

// countingHasher is the real argon2id hasher, counting the passwords it checks.
type countingHasher struct {
	password.Hasher
	verified atomic.Int64
}

func (h *countingHasher) Verify(encoded, pw string) (bool, error) {
	h.verified.Add(1)
	return h.Hasher.Verify(encoded, pw)
}

// loginService is a second service on the stack's database whose password checks are counted.
func loginService(t *testing.T, st *clinictest.Stack) (*clinic.Service, *countingHasher) {
	t.Helper()
	h := &countingHasher{Hasher: password.Hasher{P: password.Params{Memory: 8 * 1024, Time: 1, Threads: 1, KeyLen: 32, SaltLen: 16}}}
	svc, err := clinic.NewService(clinic.Deps{Store: st.Store, Assessor: st.Engine, Hasher: h, HashSlots: 2,
		SessionSecret: []byte("0123456789abcdef0123456789abcdef-test")})
	if err != nil {
		t.Fatal(err)
	}
	return svc, h
}

// TestParallelGuessesStayWithinTheLimit fires 40 wrong passwords for one user from one address at
// once against PostgreSQL: the attempts are claimed one after the other, so exactly five are
// checked and the others refused without hashing.
func TestParallelGuessesStayWithinTheLimit(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1})
	svc, h := loginService(t, st)
	var wg sync.WaitGroup
	var wrong, limited, other atomic.Int64
	start := make(chan struct{})
	for i := 0; i < 40; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			_, _, _, err := svc.Login(context.Background(), "nurse", "guess", "198.51.100.9", "test")
			switch {
			case clinic.IsCode(err, clinic.EUnauthorized):
				wrong.Add(1)
			case clinic.IsCode(err, clinic.ERateLimited):
				limited.Add(1)
			default:
				other.Add(1)
				t.Errorf("a guess: %v", err)
			}
		}()
	}
	close(start)
	wg.Wait()
	if wrong.Load() != 5 || limited.Load() != 35 || h.verified.Load() != 5 {
		t.Fatalf("40 parallel guesses: %d checked and refused, %d rate-limited, %d hashes, %d other; want 5, 35, 5",
			wrong.Load(), limited.Load(), h.verified.Load(), other.Load())
	}
	if _, _, _, err := svc.Login(context.Background(), "nurse", clinictest.Password, "198.51.100.9", "test"); !clinic.IsCode(err, clinic.ERateLimited) {
		t.Fatalf("the right password from the guessing address: %v, want rate limited", err)
	}
	if _, _, _, err := svc.Login(context.Background(), "nurse", clinictest.Password, "192.0.2.10", "test"); err != nil {
		t.Fatalf("the user from another address: %v (a guesser must not lock the user out)", err)
	}
}

// TestLoginCostsTheSame checks that an unknown user is checked against a dummy hash (one password
// check, like a known user) and that an over-long username never reaches the database.
func TestLoginCostsTheSame(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1})
	svc, h := loginService(t, st)
	ctx := context.Background()
	if _, _, _, err := svc.Login(ctx, "nurse", "wrong", "192.0.2.1", "t"); !clinic.IsCode(err, clinic.EUnauthorized) {
		t.Fatalf("wrong password: %v", err)
	}
	_, _, _, errUnknown := svc.Login(ctx, "nobody-here", "wrong", "192.0.2.1", "t")
	if !clinic.IsCode(errUnknown, clinic.EUnauthorized) || h.verified.Load() != 2 {
		t.Fatalf("unknown user: %v after %d password checks; want the same answer after one check each", errUnknown, h.verified.Load())
	}
	if !strings.Contains(errUnknown.Error(), "Wrong username or password") {
		t.Fatalf("the unknown user's answer differs: %v", errUnknown)
	}
	long := strings.Repeat("a", clinic.MaxUsernameLen+1)
	if _, _, _, err := svc.Login(ctx, long, "wrong", "192.0.2.1", "t"); !clinic.IsCode(err, clinic.EUnauthorized) {
		t.Fatalf("an over-long username: %v", err)
	}
	var n int
	if err := st.Store.DB().Raw("SELECT count(*) FROM login_attempts WHERE length(username) > ?", clinic.MaxUsernameLen).Scan(&n).Error; err != nil || n != 0 {
		t.Fatalf("the over-long username reached the database: %d rows, %v", n, err)
	}
	if h.verified.Load() != 2 {
		t.Fatalf("the over-long username was hashed")
	}
}
