package clinic_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

// otherSite adds a second site with a nurse, for the checks of site scoping.
func (v *vx) otherSite(t *testing.T) clinic.Actor {
	t.Helper()
	ctx := context.Background()
	if _, err := v.svc.EnsureSite(ctx, clinic.Site{Code: "GOM", Name: "Goma MHAC", Country: "CD", Timezone: "Africa/Lubumbashi"}); err != nil {
		t.Fatal(err)
	}
	u, err := v.svc.CreateUser(ctx, clinic.Actor{}, clinic.NewUser{Username: "gom-nurse", Name: "Goma nurse", Role: clinic.RoleNurse,
		SiteCode: "GOM", Password: "test-password-2026", RegistrationID: "RMDC-2"})
	if err != nil {
		t.Fatal(err)
	}
	return clinic.ActorOf(u, "test", "127.0.0.1")
}

func (v *vx) admin(t *testing.T) clinic.Actor {
	t.Helper()
	u, err := v.svc.CreateUser(context.Background(), clinic.Actor{}, clinic.NewUser{Username: "admin", Name: "Test admin",
		Role: clinic.RoleAdmin, SiteCode: "KGL", Password: "test-password-2026"})
	if err != nil {
		t.Fatal(err)
	}
	return clinic.ActorOf(u, "test", "127.0.0.1")
}

func (v *vx) chart(t *testing.T, a clinic.Actor, id string) clinic.Chart {
	t.Helper()
	ch, err := v.svc.Chart(context.Background(), a, id)
	if err != nil {
		t.Fatal(err)
	}
	return ch
}

// TestVaccineAvailability: a vaccine the site cannot get settles a dose due today as "not
// routinely available" with the date set, on the chart and on the form's snapshot; only a dose
// due is settled; lifting it makes the dose due again and keeps the entry; setting it again is
// a new entry; the list is the site's own.
func TestVaccineAvailability(t *testing.T) {
	v := newVX(t)
	ctx := context.Background()
	nurse, adm := v.actors[clinic.RoleNurse], v.admin(t)
	ch := v.open(t, "VX-AV-1", "US", "immigrant", v.today.AddDate(-1, -3, -10))
	if l := line(t, ch, "hepa"); l.Status != clinic.LineGiveToday {
		t.Fatalf("a 15-month-old without a card: hepa %s", l.Status)
	}
	if l := line(t, ch, "rotavirus"); l.ReasonCode != clinic.ReasonNotAgeAppropriate {
		t.Fatalf("rotavirus at 15 months: %s %s", l.Status, l.ReasonCode)
	}

	hepa, err := v.svc.SetVaccineUnavailable(ctx, nurse, "hepa", "The supplier has none until March")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := v.svc.SetVaccineUnavailable(ctx, adm, "Rotavirus", ""); err != nil {
		t.Fatalf("the admin sets a vaccine group: %v", err)
	}
	if !hepa.SetOn.Equal(v.today) || hepa.SetName != nurse.Name || hepa.LiftedAt != nil {
		t.Errorf("the entry: %+v", hepa)
	}
	ch = v.chart(t, nurse, ch.Assessment.ID)
	l := line(t, ch, "hepa")
	if l.Status != clinic.LineNotRequired || l.ReasonCode != clinic.ReasonNotRoutinelyAvailable || l.GiveToday ||
		l.Unavailable == nil || l.Unavailable.ID != hepa.ID || !strings.Contains(l.Reason, v.today.Format(time.DateOnly)) {
		t.Errorf("hepa with the site's entry: %+v", l)
	}
	if l := line(t, ch, "rotavirus"); l.ReasonCode != clinic.ReasonNotAgeAppropriate || l.Unavailable != nil {
		t.Errorf("a line not due keeps its own reason: %s %s", l.Status, l.ReasonCode)
	}
	byVaccine := map[string]clinic.FormVaccination{}
	for _, fv := range clinic.BuildSnapshot(ch, v.site).Vaccinations {
		byVaccine[fv.Vaccine] = fv
	}
	if fv := byVaccine["Hepatitis A"]; fv.Status != "not_medically_appropriate" || fv.Reason != clinic.ReasonNotRoutinelyAvailable ||
		fv.UnavailableSince == nil || !fv.UnavailableSince.Equal(v.today) {
		t.Errorf("hepatitis A on the form: %+v", fv)
	}
	if fv := byVaccine["Rotavirus"]; fv.UnavailableSince != nil {
		t.Errorf("rotavirus on the form: %+v", fv)
	}

	cases := []struct {
		name, vaccine, note string
		a                   clinic.Actor
		field, code         string
	}{
		{"no vaccine", "", "", nurse, "vaccine", "required"},
		{"not a DS-3025 vaccine", "yellow_fever", "", nurse, "vaccine", "unknown"},
		{"already on the list", "hepa", "", nurse, "vaccine", "duplicate"},
		{"a note too long", "mmr", strings.Repeat("x", 501), nurse, "note", "too_long"},
	}
	for _, c := range cases {
		_, err := v.svc.SetVaccineUnavailable(ctx, c.a, c.vaccine, c.note)
		if got := fieldCode(err, c.field); got != c.code {
			t.Errorf("%s: %s = %q, want %q (%v)", c.name, c.field, got, c.code, err)
		}
	}
	for _, r := range []clinic.Role{clinic.RoleLab, clinic.RolePhysician, clinic.RoleRegistrar} {
		if _, err := v.svc.SetVaccineUnavailable(ctx, v.actors[r], "mmr", ""); !clinic.IsCode(err, clinic.EForbidden) {
			t.Errorf("%s sets a vaccine unavailable: %v", r, err)
		}
		if _, err := v.svc.LiftVaccineUnavailable(ctx, v.actors[r], hepa.ID, ""); !clinic.IsCode(err, clinic.EForbidden) {
			t.Errorf("%s lifts an entry: %v", r, err)
		}
	}
	if _, err := v.svc.VaccineAvailabilityOf(ctx, v.actors[clinic.RoleLab]); !clinic.IsCode(err, clinic.EForbidden) {
		t.Errorf("the lab reads the list: %v", err)
	}

	// Another site neither sees nor lifts this site's entries, and its own list is empty.
	gom := v.otherSite(t)
	if av, err := v.svc.VaccineAvailabilityOf(ctx, gom); err != nil || len(av.Entries) != 0 || len(av.Vaccines) == 0 {
		t.Errorf("the other site's list: %+v %v", av, err)
	}
	if _, err := v.svc.LiftVaccineUnavailable(ctx, gom, hepa.ID, ""); !clinic.IsCode(err, clinic.ENotFound) {
		t.Errorf("the other site lifts this site's entry: %v", err)
	}

	// Lifted: hepa is due again; the entry stays, lifted; lifting twice finds nothing in force.
	lifted, err := v.svc.LiftVaccineUnavailable(ctx, nurse, hepa.ID, "Delivered")
	if err != nil || lifted.LiftedAt == nil || lifted.LiftedName != nurse.Name || lifted.LiftNote != "Delivered" {
		t.Fatalf("lift: %+v %v", lifted, err)
	}
	if _, err := v.svc.LiftVaccineUnavailable(ctx, nurse, hepa.ID, ""); !clinic.IsCode(err, clinic.ENotFound) {
		t.Errorf("lifting twice: %v", err)
	}
	if l := line(t, v.chart(t, nurse, ch.Assessment.ID), "hepa"); l.Status != clinic.LineGiveToday || l.Unavailable != nil {
		t.Errorf("hepa after the lift: %s %+v", l.Status, l.Unavailable)
	}
	again, err := v.svc.SetVaccineUnavailable(ctx, nurse, "HepA", "")
	if err != nil {
		t.Fatalf("set again by its group: %v", err)
	}
	av, err := v.svc.VaccineAvailabilityOf(ctx, nurse)
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, u := range av.Entries {
		order = append(order, u.Vaccine+map[bool]string{true: " in force", false: " lifted"}[u.LiftedAt == nil])
	}
	if strings.Join(order, ", ") != "HepA in force, Rotavirus in force, hepa lifted" || av.Entries[0].ID != again.ID {
		t.Errorf("the list with its history: %v", order)
	}
	if l := line(t, v.chart(t, nurse, ch.Assessment.ID), "hepa"); l.ReasonCode != clinic.ReasonNotRoutinelyAvailable {
		t.Errorf("hepa named by its CDSi group: %s %s", l.Status, l.ReasonCode)
	}

	// Every change is in the audit log.
	rows, err := v.svc.SearchAudit(ctx, adm, clinic.AuditFilter{Action: "vaccine_availability."})
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	for _, r := range rows.Items {
		count[r.Action]++
	}
	if count["vaccine_availability.set"] != 3 || count["vaccine_availability.lift"] != 1 {
		t.Errorf("audit rows: %v", count)
	}
}

// TestUnavailabilityInForce: an entry holds from the instant it was set until it is lifted, so
// a signed chart (read at its sign-off) keeps the entries of that moment.
func TestUnavailabilityInForce(t *testing.T) {
	set := time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC)
	lift := set.Add(48 * time.Hour)
	open := clinic.VaccineUnavailability{SetAt: set}
	lifted := clinic.VaccineUnavailability{SetAt: set, LiftedAt: &lift}
	cases := []struct {
		name string
		u    clinic.VaccineUnavailability
		at   time.Time
		want bool
	}{
		{"before it was set", open, set.Add(-time.Second), false},
		{"the instant it was set", open, set, true},
		{"in force, long after", open, set.AddDate(1, 0, 0), true},
		{"lifted, before the lift", lifted, lift.Add(-time.Second), true},
		{"lifted, at the lift", lifted, lift, false},
		{"lifted, after", lifted, lift.Add(time.Hour), false},
	}
	for _, c := range cases {
		if got := c.u.InForceAt(c.at); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}
