package api_test

import (
	"context"
	"testing"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/internal/clinictest"
)

// otherSite adds a second site with its own administrator and nurse.
func otherSite(t *testing.T, st *clinictest.Stack) {
	t.Helper()
	ctx := context.Background()
	if _, err := st.Svc.EnsureSite(ctx, clinic.Site{Code: "NBO", Name: "Nairobi MHAC", Country: "KE", Timezone: "Africa/Nairobi"}); err != nil {
		t.Fatal(err)
	}
	for _, n := range []clinic.NewUser{
		{Username: "admin.nbo", Name: "Nairobi administrator", Role: clinic.RoleAdmin},
		{Username: "nurse.nbo", Name: "Nairobi nurse", Role: clinic.RoleNurse},
	} {
		n.SiteCode, n.Password = "NBO", clinictest.Password
		u, err := st.Svc.CreateUser(ctx, clinic.Actor{}, n)
		if err != nil {
			t.Fatal(err)
		}
		st.Actors[u.Username] = clinic.ActorOf(u, "test", "127.0.0.1")
	}
}

// TestAdminsAreSiteScoped: a site's administrator creates, lists, disables and resets the
// accounts of that site only, and no panel account; a deployment-wide administrator does all.
func TestAdminsAreSiteScoped(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1})
	otherSite(t, st)
	admin := st.Login(t, "admin") // KGL
	newUser := func(username, role, site, country string) map[string]any {
		return map[string]any{"username": username, "name": "New " + username, "role": role, "site_code": site,
			"country": country, "password": "a-long-password-1"}
	}
	for _, tc := range []struct {
		name string
		body map[string]any
	}{
		{"another site's nurse", newUser("nurse.x", "nurse", "NBO", "")},
		{"a panel account", newUser("panel.x", "panel", "KGL", "US")},
		{"a deployment-wide admin", map[string]any{"username": "op.x", "name": "Op", "role": "admin", "site_code": "KGL",
			"password": "a-long-password-1", "deployment_wide": true}},
	} {
		status, body := admin.Do("POST", "/api/users", tc.body, nil)
		if p := clinictest.ProblemOf(t, body); status != 403 || p.Code != "forbidden" {
			t.Errorf("a site admin creates %s: %d %s", tc.name, status, body)
		}
	}
	status, body := admin.Do("POST", "/api/users", map[string]any{"username": "x", "name": "", "role": "nurse", "site_code": "KGL", "password": "short"}, nil)
	if p := clinictest.ProblemOf(t, body); status != 422 || len(p.Errors) != 3 {
		t.Errorf("bad fields: %d %s", status, body)
	}
	var created struct {
		ID string `json:"id"`
	}
	admin.Must(201, "POST", "/api/users", newUser("nurse.new", "nurse", "KGL", ""), &created)

	var list struct {
		Items []struct {
			Username string `json:"username"`
		} `json:"items"`
	}
	admin.Must(200, "GET", "/api/users", nil, &list)
	for _, u := range list.Items {
		if u.Username == "nurse.nbo" || u.Username == "admin.nbo" || u.Username == "panel.us" || u.Username == "operator" {
			t.Errorf("a KGL admin lists %s", u.Username)
		}
	}
	nboNurse := st.Actors["nurse.nbo"].UserID
	for path, req := range map[string]any{"/api/users/" + nboNurse + "/disabled": map[string]bool{"disabled": true},
		"/api/users/" + nboNurse + "/password": map[string]string{"password": "another-password-1"}} {
		status, body = admin.Do("PUT", path, req, nil)
		if status != 404 {
			t.Errorf("PUT %s by another site's admin: %d %s", path, status, body)
		}
	}

	// Disabling ends the user's sessions; enabling lets them in again.
	nurse := st.Login(t, "nurse.nbo")
	nbo := st.Login(t, "admin.nbo")
	nbo.Must(200, "PUT", "/api/users/"+nboNurse+"/disabled", map[string]bool{"disabled": true}, nil)
	if status, _ = nurse.Do("GET", "/api/session", nil, nil); status != 401 {
		t.Errorf("a disabled user's session: %d", status)
	}
	if _, status, _ = st.LoginWith(t, "nurse.nbo", clinictest.Password, ""); status != 401 {
		t.Errorf("a disabled user logs in: %d", status)
	}
	status, body = nbo.Do("PUT", "/api/users/"+st.Actors["admin.nbo"].UserID+"/disabled", map[string]bool{"disabled": true}, nil)
	if p := clinictest.ProblemOf(t, body); status != 409 || p.Code != "invalid_state" {
		t.Errorf("an admin disables themself: %d %s", status, body)
	}
	nbo.Must(200, "PUT", "/api/users/"+nboNurse+"/disabled", map[string]bool{"disabled": false}, nil)
	nbo.Must(204, "PUT", "/api/users/"+nboNurse+"/password", map[string]string{"password": "reset-password-99"}, nil)
	if _, status, _ = st.LoginWith(t, "nurse.nbo", "reset-password-99", ""); status != 200 {
		t.Errorf("the reset password: %d", status)
	}

	// The deployment-wide operator manages every site and creates panel accounts.
	op := st.Login(t, "operator")
	op.Must(201, "POST", "/api/users", newUser("panel.x", "panel", "KGL", "US"), nil)
	op.Must(201, "POST", "/api/users", newUser("nurse.x", "nurse", "NBO", ""), nil)
	op.Must(200, "PUT", "/api/users/"+nboNurse+"/disabled", map[string]bool{"disabled": false}, nil)
}

// TestChangeOwnPassword: the current password is checked; the other sessions end, this one stays.
func TestChangeOwnPassword(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1})
	other := st.Login(t, "lab")
	c := st.Login(t, "lab")
	status, body := c.Do("PUT", "/api/session/password", map[string]string{"current_password": "not-it-at-all", "new_password": "new-password-2026"}, nil)
	if p := clinictest.ProblemOf(t, body); status != 422 || p.Errors[0].Field != "current_password" {
		t.Fatalf("a wrong current password: %d %s", status, body)
	}
	status, body = c.Do("PUT", "/api/session/password", map[string]string{"current_password": clinictest.Password, "new_password": "short"}, nil)
	if p := clinictest.ProblemOf(t, body); status != 422 || p.Errors[0].Field != "new_password" {
		t.Fatalf("a short new password: %d %s", status, body)
	}
	c.Must(204, "PUT", "/api/session/password", map[string]string{"current_password": clinictest.Password, "new_password": "new-password-2026"}, nil)
	c.Must(200, "GET", "/api/session", nil, nil)
	if status, _ = other.Do("GET", "/api/session", nil, nil); status != 401 {
		t.Fatalf("the other session after a password change: %d", status)
	}
	if _, status, _ = st.LoginWith(t, "lab", "new-password-2026", ""); status != 200 {
		t.Fatalf("the new password: %d", status)
	}
}
