package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/clinic/postgres/pgtest"
)

// TestSeedBulk: the scale seed writes the asked number of people on the asked sites, every copy
// is a chart the clinic can open and evaluate, and the recent ones are signed through the clinic.
func TestSeedBulk(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	secret := filepath.Join(dir, "session.key")
	if err := os.WriteFile(secret, []byte("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg := config{DatabaseURL: pgtest.NewDatabase(t), PublicURL: "http://127.0.0.1", SecretFile: secret, KeysDir: filepath.Join(dir, "keys")}
	if err := seed(ctx, cfg, 0); err != nil {
		t.Fatal(err)
	}
	if err := seedBulk(ctx, cfg, &bulkOptions{applicants: 400, sites: 3, formsDays: 20, seed: 3}); err != nil {
		t.Fatal(err)
	}
	conn, err := pgx.Connect(ctx, cfg.DatabaseURL)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var bulk, sites, signedForms int
	if err := conn.QueryRow(ctx, `SELECT count(*), count(DISTINCT c.site_id) FROM applicants a JOIN cases c ON c.id = a.case_id
		WHERE c.case_number LIKE '%-BULK-%'`).Scan(&bulk, &sites); err != nil {
		t.Fatal(err)
	}
	if bulk != 400 || sites != 3 {
		t.Errorf("%d people on %d sites, want 400 on 3", bulk, sites)
	}
	// Every site has its own signing key, so each signs its own forms.
	var codes []string
	if rows, err := conn.Query(ctx, `SELECT code FROM sites`); err == nil {
		codes, err = pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(codes) < 3 {
		t.Fatalf("sites %v", codes)
	}
	for _, code := range codes {
		if _, err := os.Stat(filepath.Join(cfg.KeysDir, "site-"+code+".key")); err != nil {
			t.Errorf("site %s has no signing key: %v", code, err)
		}
	}
	if err := conn.QueryRow(ctx, `SELECT count(DISTINCT f.assessment_id) FROM forms f JOIN cases c ON c.id = (SELECT case_id FROM assessments WHERE id = f.assessment_id)
		WHERE c.case_number LIKE '%-BULK-%'`).Scan(&signedForms); err != nil {
		t.Fatal(err)
	}
	if signedForms == 0 {
		t.Error("no recent copy was signed through the clinic (no forms ordered)")
	}
	// A US copy signed through the clinic carries the photo, so its DS-2054 is ordered; no copy
	// has a form ordered that the clinic does not draw (it would fail at the worker for good).
	var usSigned, usWithout, undrawable int
	if err := conn.QueryRow(ctx, `SELECT count(*) FILTER (WHERE EXISTS (SELECT 1 FROM forms f WHERE f.assessment_id = a.id AND f.form_type = 'DS-2054')),
		count(*) FILTER (WHERE a.signoff::text LIKE '%no photo on file%')
		FROM assessments a JOIN cases c ON c.id = a.case_id WHERE c.case_number LIKE '%-BULK-%' AND c.destination = 'US'`).Scan(&usSigned, &usWithout); err != nil {
		t.Fatal(err)
	}
	if usSigned == 0 || usWithout > 0 {
		t.Errorf("US copies: %d signed here with a DS-2054, %d signed without it for want of a photo", usSigned, usWithout)
	}
	if err := conn.QueryRow(ctx, `SELECT count(*) FROM forms WHERE NOT form_type = ANY($1)`, clinic.FormsDrawn()).Scan(&undrawable); err != nil {
		t.Fatal(err)
	}
	if undrawable > 0 {
		t.Errorf("%d forms ordered of a type the clinic does not draw", undrawable)
	}
	// The copies carry the archetypes' consents, so the panel and the board see them as shared.
	var consents int
	if err := conn.QueryRow(ctx, `SELECT count(*) FROM consents k JOIN applicants a ON a.id = k.applicant_id
		JOIN cases c ON c.id = a.case_id WHERE c.case_number LIKE '%-BULK-%'`).Scan(&consents); err != nil {
		t.Fatal(err)
	}
	if consents < bulk {
		t.Errorf("%d consents for %d copied people", consents, bulk)
	}
	// Open a copy of every site as that site's physician: the chart loads and the protocol runs.
	rows, err := conn.Query(ctx, `SELECT DISTINCT ON (s.code) a.id::text, s.id::text, s.code, u.id::text, u.username
		FROM assessments a JOIN cases c ON c.id = a.case_id JOIN sites s ON s.id = a.site_id
		JOIN users u ON u.site_id = s.id AND u.role = 'physician'
		WHERE c.case_number LIKE '%-BULK-%' ORDER BY s.code, a.queued_at`)
	if err != nil {
		t.Fatal(err)
	}
	type copyOf struct{ id, siteID, code, userID, username string }
	var copies []copyOf
	for rows.Next() {
		var c copyOf
		if err := rows.Scan(&c.id, &c.siteID, &c.code, &c.userID, &c.username); err != nil {
			t.Fatal(err)
		}
		copies = append(copies, c)
	}
	rows.Close()
	svc, store, err := seedService(ctx, cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	for _, c := range copies {
		a := clinic.Actor{UserID: c.userID, Username: c.username, Role: clinic.RolePhysician, SiteID: c.siteID, SiteCode: c.code}
		ch, err := svc.Chart(ctx, a, c.id)
		if err != nil {
			t.Errorf("site %s: chart %s: %v", c.code, c.id, err)
			continue
		}
		if ch.Plan.ProtocolID == "" || ch.Applicant.Surnames == "Archetype" {
			t.Errorf("site %s: chart %s is not a copy with its own person and plan: %+v", c.code, c.id, ch.Applicant)
		}
	}
	if len(copies) != 3 {
		t.Errorf("copies opened on %d sites, want 3", len(copies))
	}
}
