package api_test

import (
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/internal/clinictest"
	"github.com/mhac-clinic/mhac/password"
)

// codeAt is what an authenticator app shows for secret at the clinic clock's time.
func codeAt(t *testing.T, secret string, at time.Time) string {
	t.Helper()
	c, err := password.TOTP{}.Code(secret, at)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// enrol sets up the physician's second factor and returns the secret and the recovery codes.
func enrol(t *testing.T, st *clinictest.Stack, clock *testClock, user string) (string, []string) {
	t.Helper()
	c := st.Login(t, user)
	var e struct {
		Secret     string `json:"secret"`
		OTPAuthURL string `json:"otpauth_url"`
		QRCode     string `json:"qr_code"`
	}
	c.Must(200, "POST", "/api/session/second-factor", nil, &e)
	if e.Secret == "" || len(e.QRCode) < 100 || e.OTPAuthURL[:15] != "otpauth://totp/" {
		t.Fatalf("enrolment: %+v", e)
	}
	status, body := c.Do("POST", "/api/session/second-factor/confirm", map[string]string{"code": "000000"}, nil)
	if p := clinictest.ProblemOf(t, body); status != 422 || p.Errors[0].Field != "code" {
		t.Fatalf("a wrong code: %d %s", status, body)
	}
	var rc struct {
		RecoveryCodes []string `json:"recovery_codes"`
	}
	c.Must(200, "POST", "/api/session/second-factor/confirm", map[string]string{"code": codeAt(t, e.Secret, clock.Now())}, &rc)
	if len(rc.RecoveryCodes) != 10 || len(rc.RecoveryCodes[0]) != 11 {
		t.Fatalf("recovery codes: %v", rc.RecoveryCodes)
	}
	status, body = c.Do("POST", "/api/session/second-factor", nil, nil)
	if p := clinictest.ProblemOf(t, body); status != 409 || p.Code != "invalid_state" {
		t.Fatalf("enrolling twice: %d %s", status, body)
	}
	return e.Secret, rc.RecoveryCodes
}

// TestSecondFactorLogin enrols the physician with a real TOTP secret and logs in with codes
// computed from it at the clinic clock's time: no code, a wrong code, the right code, the same
// code again (refused: a code is used once), a recovery code (once), and the next step's code.
func TestSecondFactorLogin(t *testing.T) {
	clock := &testClock{now: time.Date(2026, 3, 2, 8, 0, 10, 0, time.UTC)}
	st := clinictest.New(t, clinictest.Options{RedisDB: 1, Clock: clock})
	secret, recovery := enrol(t, st, clock, "physician")
	clock.Add(time.Minute)

	_, status, body := st.LoginWith(t, "physician", clinictest.Password, "")
	if p := clinictest.ProblemOf(t, body); status != 401 || p.Code != "second_factor_required" {
		t.Fatalf("no code: %d %s", status, body)
	}
	_, status, body = st.LoginWith(t, "physician", "wrong-password-123", codeAt(t, secret, clock.Now()))
	if p := clinictest.ProblemOf(t, body); status != 401 || p.Code != "unauthenticated" {
		t.Fatalf("a wrong password with a right code: %d %s", status, body)
	}
	wrong := "123456"
	if wrong == codeAt(t, secret, clock.Now()) {
		wrong = "654321"
	}
	_, status, body = st.LoginWith(t, "physician", clinictest.Password, wrong)
	if p := clinictest.ProblemOf(t, body); status != 401 || p.Code != "unauthenticated" {
		t.Fatalf("a wrong code: %d %s", status, body)
	}
	code := codeAt(t, secret, clock.Now())
	c, status, body := st.LoginWith(t, "physician", clinictest.Password, code)
	if status != 200 {
		t.Fatalf("the right code: %d %s", status, body)
	}
	var me struct {
		User struct {
			SecondFactor bool `json:"second_factor"`
		} `json:"user"`
	}
	c.Must(200, "GET", "/api/session", nil, &me)
	if !me.User.SecondFactor {
		t.Fatal("the session does not say the user has a second factor")
	}
	if _, status, body = st.LoginWith(t, "physician", clinictest.Password, code); status != 401 {
		t.Fatalf("the same code again: %d %s (a code logs in once)", status, body)
	}
	if _, status, body = st.LoginWith(t, "physician", clinictest.Password, recovery[3]); status != 200 {
		t.Fatalf("a recovery code: %d %s", status, body)
	}
	if _, status, body = st.LoginWith(t, "physician", clinictest.Password, recovery[3]); status != 401 {
		t.Fatalf("a recovery code twice: %d %s", status, body)
	}
	clock.Add(30 * time.Second)
	if _, status, body = st.LoginWith(t, "physician", clinictest.Password, codeAt(t, secret, clock.Now())); status != 200 {
		t.Fatalf("the next step's code: %d %s", status, body)
	}

	// An administrator resets the second factor (a lost phone): the password alone logs in again.
	admin := st.Login(t, "admin")
	admin.Must(204, "POST", "/api/users/"+st.Actors["physician"].UserID+"/second-factor/reset", nil, nil)
	if _, status, body = st.LoginWith(t, "physician", clinictest.Password, ""); status != 200 {
		t.Fatalf("after a reset: %d %s", status, body)
	}
}

// TestSecondFactorRequiredByRole: once a deployment-wide administrator requires a second factor
// of physicians, a physician without one may only enrol; a site administrator may not set it.
func TestSecondFactorRequiredByRole(t *testing.T) {
	clock := &testClock{now: time.Date(2026, 3, 2, 8, 0, 10, 0, time.UTC)}
	st := clinictest.New(t, clinictest.Options{RedisDB: 1, Clock: clock})
	status, body := st.Login(t, "admin").Do("PUT", "/api/settings/second-factor", map[string]any{"roles": []string{"physician"}}, nil)
	if p := clinictest.ProblemOf(t, body); status != 403 || p.Code != "forbidden" {
		t.Fatalf("a site admin sets the policy: %d %s", status, body)
	}
	op := st.Login(t, "operator")
	status, body = op.Do("PUT", "/api/settings/second-factor", map[string]any{"roles": []string{"physician", "pilot"}}, nil)
	if p := clinictest.ProblemOf(t, body); status != 422 || p.Errors[0].Field != "roles[1]" {
		t.Fatalf("an unknown role: %d %s", status, body)
	}
	var pol struct {
		Roles []string `json:"roles"`
	}
	op.Must(200, "PUT", "/api/settings/second-factor", map[string]any{"roles": []string{"physician", "admin"}}, &pol)
	if len(pol.Roles) != 2 {
		t.Fatalf("policy: %v", pol.Roles)
	}

	c := st.Login(t, "physician")
	var me struct {
		User struct {
			MustEnrol bool `json:"must_enrol"`
		} `json:"user"`
	}
	c.Must(200, "GET", "/api/session", nil, &me)
	if !me.User.MustEnrol {
		t.Fatal("the session does not say the physician must enrol")
	}
	status, body = c.Do("GET", "/api/worklist?station=physician", nil, nil)
	if p := clinictest.ProblemOf(t, body); status != 403 || p.Code != "second_factor_enrolment_required" {
		t.Fatalf("the worklist before enrolling: %d %s", status, body)
	}
	if status, body = st.Login(t, "nurse").Do("GET", "/api/worklist?station=nurse", nil, nil); status != 200 {
		t.Fatalf("a nurse (not required): %d %s", status, body)
	}
	enrol(t, st, clock, "physician")
	clock.Add(time.Minute)
	_, status, body = st.LoginWith(t, "physician", clinictest.Password, "")
	if status != 401 {
		t.Fatalf("after enrolling, no code: %d %s", status, body)
	}
}
