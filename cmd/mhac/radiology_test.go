package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/internal/demo"
)

// TestImportRadiologyCommand runs `mhac import radiology` on a file of two messages (LF line
// ends): one for an ordered X-ray, one for no X-ray. A dry run keeps nothing; the import keeps
// the report with the study and the other message in the admin's error list; each message
// prints one JSON line with exactly the keys.
func TestImportRadiologyCommand(t *testing.T) {
	ctx := context.Background()
	url, _, svc := newTestService(t)
	actors := map[string]clinic.Actor{}
	for name, role := range map[string]clinic.Role{"reg": clinic.RoleRegistrar, "nurse": clinic.RoleNurse, "rad": clinic.RoleRadiology, "admin": clinic.RoleAdmin} {
		u, err := svc.CreateUser(ctx, clinic.Actor{}, clinic.NewUser{Username: name, Name: name, Role: role, SiteCode: demo.Site.Code, Password: "a-long-test-password"})
		if err != nil {
			t.Fatal(err)
		}
		actors[name] = clinic.ActorOf(u, "test", "127.0.0.1")
	}
	cs, err := svc.RegisterCase(ctx, actors["reg"], clinic.NewCase{CaseNumber: "RAD-1", Destination: "US", Program: "refugee",
		Members: []clinic.Applicant{{Surnames: "Habimana", GivenNames: "Jean", BirthDate: time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC), Sex: "male", ResidenceCountry: "RW"}}})
	if err != nil {
		t.Fatal(err)
	}
	if cs, err = svc.QueueCase(ctx, actors["reg"], cs.ID); err != nil {
		t.Fatal(err)
	}
	studies, err := svc.OrderImaging(ctx, actors["nurse"], cs.Members[0].AssessmentID)
	if err != nil || len(studies) != 1 {
		t.Fatalf("order: %v, %v", studies, err)
	}
	acc := studies[0].Accession
	msg := func(control, accession string) string {
		return strings.Join([]string{`MSH|^~\&|TELERAD|NBO|MHAC|KGL|20261203101500||ORU^R01|` + control + `|P|2.5`,
			`OBR|1||` + accession + `|71046|||20261203080000|||||||||||||||20261203093000+0200|||F|||||||9&Otieno&Paul`,
			`OBX|1|TX|||Normal chest\.br\No TB||||||F`}, "\n") + "\n"
	}
	file := filepath.Join(t.TempDir(), "reports.hl7")
	if err := os.WriteFile(file, []byte(msg("C-1", acc)+msg("C-2", "RXZZZ0000404")), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg := config{DatabaseURL: url}
	keys := "accession control_id error file matched read_at reader report status"
	for _, dry := range []bool{true, false} {
		args := []string{"radiology", file, "--user", "rad"}
		if dry {
			args = append(args, "--dry-run")
		}
		var out, errOut bytes.Buffer
		if code := radiologyMain(ctx, cfg, args, &out, &errOut); code != 1 {
			t.Fatalf("dry %v: exit %d, want 1 (one unmatched): %s %s", dry, code, out.String(), errOut.String())
		}
		lines := strings.Split(strings.TrimSpace(out.String()), "\n")
		if len(lines) != 2 {
			t.Fatalf("dry %v: %d lines: %s", dry, len(lines), out.String())
		}
		var got []map[string]any
		for _, l := range lines {
			var m map[string]any
			if err := json.Unmarshal([]byte(l), &m); err != nil {
				t.Fatalf("not JSON: %s", l)
			}
			ks := []string{}
			for k := range m {
				ks = append(ks, k)
			}
			if strings.Join(slices.Sorted(slices.Values(ks)), " ") != keys {
				t.Errorf("keys %v", ks)
			}
			got = append(got, m)
		}
		if got[0]["matched"] != true || got[0]["control_id"] != "C-1" || got[0]["accession"] != acc || got[0]["status"] != "F" ||
			got[0]["reader"] != "Paul Otieno" || got[0]["read_at"] != "2026-12-03T07:30:00Z" || got[0]["report"] != "Normal chest\nNo TB" || got[0]["error"] != "" {
			t.Errorf("line 1: %v", got[0])
		}
		if got[1]["matched"] != false || !strings.Contains(got[1]["error"].(string), "RXZZZ0000404") {
			t.Errorf("line 2: %v", got[1])
		}
		errs, err := svc.RadiologyImportErrors(ctx, actors["admin"], 0)
		if err != nil {
			t.Fatal(err)
		}
		st, err := svc.ImagingStudyByID(ctx, actors["rad"], studies[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		if want := map[bool]int{true: 0, false: 1}[dry]; len(errs) != want || len(st.Reports) != want {
			t.Errorf("dry %v: %d errors and %d reports kept, want %d", dry, len(errs), len(st.Reports), want)
		}
	}
	var out, errOut bytes.Buffer
	if code := radiologyMain(ctx, cfg, []string{"radiology", "--user", "rad"}, &out, &errOut); code != 2 {
		t.Errorf("no file: exit %d", code)
	}
}
