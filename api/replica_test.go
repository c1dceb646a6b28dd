package api_test

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/clinic/postgres"
	"github.com/mhac-clinic/mhac/clinic/postgres/pgtest"
	"github.com/mhac-clinic/mhac/internal/clinictest"
)

// replicaStack is a clinic whose "replica" is another database of the test cluster: what it
// holds differs from the primary, so each answer shows which handle served it. (That a streaming
// replica follows the primary is shown by scripts/drill-replica.sh.)
func replicaStack(t *testing.T) (st *clinictest.Stack, replicaDB string) {
	t.Helper()
	ctx := context.Background()
	replicaURL := pgtest.NewDatabase(t)
	st = clinictest.New(t, clinictest.Options{RedisDB: 1, ReplicaURL: replicaURL})
	// On the replica only: the site, and a case the primary does not have.
	w, err := postgres.Open(ctx, replicaURL)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	err = w.Tx(ctx, func(tx clinic.Tx) error {
		site, err := siteOf(ctx, st)
		if err != nil {
			return err
		}
		if err := tx.CreateSite(ctx, &site); err != nil {
			return err
		}
		c := clinic.Case{ID: clinic.NewID(), SiteID: site.ID, CaseNumber: "RPL-ONLY", Destination: "US", Program: "refugee", Version: 1, CreatedAt: time.Now().UTC()}
		c.Members = []clinic.Applicant{{ID: clinic.NewID(), CaseID: c.ID, SiteID: site.ID, Surnames: "Replicaonly", GivenNames: "Rose",
			BirthDate: time.Date(1991, 2, 3, 0, 0, 0, 0, time.UTC), Sex: "female", Relationship: "principal", ResidenceCountry: "RW", Version: 1, CreatedAt: c.CreatedAt}}
		return tx.CreateCase(ctx, &c)
	})
	if err != nil {
		t.Fatalf("fill the replica: %v", err)
	}
	u, _ := url.Parse(replicaURL)
	return st, strings.TrimPrefix(u.Path, "/")
}

func siteOf(ctx context.Context, st *clinictest.Stack) (clinic.Site, error) {
	var s clinic.Site
	err := st.Store.Tx(ctx, func(tx clinic.Tx) error {
		var err error
		s, err = tx.SiteByCode(ctx, "KGL")
		return err
	})
	return s, err
}

// count runs one counting query on a database of the test cluster.
func count(t *testing.T, db, sql string) int {
	t.Helper()
	ctx := context.Background()
	admin, _ := url.Parse(pgtest.AdminURL(t))
	admin.Path = "/" + db
	conn, err := pgx.Connect(ctx, admin.String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var n int
	if err := conn.QueryRow(ctx, sql).Scan(&n); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return n
}

type casesPage struct {
	Items []struct {
		ID         string `json:"id"`
		CaseNumber string `json:"case_number"`
	} `json:"items"`
}

// TestReplicaRouting: the reads that may lag (case search, board, duplicates, panel list,
// dashboard, TB report) are served by the replica, with their audit rows on the primary; the
// chart, the worklist, a case opened and every write use the primary. Nothing is written through
// the replica's handle.
func TestReplicaRouting(t *testing.T) {
	st, replicaDB := replicaStack(t)
	reg, nurse := st.Login(t, "registrar"), st.Login(t, "nurse")
	var created struct{ ID string }
	reg.Must(201, "POST", "/api/cases", map[string]any{"case_number": "PRI-1", "destination": "US", "program": "refugee",
		"members": []map[string]any{{"surnames": "Primaria", "given_names": "Paula", "birth_date": "1990-03-03", "sex": "female", "residence_country": "RW"}}}, &created)
	reg.Must(200, "POST", "/api/cases/"+created.ID+"/queue", nil, nil)

	// The search answers from the replica: the case only it holds, not the one just registered.
	var page casesPage
	reg.Must(200, "GET", "/api/cases?q=Replicaonly", nil, &page)
	if len(page.Items) != 1 || page.Items[0].CaseNumber != "RPL-ONLY" {
		t.Fatalf("search of the replica's case: %+v", page.Items)
	}
	reg.Must(200, "GET", "/api/cases?q=Primaria", nil, &page)
	if len(page.Items) != 0 {
		t.Fatalf("the search answered from the primary: %+v", page.Items)
	}
	// Opening a case reads the primary.
	reg.Must(200, "GET", "/api/cases/"+created.ID, nil, nil)

	var work struct {
		Items []struct {
			AssessmentID string `json:"assessment_id"`
		} `json:"items"`
	}
	nurse.Must(200, "GET", "/api/worklist?station=nurse", nil, &work)
	if len(work.Items) != 1 {
		t.Fatalf("the worklist (primary) has %d charts, want 1", len(work.Items))
	}
	chart := "/api/assessments/" + work.Items[0].AssessmentID
	clients := map[string]*clinictest.Client{"registrar": reg, "nurse": nurse, "caseworker": st.Login(t, "caseworker"),
		"panel.us": st.Login(t, "panel.us"), "physician": st.Login(t, "physician")}
	for _, r := range []struct {
		user, path string
		replica    bool
	}{
		{"registrar", "/api/cases?q=Pri", true},
		{"registrar", "/api/duplicates?surnames=Primaria&given_names=Paula&birth_date=1990-03-03", true},
		{"caseworker", "/api/board", true},
		{"panel.us", "/api/panel/applicants", true},
		{"physician", "/api/dashboard", true},
		{"physician", "/api/reports/tb-indicators?month=2026-11", true},
		{"nurse", "/api/worklist?station=nurse", false},
		{"nurse", chart, false},
		{"registrar", "/api/cases/" + created.ID, false},
		{"nurse", "/api/session", false},
	} {
		before := st.Replica.Status()
		clients[r.user].Must(200, "GET", r.path, nil, nil)
		after := st.Replica.Status()
		if got := after.Served > before.Served; got != r.replica || after.Refused != before.Refused {
			t.Errorf("%s %s: served by the replica %v (refused %d), want %v", r.user, r.path, got, after.Refused-before.Refused, r.replica)
		}
	}
	// A write reads and writes the primary.
	var ch struct{ Version int }
	nurse.Must(200, "GET", chart, nil, &ch)
	before := st.Replica.Status().Served
	nurse.Must(200, "POST", chart+"/identity-checks", map[string]any{"station": "exam", "outcome": "match"}, &ch)
	nurse.Must(200, "PUT", chart+"/vitals", map[string]any{"version": ch.Version, "height_cm": 170, "weight_kg": 60,
		"bp_systolic": 120, "bp_diastolic": 80, "pulse": 70, "temperature_c": 36.6, "exam_normal": true}, nil)
	if st.Replica.Status().Served != before {
		t.Error("a write used the replica")
	}

	// The audit rows of the replica's reads are on the primary; the replica has none.
	primary := databaseOf(t, st)
	for _, action := range []string{"case.search", "applicant.duplicates", "board.read", "panel.list", "dashboard.read", "report.tb_indicators"} {
		if n := count(t, primary, "SELECT count(*) FROM audit_log WHERE action = '"+action+"'"); n == 0 {
			t.Errorf("no %s audit row on the primary", action)
		}
	}
	if n := count(t, replicaDB, "SELECT count(*) FROM audit_log"); n != 0 {
		t.Errorf("%d audit rows written on the replica", n)
	}
	// The replica's handle refuses writes, whatever database it points at.
	err := st.Replica.Tx(context.Background(), func(tx clinic.Tx) error {
		return tx.Audit(context.Background(), clinic.AuditEntry{At: time.Now(), Action: "test.write", Record: "site"})
	})
	if err == nil {
		t.Error("a write through the replica's handle succeeded")
	}
}

// TestReplicaDownReadsFromPrimary: when the replica stops answering, the very request that finds
// it gone is answered from the primary, /readyz stays 200 and says "unavailable" (no error
// text); once it answers again, a check puts it back in use.
func TestReplicaDownReadsFromPrimary(t *testing.T) {
	st, replicaDB := replicaStack(t)
	reg := st.Login(t, "registrar")
	reg.Must(201, "POST", "/api/cases", map[string]any{"case_number": "PRI-2", "destination": "US", "program": "refugee",
		"members": []map[string]any{{"surnames": "Primaria", "given_names": "Pia", "birth_date": "1992-03-03", "sex": "female", "residence_country": "RW"}}}, nil)
	var ready struct{ Status, Replica string }
	reg.Must(200, "GET", "/readyz", nil, &ready)
	if ready.Replica != "ok" {
		t.Fatalf("/readyz: %+v, want the replica ok", ready)
	}

	adminExec(t, "ALTER DATABASE "+replicaDB+" ALLOW_CONNECTIONS false")
	t.Cleanup(func() { adminExec(t, "ALTER DATABASE "+replicaDB+" ALLOW_CONNECTIONS true") })
	adminExec(t, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"+replicaDB+"'")

	var page casesPage
	reg.Must(200, "GET", "/api/cases?q=Primaria", nil, &page)
	if len(page.Items) != 1 || page.Items[0].CaseNumber != "PRI-2" {
		t.Fatalf("with the replica down, the search did not answer from the primary: %+v", page.Items)
	}
	if st.Replica.State() != postgres.ReplicaUnavailable || st.Replica.Status().Refused == 0 {
		t.Fatalf("the replica is %+v after failing", st.Replica.Status())
	}
	raw := reg.Must(200, "GET", "/readyz", nil, &ready)
	if ready.Status != "ready" || ready.Replica != "unavailable" || strings.Contains(string(raw), "connect") {
		t.Fatalf("/readyz with the replica down: %s", raw)
	}
	// Checked while still down, it stays out of use; reads keep going to the primary.
	st.Replica.Check(context.Background())
	reg.Must(200, "GET", "/api/cases?q=Primaria", nil, &page)
	if len(page.Items) != 1 {
		t.Fatalf("search with the replica still down: %+v", page.Items)
	}

	adminExec(t, "ALTER DATABASE "+replicaDB+" ALLOW_CONNECTIONS true")
	if st.Replica.Check(context.Background()).State != postgres.ReplicaOK {
		t.Fatalf("the replica is back but %+v", st.Replica.Status())
	}
	reg.Must(200, "GET", "/api/cases?q=Replicaonly", nil, &page)
	if len(page.Items) != 1 {
		t.Fatalf("the replica is back but the search did not use it: %+v", page.Items)
	}
	reg.Must(200, "GET", "/readyz", nil, &ready)
	if ready.Replica != "ok" {
		t.Fatalf("/readyz after the replica came back: %+v", ready)
	}
}

// databaseOf names the primary's database.
func databaseOf(t *testing.T, st *clinictest.Stack) string {
	t.Helper()
	var name string
	if err := st.Store.DB().Raw("SELECT current_database()").Scan(&name).Error; err != nil {
		t.Fatal(err)
	}
	return name
}
