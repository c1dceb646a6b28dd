package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/internal/clinictest"
	"github.com/mhac-clinic/mhac/internal/demo"
)

// TestImportManifestCommand runs `mhac import manifest` on a fresh database: a dry run changes
// nothing, the import books every member, the same file again changes nothing, a file with bad
// lines is refused whole, one person moves by id, and a file that is not a manifest exits 2.
func TestImportManifestCommand(t *testing.T) {
	ctx := context.Background()
	url, store, svc := newTestService(t)
	_, err := svc.CreateUser(ctx, clinic.Actor{}, clinic.NewUser{Username: "casew", Name: "Cw", Role: clinic.RoleCaseworker,
		SiteCode: demo.Site.Code, Password: "a-long-test-password"})
	if err != nil {
		t.Fatal(err)
	}
	reg, err := svc.CreateUser(ctx, clinic.Actor{}, clinic.NewUser{Username: "reg", Name: "Reg", Role: clinic.RoleRegistrar,
		SiteCode: demo.Site.Code, Password: "a-long-test-password"})
	if err != nil {
		t.Fatal(err)
	}
	born := time.Date(1985, 1, 1, 0, 0, 0, 0, time.UTC)
	var family clinic.Case
	for _, n := range []string{"MAN-1", "MAN-2"} {
		c, err := clinictest.RegisterGoingOn(ctx, svc, clinic.ActorOf(reg, "t", "127.0.0.1"), clinic.NewCase{CaseNumber: n, Destination: "US", Program: "refugee",
			Members: []clinic.Applicant{{Surnames: "Iradukunda", GivenNames: "Jean", BirthDate: born, Sex: "male", ResidenceCountry: "RW"},
				{Surnames: "Iradukunda", GivenNames: "Ange", BirthDate: born.AddDate(25, 0, 0), Sex: "female", Relationship: "child", ResidenceCountry: "RW"}}})
		if err != nil {
			t.Fatal(err)
		}
		family = c
	}
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.csv", "Flight No,Date,Case Number,From,To\nrwa 9b,06/12/2026,MAN-1,KGL,JFK\nRWA9B,2026-12-06,MAN-2,,\n")
	bad := write("bad.csv", "flight,date,case number\nRWA9B,2026-12-06,MAN-1\nnot a flight,2026-12-06,MAN-2\nKQ101,2026-12-07,MAN-404\n")
	move := write("move.csv", "flight;date;person id\nKQ101;2026-12-07;"+family.Members[1].ID+"\n")
	notManifest := write("list.csv", "surnames,given_names\nA,B\n")
	cfg := config{DatabaseURL: url}
	booked := func() (flights, passengers int) {
		if err := store.DB().Raw("SELECT (SELECT count(*) FROM flights), (SELECT count(*) FROM flight_passengers)").Row().Scan(&flights, &passengers); err != nil {
			t.Fatal(err)
		}
		return
	}
	for _, tc := range []struct {
		args                                   []string
		code                                   int
		flights, passengers, unchanged, errors int
		afterFlights, afterPassengers          int
	}{
		{[]string{"manifest", good, "--dry-run", "--user", "casew"}, 0, 1, 4, 0, 0, 0, 0},
		{[]string{"manifest", good, "--user", "casew"}, 0, 1, 4, 0, 0, 1, 4},
		{[]string{"manifest", good, "--user", "casew"}, 0, 0, 0, 4, 0, 1, 4},
		{[]string{"manifest", bad, "--user", "casew"}, 1, 0, 0, 0, 2, 1, 4},
		{[]string{"manifest", move, "--user", "casew"}, 0, 1, 1, 0, 0, 2, 4},
		{[]string{"manifest", notManifest, "--user", "casew"}, 2, 0, 0, 0, 1, 2, 4},
		{[]string{"manifest", good, "--user", "nobody"}, 1, -1, -1, -1, -1, 2, 4},
		{[]string{"cases", good, "--user", "casew"}, 2, -1, -1, -1, -1, 2, 4},
	} {
		var out, errOut bytes.Buffer
		code := manifestMain(ctx, cfg, tc.args, &out, &errOut)
		if code != tc.code {
			t.Errorf("%v: exit %d, want %d; stdout %s stderr %s", tc.args, code, tc.code, out.String(), errOut.String())
			continue
		}
		if tc.flights >= 0 {
			var sum clinic.ManifestSummary
			if err := json.Unmarshal(out.Bytes(), &sum); err != nil {
				t.Fatalf("%v: %v in %q", tc.args, err, out.String())
			}
			if sum.Flights != tc.flights || sum.Passengers != tc.passengers || sum.Unchanged != tc.unchanged || len(sum.Errors) != tc.errors {
				t.Errorf("%v: %+v", tc.args, sum)
			}
		}
		if f, p := booked(); f != tc.afterFlights || p != tc.afterPassengers {
			t.Errorf("%v: %d flights and %d passengers after, want %d and %d", tc.args, f, p, tc.afterFlights, tc.afterPassengers)
		}
	}
}
