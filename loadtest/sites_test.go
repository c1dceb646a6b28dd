package loadtest_test

import (
	"context"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/internal/clinictest"
	"github.com/mhac-clinic/mhac/internal/demo"
	"github.com/mhac-clinic/mhac/loadtest"
)

// TestOpenLoopAcrossSites: with Sites, each site's own users make the requests and write the
// charts of their own site's worklist (a site's nurse cannot see another site's charts, so a
// write aimed at the wrong site would answer 404 and count as an error).
func TestOpenLoopAcrossSites(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 12})
	ctx := context.Background()
	other := demo.Site
	other.ID, other.Code, other.Name = "", "GOM", "Goma MHAC"
	if _, err := st.Svc.EnsureSite(ctx, other); err != nil {
		t.Fatal(err)
	}
	for _, site := range []string{demo.Site.Code, "GOM"} {
		for _, r := range []clinic.Role{clinic.RoleNurse, clinic.RoleRegistrar, clinic.RoleCaseworker} {
			u := clinic.NewUser{Username: string(r) + "." + lower(site), Name: site + " " + string(r), Role: r, SiteCode: site, Password: clinictest.Password}
			if _, err := st.Svc.CreateUser(ctx, clinic.Actor{}, u); err != nil {
				t.Fatalf("%s: %v", u.Username, err)
			}
		}
	}
	charts := map[string]string{} // site → the one assessment queued there
	for _, site := range []string{demo.Site.Code, "GOM"} {
		reg := st.Login(t, "registrar."+lower(site))
		var cs struct{ ID string }
		reg.Must(201, "POST", "/api/cases", map[string]any{"case_number": "SITES-" + site, "destination": "US", "program": "refugee",
			"members": []map[string]any{{"surnames": map[string]string{"GOM": "Kalisa"}[site] + "Uwimana", "given_names": "Aline",
				"birth_date": "1991-04-04", "sex": "female", "residence_country": "RW"}}}, &cs)
		reg.Must(200, "POST", "/api/cases/"+cs.ID+"/queue", nil, nil)
		var list struct {
			Items []struct {
				AssessmentID string `json:"assessment_id"`
			} `json:"items"`
		}
		st.Login(t, "nurse."+lower(site)).Must(200, "GET", "/api/worklist?station=nurse", nil, &list)
		if len(list.Items) != 1 {
			t.Fatalf("%s: %d charts on the nurse's worklist, want 1", site, len(list.Items))
		}
		charts[site] = list.Items[0].AssessmentID
	}
	r, err := loadtest.Open(ctx, loadtest.OpenOptions{BaseURL: st.URL, Password: clinictest.Password,
		Rate: 40, Duration: 2 * time.Second, Seed: 3, Sites: []string{demo.Site.Code, "GOM"},
		Mix: map[loadtest.Kind]int{loadtest.KindChart: 1, loadtest.KindVitals: 1, loadtest.KindBoard: 1}})
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range r.Kinds {
		if k.Errors != k.Conflicts || k.Dropped != 0 {
			t.Errorf("%s: %d errors (%d conflicts), %d dropped", k.Kind, k.Errors, k.Conflicts, k.Dropped)
		}
	}
	for site, id := range charts {
		var chart struct {
			Version int `json:"version"`
		}
		st.Login(t, "nurse."+lower(site)).Must(200, "GET", "/api/assessments/"+id, nil, &chart)
		if chart.Version < 2 {
			t.Errorf("%s: the chart stayed at version %d: no write reached this site", site, chart.Version)
		}
	}
}

func lower(code string) string {
	b := []byte(code)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
