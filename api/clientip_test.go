package api_test

import (
	"net/http"
	"testing"

	"github.com/mhac-clinic/mhac/internal/clinictest"
)

// loginFrom logs in with the given X-Forwarded-For and returns the status.
func loginFrom(t *testing.T, st *clinictest.Stack, forwardedFor, user, password string) int {
	t.Helper()
	c := st.NewClient(t)
	c.Header = http.Header{"X-Forwarded-For": {forwardedFor}}
	code, _ := c.Do("POST", "/api/session", map[string]string{"username": user, "password": password}, nil)
	return code
}

// lastLoginIP is the address in the audit row of the user's last login.
func lastLoginIP(t *testing.T, st *clinictest.Stack, user string) string {
	t.Helper()
	var ip string
	if err := st.Store.DB().Raw("SELECT ip FROM audit_log WHERE action = 'session.login' AND username = ? ORDER BY id DESC LIMIT 1", user).
		Scan(&ip).Error; err != nil {
		t.Fatal(err)
	}
	return ip
}

// TestForwardedForFromUntrustedPeer checks that with no trusted proxy X-Forwarded-For changes
// nothing: the audit row holds the peer's address, and a guesser cannot escape the login limit
// by inventing a new address for each guess.
func TestForwardedForFromUntrustedPeer(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1})
	if code := loginFrom(t, st, "203.0.113.7", "nurse", clinictest.Password); code != 200 {
		t.Fatalf("login: %d", code)
	}
	if ip := lastLoginIP(t, st, "nurse"); ip != "127.0.0.1" {
		t.Fatalf("the audit row holds %q, want the peer 127.0.0.1", ip)
	}
	for i := 0; i < 5; i++ {
		if code := loginFrom(t, st, "198.51.100."+string(rune('1'+i)), "lab", "wrong"); code != 401 {
			t.Fatalf("guess %d: %d", i+1, code)
		}
	}
	if code := loginFrom(t, st, "192.0.2.99", "lab", "wrong"); code != 429 {
		t.Fatalf("the sixth guess under a new forged address: %d, want 429", code)
	}
}

// TestForwardedForFromTrustedProxy checks that a configured proxy's X-Forwarded-For is the
// client's address: in the audit row and in the login limit, which counts per address.
func TestForwardedForFromTrustedProxy(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1, TrustedProxies: []string{"127.0.0.1"}})
	if code := loginFrom(t, st, "203.0.113.7", "nurse", clinictest.Password); code != 200 {
		t.Fatalf("login: %d", code)
	}
	if ip := lastLoginIP(t, st, "nurse"); ip != "203.0.113.7" {
		t.Fatalf("the audit row holds %q, want the forwarded 203.0.113.7", ip)
	}
	for i := 0; i < 5; i++ {
		if code := loginFrom(t, st, "198.51.100.1", "lab", "wrong"); code != 401 {
			t.Fatalf("guess %d: %d", i+1, code)
		}
	}
	if code := loginFrom(t, st, "198.51.100.1", "lab", clinictest.Password); code != 429 {
		t.Fatalf("the guesser's address after five failures: %d, want 429", code)
	}
	if code := loginFrom(t, st, "203.0.113.50", "lab", clinictest.Password); code != 200 {
		t.Fatalf("the user from the clinic's address: %d, want 200 (no lockout by a guesser elsewhere)", code)
	}
}
