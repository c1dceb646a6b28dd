package api_test

import (
	"context"
	"strings"
	"testing"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/internal/clinictest"
	"github.com/mhac-clinic/mhac/internal/demo"
)

// TestRBACOtherSiteAndCountry walks the whole route table (as TestRBACMatrix does, so a new route
// is covered without a new row) and calls every route that names a record of the Kigali site —
// a case, an applicant, an assessment and what hangs under them — as each role of another site
// (Goma) that holds the route's permission, and as the panel of another country (CA, for a US
// person). Reads must answer 404 (or 403), as if the record did not exist; writes must never
// succeed. The same calls by the Kigali user of each role answer reads without 404/403 on the
// chart, case and applicant themselves, so the refusal is the site's, not the route's.
func TestRBACOtherSiteAndCountry(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1})
	caseID, assessmentID := registerOne(t, st, "RW-XSITE-1")
	var cs caseOut
	st.Login(t, "registrar").Must(200, "GET", "/api/cases/"+caseID, nil, &cs)
	applicantID := cs.Members[0].ID

	ctx := context.Background()
	other := demo.Site
	other.ID, other.Code, other.Name = "", "GOM", "Goma MHAC"
	if _, err := st.Svc.EnsureSite(ctx, other); err != nil {
		t.Fatal(err)
	}
	foreign := map[clinic.Role]*clinictest.Client{}
	for _, r := range clinic.Roles {
		if r == clinic.RolePanel {
			continue // a panel account acts for a country, not a site: panel.ca below
		}
		u := clinic.NewUser{Username: string(r) + ".gom", Name: "Goma " + string(r), Role: r, SiteCode: "GOM", Password: clinictest.Password}
		if r == clinic.RolePhysician {
			u.RegistrationID = "GOM-PHY-1"
		}
		if _, err := st.Svc.CreateUser(ctx, clinic.Actor{}, u); err != nil {
			t.Fatalf("%s: %v", u.Username, err)
		}
		foreign[r] = st.Login(t, u.Username)
	}
	foreign[clinic.RolePanel] = st.Login(t, "panel.ca")

	missing := "00000000-0000-4000-8000-000000000000"
	fill := strings.NewReplacer("/api/cases/{id}", "/api/cases/"+caseID, "/api/assessments/{id}", "/api/assessments/"+assessmentID,
		"/api/applicants/{id}", "/api/applicants/"+applicantID, "{id}", missing, "{dose}", missing, "{scan}", missing,
		"{check}", missing, "{name}", "x", "{form}", missing)
	checked := 0
	for _, row := range matrix(t, st) {
		method, path, _ := strings.Cut(row.route, " ")
		if !strings.HasPrefix(path, "/api/cases/{id}") && !strings.HasPrefix(path, "/api/assessments/{id}") &&
			!strings.HasPrefix(path, "/api/applicants/{id}") {
			continue
		}
		url := fill.Replace(path)
		for _, r := range clinic.Roles {
			if !row.allow[r] {
				continue // refused by the role already (TestRBACMatrix)
			}
			checked++
			code, raw := foreign[r].Do(method, url, map[string]any{}, nil)
			switch {
			case method == "GET" && code != 404 && code != 403:
				t.Errorf("%s as %s of another site/country: %d %.200s, want 404", row.route, r, code, raw)
			case code >= 200 && code < 300:
				t.Errorf("%s as %s of another site/country succeeded: %d %.200s", row.route, r, code, raw)
			}
		}
	}
	t.Logf("%d route × role cells refused", checked)
	if checked < 50 {
		t.Fatalf("only %d route × role cells checked; the route table was not read", checked)
	}
	// The control: the own site's users read the records themselves.
	for _, c := range []struct{ user, path string }{
		{"nurse", "/api/assessments/" + assessmentID}, {"registrar", "/api/cases/" + caseID},
		{"physician", "/api/assessments/" + assessmentID}, {"registrar", "/api/applicants/" + applicantID + "/consents"},
	} {
		st.Login(t, c.user).Must(200, "GET", c.path, nil, nil)
	}
}
