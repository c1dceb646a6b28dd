package api_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/internal/clinictest"
)

// testClock is a clock the test moves by hand.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *testClock) Add(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// TestSessionIdleAndLifetime checks both ends of a session with a moved clock: thirty minutes
// without a request end it; requests keep it alive, but never past twelve hours after login.
func TestSessionIdleAndLifetime(t *testing.T) {
	clock := &testClock{now: time.Now().UTC()}
	st := clinictest.New(t, clinictest.Options{RedisDB: 1, Clock: clock, SessionIdle: 30 * time.Minute, SessionLifetime: 12 * time.Hour})

	idle := st.Login(t, "nurse")
	clock.Add(29 * time.Minute)
	idle.Must(200, "GET", "/api/session", nil, nil)
	clock.Add(29 * time.Minute) // 58 minutes after login, 29 after the last request
	idle.Must(200, "GET", "/api/session", nil, nil)
	clock.Add(31 * time.Minute)
	if code, raw := idle.Do("GET", "/api/session", nil, nil); code != 401 {
		t.Fatalf("after 31 idle minutes: %d %s", code, raw)
	}

	busy := st.Login(t, "lab")
	for used := time.Duration(0); used < 12*time.Hour-20*time.Minute; used += 20 * time.Minute {
		clock.Add(20 * time.Minute)
		if code, raw := busy.Do("GET", "/api/session", nil, nil); code != 200 {
			t.Fatalf("a session in use %s after login: %d %s", used+20*time.Minute, code, raw)
		}
	}
	clock.Add(25 * time.Minute) // past twelve hours, used every 20 minutes
	if code, raw := busy.Do("GET", "/api/session", nil, nil); code != 401 {
		t.Fatalf("a session used all day, past its lifetime: %d %s", code, raw)
	}
}

// TestPurge checks that the periodic purge deletes ended sessions, login attempts past their
// retention and old idempotency keys, and keeps the rest.
func TestPurge(t *testing.T) {
	clock := &testClock{now: time.Now().UTC()}
	st := clinictest.New(t, clinictest.Options{RedisDB: 1, Clock: clock})
	ctx := context.Background()
	ended := st.Login(t, "nurse")
	reg := st.Login(t, "registrar")
	reg.Header.Set("Idempotency-Key", "purge-test-1")
	reg.Must(201, "POST", "/api/cases", newCaseBody("RW-PURGE-1"), nil)
	reg.Header.Del("Idempotency-Key")
	// An old login attempt, from before the retention.
	if err := st.Store.DB().Exec("INSERT INTO login_attempts (username, ip, ok, at) VALUES ('old', '192.0.2.1', false, ?)",
		clock.Now().Add(-100*24*time.Hour)).Error; err != nil {
		t.Fatal(err)
	}

	clock.Add(2 * time.Hour) // the sessions have idled out; the idempotency key is two hours old
	fresh := st.Login(t, "lab")
	n, err := st.Svc.Purge(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n.Sessions != 2 || n.LoginAttempts != 1 || n.IdempotencyKeys != 0 {
		t.Fatalf("first purge: %+v, want the two ended sessions and the old attempt", n)
	}
	fresh.Must(200, "GET", "/api/session", nil, nil)
	if code, _ := ended.Do("GET", "/api/session", nil, nil); code != 401 {
		t.Fatalf("a purged session answers %d", code)
	}

	clock.Add(25 * time.Hour)
	if n, err = st.Svc.Purge(ctx); err != nil || n.IdempotencyKeys != 1 {
		t.Fatalf("a day later: %+v %v, want the idempotency key purged", n, err)
	}
	var left int
	if err := st.Store.DB().Raw("SELECT count(*) FROM login_attempts").Scan(&left).Error; err != nil || left < 3 {
		t.Fatalf("recent login attempts were purged: %d left, %v", left, err)
	}
}

func newCaseBody(number string) map[string]any {
	return map[string]any{"case_number": number, "destination": "US", "program": "refugee",
		"members": []map[string]any{{"surnames": "Uwera", "given_names": "Aline", "birth_date": "1990-03-03",
			"sex": "female", "residence_country": "RW"}}}
}
