package clinic_test

import (
	"context"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/clinic/postgres/pgtest"
	"github.com/mhac-clinic/mhac/internal/clinictest"
	"github.com/mhac-clinic/mhac/password"
	"github.com/mhac-clinic/mhac/protocols"
	"github.com/mhac-clinic/mhac/protocols/vaccination"
)

// vx is a clinic on a fresh database with the real protocol engine and CDSi immunizer.
type vx struct {
	svc    *clinic.Service
	site   clinic.Site
	actors map[clinic.Role]clinic.Actor
	today  time.Time
	store  clinic.Store
}

func newVX(t *testing.T) *vx {
	t.Helper()
	ctx := context.Background()
	engine, err := protocols.Load()
	if err != nil {
		t.Fatal(err)
	}
	im, err := vaccination.NewImmunizer()
	if err != nil {
		t.Fatal(err)
	}
	store := pgtest.NewStore(t)
	svc, err := clinic.NewService(clinic.Deps{Store: store, Assessor: engine, Immunizer: im,
		Hasher:        password.Hasher{P: password.Params{Memory: 8 * 1024, Time: 1, Threads: 1, KeyLen: 32, SaltLen: 16}},
		SessionSecret: []byte("0123456789abcdef0123456789abcdef-test")})
	if err != nil {
		t.Fatal(err)
	}
	site, err := svc.EnsureSite(ctx, clinic.Site{Code: "KGL", Name: "Kigali MHAC", Country: "RW", Timezone: "Africa/Kigali"})
	if err != nil {
		t.Fatal(err)
	}
	v := &vx{svc: svc, site: site, actors: map[clinic.Role]clinic.Actor{}, today: site.Today(time.Now()), store: store}
	for _, r := range []clinic.Role{clinic.RoleRegistrar, clinic.RoleNurse, clinic.RoleLab, clinic.RolePhysician} {
		u, err := svc.CreateUser(ctx, clinic.Actor{}, clinic.NewUser{Username: string(r), Name: "Test " + string(r), Role: r,
			SiteCode: "KGL", Password: "test-password-2026", RegistrationID: "RMDC-1"})
		if err != nil {
			t.Fatal(err)
		}
		v.actors[r] = clinic.ActorOf(u, "test", "127.0.0.1")
	}
	return v
}

// open registers and queues one applicant born on dob and returns the chart.
func (v *vx) open(t *testing.T, number, dest, program string, dob time.Time) clinic.Chart {
	t.Helper()
	ctx := context.Background()
	c, err := clinictest.RegisterGoingOn(ctx, v.svc, v.actors[clinic.RoleRegistrar], clinic.NewCase{CaseNumber: number, Destination: dest, Program: program,
		Members: []clinic.Applicant{{Surnames: "Ineza", GivenNames: "Aline", BirthDate: dob, Sex: "female", Relationship: "principal",
			ResidenceCountry: "RW", Nationality: "RW"}}})
	if err != nil {
		t.Fatal(err)
	}
	if c, err = v.svc.QueueCase(ctx, v.actors[clinic.RoleRegistrar], c.ID); err != nil {
		t.Fatal(err)
	}
	// The nurse checks the person against the photo and the document before giving a dose.
	ch, err := v.svc.CheckIdentity(ctx, v.actors[clinic.RoleNurse], c.Members[0].AssessmentID, clinic.IDVaccination, clinic.IdentityMatch, "")
	if err != nil {
		t.Fatal(err)
	}
	return ch
}

func (v *vx) record(t *testing.T, ch clinic.Chart, d clinic.Dose) clinic.Chart {
	t.Helper()
	out, err := v.svc.RecordDose(context.Background(), v.actors[clinic.RoleNurse], ch.Assessment.ID, ch.Assessment.Version, d)
	if err != nil {
		t.Fatalf("record %s on %s: %v", d.CVX, d.Date.Format(time.DateOnly), err)
	}
	return out
}

func fromCard(date time.Time, cvx string) clinic.Dose {
	return clinic.Dose{Date: date, CVX: cvx, Origin: clinic.OriginRecord, SourceDocument: "Carnet de vaccination, Rwanda"}
}

func givenHere(date time.Time, cvx, route, site string) clinic.Dose {
	return clinic.Dose{Date: date, CVX: cvx, Origin: clinic.OriginClinic, Lot: "L" + cvx + "-2026", MVX: "SKB", Route: route, Site: site}
}

func line(t *testing.T, ch clinic.Chart, key string) clinic.DS3025Line {
	t.Helper()
	if ch.Vaccination == nil || ch.Vaccination.DS3025 == nil {
		t.Fatalf("no DS-3025 on the chart")
	}
	for _, l := range ch.Vaccination.DS3025.Lines {
		if l.Key == key {
			return l
		}
	}
	t.Fatalf("no DS-3025 line %q", key)
	return clinic.DS3025Line{}
}

func has(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// partialHistory is a four-year-old's infant series from a vaccination card: everything up to the
// preschool boosters, plus one DTaP given too young to count.
func partialHistory(dob time.Time) []clinic.Dose {
	m := func(months int) time.Time { return dob.AddDate(0, months, 0) }
	var out []clinic.Dose
	for _, mo := range []int{2, 4, 6, 15} {
		out = append(out, fromCard(m(mo), "20"))
	}
	for _, mo := range []int{2, 4, 6} {
		out = append(out, fromCard(m(mo), "10"))
	}
	for _, mo := range []int{2, 4, 6, 12} {
		out = append(out, fromCard(m(mo), "49"), fromCard(m(mo), "133"))
	}
	for _, mo := range []int{0, 1, 6} {
		out = append(out, fromCard(m(mo), "08"))
	}
	return append(out, fromCard(m(12), "03"), fromCard(m(12), "21"), fromCard(dob.AddDate(0, 0, 20), "20"))
}

// TestVaccinationWorksheet: a US immigrant of four with a partial record is due the preschool
// doses; once the nurse gives them, the DS-3025 is met and the form lines say so.
func TestVaccinationWorksheet(t *testing.T) {
	v := newVX(t)
	dob := v.today.AddDate(-4, 0, -10)
	ch := v.open(t, "VX-US-1", "US", "immigrant", dob)
	if ch.Vaccination == nil || ch.Vaccination.DS3025 == nil || len(ch.Vaccination.Doses) != 0 {
		t.Fatalf("an immigrant's chart without doses still needs the worksheet: %+v", ch.Vaccination)
	}
	for _, d := range partialHistory(dob) {
		ch = v.record(t, ch, d)
	}
	due := []string{"dtap", "polio", "mmr", "varicella"}
	for _, key := range due {
		if l := line(t, ch, key); l.Status != clinic.LineGiveToday || !l.GiveToday {
			t.Errorf("%s: %s (%s), want give_today", key, l.Status, l.Reason)
		}
	}
	for key, want := range map[string]string{"hepb": clinic.LineComplete, "hib": clinic.LineComplete,
		"pneumococcal_child": clinic.LineComplete, "td_tdap": clinic.LineNotRequired, "rotavirus": clinic.LineNotRequired} {
		if l := line(t, ch, key); l.Status != want {
			t.Errorf("%s: %s (%s), want %s", key, l.Status, l.Reason, want)
		}
	}
	if l := line(t, ch, "rotavirus"); l.ReasonCode != clinic.ReasonNotAgeAppropriate {
		t.Errorf("rotavirus at four: reason %q", l.ReasonCode)
	}
	if !has(ch.Incomplete, "vaccination_review") || ch.Vaccination.DS3025.RequirementsMet {
		t.Errorf("doses due, yet incomplete = %v, met = %v", ch.Incomplete, ch.Vaccination.DS3025.RequirementsMet)
	}
	early := ch.Vaccination.Doses[1] // the DTaP at 20 days sorts second, after the birth dose of HepB
	if early.CVX != "20" || len(early.Evaluations) == 0 || early.Evaluations[0].Status != "not_valid" || early.Evaluations[0].Reason == "" {
		t.Errorf("DTaP at 20 days: %+v", early)
	}
	if early.Vaccine != "DTaP" {
		t.Errorf("CVX 20 named %q, want the CDSi text DTaP", early.Vaccine)
	}

	// The nurse gives what is due today: the products CDSi names, else a usual one.
	usual := map[string]string{"dtap": "20", "polio": "10", "mmr": "03", "varicella": "21", "influenza": "150"}
	for _, l := range ch.Vaccination.DS3025.Lines {
		if !l.GiveToday {
			continue
		}
		cvx := usual[l.Key]
		if cvx == "" {
			t.Fatalf("no usual vaccine for %s", l.Key)
		}
		route, site := "intramuscular", "left_thigh"
		if l.Key == "mmr" || l.Key == "varicella" {
			route, site = "subcutaneous", "right_arm"
		}
		ch = v.record(t, ch, givenHere(v.today, cvx, route, site))
		// CDSi's forecast puts varicella four weeks after today's MMR; the worksheet must still
		// ask for it today, when the same-day dose is valid.
		if vl := line(t, ch, "varicella"); l.Key == "mmr" && !vl.GiveToday {
			t.Errorf("varicella after today's MMR: %s (%s), want give_today", vl.Status, vl.Reason)
		}
	}
	ws := ch.Vaccination.DS3025
	if !ws.RequirementsMet || has(ch.Incomplete, "vaccination_review") {
		t.Fatalf("after today's doses: met = %v, incomplete = %v, lines %+v", ws.RequirementsMet, ch.Incomplete, ws.Lines)
	}
	for _, key := range due {
		if l := line(t, ch, key); l.Status == clinic.LineGiveToday || !l.GivenAtExam {
			t.Errorf("%s after today's dose: %s, given at exam %v", key, l.Status, l.GivenAtExam)
		}
	}

	// The form prints one DTP row (the Td/Tdap line is outside her ages), with today's dose and lot.
	snap := clinic.BuildSnapshot(ch, v.site)
	var dtp []clinic.FormVaccination
	for _, fv := range snap.Vaccinations {
		if fv.Vaccine == "DTP / DTaP / DT" || fv.Vaccine == "Td / Tdap" {
			dtp = append(dtp, fv)
		}
	}
	if len(dtp) != 1 || dtp[0].Status != "given_at_exam" {
		t.Fatalf("DTP lines on the form: %+v", dtp)
	}
	last := dtp[0].Doses[len(dtp[0].Doses)-1]
	if !last.AtExam || last.Lot != "L20-2026" || last.Source != "exam" || dtp[0].Doses[0].AtExam {
		t.Errorf("DTP doses on the form: %+v", dtp[0].Doses)
	}
}

// TestRecordDoseChecks: each bad dose names its field, and nothing is saved.
func TestRecordDoseChecks(t *testing.T) {
	v := newVX(t)
	dob := v.today.AddDate(-4, 0, 0)
	ch := v.open(t, "VX-US-2", "US", "immigrant", dob)
	ch = v.record(t, ch, fromCard(dob.AddDate(0, 2, 0), "20"))
	good := givenHere(v.today, "20", "intramuscular", "left_thigh")
	tests := []struct {
		name        string
		edit        func(*clinic.Dose)
		field, code string
	}{
		{"unknown CVX", func(d *clinic.Dose) { d.CVX = "999" }, "cvx", "unknown"},
		{"no CVX", func(d *clinic.Dose) { d.CVX = "" }, "cvx", "required"},
		{"unspecified product given here", func(d *clinic.Dose) { d.CVX = "107" }, "cvx", "unspecified"},
		{"no date", func(d *clinic.Dose) { d.Date = time.Time{} }, "date", "required"},
		{"tomorrow", func(d *clinic.Dose) { d.Date = v.today.AddDate(0, 0, 1) }, "date", "in_future"},
		{"before birth", func(d *clinic.Dose) { *d = fromCard(dob.AddDate(0, 0, -1), "08") }, "date", "before_birth"},
		{"given here before the exam", func(d *clinic.Dose) { d.Date = v.today.AddDate(0, -1, 0) }, "date", "before_exam"},
		{"same vaccine same day", func(d *clinic.Dose) { *d = fromCard(dob.AddDate(0, 2, 0), "20") }, "date", "duplicate"},
		{"no origin", func(d *clinic.Dose) { d.Origin = "" }, "origin", "required"},
		{"unknown origin", func(d *clinic.Dose) { d.Origin = "hearsay" }, "origin", "not_allowed"},
		{"no lot given here", func(d *clinic.Dose) { d.Lot = "" }, "lot", "required"},
		{"lot too long", func(d *clinic.Dose) { d.Lot = "L1234567890123456789012345678901234567890" }, "lot", "too_long"},
		{"lot with odd characters", func(d *clinic.Dose) { d.Lot = "L1<script>" }, "lot", "invalid"},
		{"bad MVX", func(d *clinic.Dose) { d.MVX = "12" }, "mvx", "invalid"},
		{"no route given here", func(d *clinic.Dose) { d.Route = "" }, "route", "required"},
		{"unknown route", func(d *clinic.Dose) { d.Route = "IM" }, "route", "not_allowed"},
		{"no site for an injection", func(d *clinic.Dose) { d.Site = "" }, "site", "required"},
		{"unknown site", func(d *clinic.Dose) { d.Site = "left_ear" }, "site", "not_allowed"},
		{"site for an oral dose", func(d *clinic.Dose) { d.CVX, d.Route = "119", "oral" }, "site", "not_allowed"},
		{"record without its document", func(d *clinic.Dose) { *d = fromCard(dob.AddDate(0, 4, 0), "20"); d.SourceDocument = "" }, "source_document", "required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := good
			tt.edit(&d)
			_, err := v.svc.RecordDose(context.Background(), v.actors[clinic.RoleNurse], ch.Assessment.ID, ch.Assessment.Version, d)
			e := clinic.ErrorOf(err)
			if err == nil || e.Code != clinic.EValidation {
				t.Fatalf("got %v, want a validation error", err)
			}
			for _, f := range e.Fields {
				if f.Field == tt.field && f.Code == tt.code {
					return
				}
			}
			t.Errorf("fields %+v, want %s/%s", e.Fields, tt.field, tt.code)
		})
	}
	after, err := v.svc.Chart(context.Background(), v.actors[clinic.RoleNurse], ch.Assessment.ID)
	if err != nil {
		t.Fatal(err)
	}
	if after.Assessment.Version != ch.Assessment.Version || len(after.Doses) != 1 {
		t.Errorf("a refused dose changed the record: version %d → %d, %d doses", ch.Assessment.Version, after.Assessment.Version, len(after.Doses))
	}
	if _, err := v.svc.RecordDose(context.Background(), v.actors[clinic.RoleNurse], ch.Assessment.ID, ch.Assessment.Version, good); err != nil {
		t.Errorf("the good dose: %v", err)
	}
}

func TestRecordDoseConflictAndRoles(t *testing.T) {
	v := newVX(t)
	ctx := context.Background()
	ch := v.open(t, "VX-US-3", "US", "immigrant", v.today.AddDate(-30, 0, 0))
	d := fromCard(v.today.AddDate(-5, 0, 0), "03")
	stale := ch.Assessment.Version
	ch = v.record(t, ch, d)
	_, err := v.svc.RecordDose(ctx, v.actors[clinic.RoleNurse], ch.Assessment.ID, stale, fromCard(v.today.AddDate(-4, 0, 0), "03"))
	if e := clinic.ErrorOf(err); e.Code != clinic.EConflict || e.CurrentVersion != ch.Assessment.Version {
		t.Errorf("a stale version: %v (current %d), want a conflict at %d", err, e.CurrentVersion, ch.Assessment.Version)
	}
	_, err = v.svc.RecordDose(ctx, v.actors[clinic.RoleLab], ch.Assessment.ID, ch.Assessment.Version, d)
	if !clinic.IsCode(err, clinic.EForbidden) {
		t.Errorf("the lab recording a dose: %v", err)
	}
	if _, err := v.svc.RecordDose(ctx, v.actors[clinic.RolePhysician], ch.Assessment.ID, ch.Assessment.Version,
		fromCard(v.today.AddDate(-4, 0, 0), "03")); err != nil {
		t.Errorf("the physician recording a dose: %v", err)
	}
}

// TestMarkDoseInError: the dose stays on record, leaves the evaluation, and cannot be marked twice.
func TestMarkDoseInError(t *testing.T) {
	v := newVX(t)
	ctx := context.Background()
	nurse := v.actors[clinic.RoleNurse]
	dob := v.today.AddDate(-3, 0, 0)
	ch := v.open(t, "VX-US-4", "US", "immigrant", dob)
	for _, mo := range []int{0, 1, 6} {
		ch = v.record(t, ch, fromCard(dob.AddDate(0, mo, 0), "08"))
	}
	if l := line(t, ch, "hepb"); l.Status != clinic.LineComplete {
		t.Fatalf("three HepB doses: %s", l.Status)
	}
	wrong := ch.Doses[2].ID
	if _, err := v.svc.MarkDoseInError(ctx, nurse, ch.Assessment.ID, ch.Assessment.Version, wrong, " "); !clinic.IsCode(err, clinic.EValidation) {
		t.Errorf("no reason: %v", err)
	}
	ch, err := v.svc.MarkDoseInError(ctx, nurse, ch.Assessment.ID, ch.Assessment.Version, wrong, "Copied from the sibling's card")
	if err != nil {
		t.Fatal(err)
	}
	dv := ch.Vaccination.Doses[2]
	if dv.ID != wrong || dv.InError == nil || dv.InError.ByName != nurse.Name || len(dv.Evaluations) != 0 || dv.Vaccine == "" {
		t.Errorf("the dose in error: %+v", dv)
	}
	l := line(t, ch, "hepb")
	if l.Status != clinic.LineGiveToday || len(l.Doses) != 2 {
		t.Errorf("HepB without the third dose: %s with %d doses", l.Status, len(l.Doses))
	}
	if _, err := v.svc.MarkDoseInError(ctx, nurse, ch.Assessment.ID, ch.Assessment.Version, wrong, "again"); !clinic.IsCode(err, clinic.EInvalidState) {
		t.Errorf("marking twice: %v", err)
	}
	if _, err := v.svc.MarkDoseInError(ctx, nurse, ch.Assessment.ID, ch.Assessment.Version, clinic.NewID(), "x"); !clinic.IsCode(err, clinic.ENotFound) {
		t.Errorf("an unknown dose: %v", err)
	}
	if _, err := v.svc.MarkDoseInError(ctx, nurse, ch.Assessment.ID, ch.Assessment.Version-1, ch.Doses[0].ID, "x"); !clinic.IsCode(err, clinic.EConflict) {
		t.Errorf("a stale version: %v", err)
	}
}

// TestVaccinationSection: who gets a vaccination section and a DS-3025.
func TestVaccinationSection(t *testing.T) {
	v := newVX(t)
	adult := v.today.AddDate(-30, 0, 0)
	tests := []struct {
		name, number, dest, program string
		dose                        bool
		section, ds3025, form       bool
	}{
		{"US refugee without records", "VX-5", "US", "refugee", false, false, false, false},
		{"US refugee with a record", "VX-6", "US", "refugee", true, true, true, true},
		{"CA immigrant with a record", "VX-7", "CA", "immigrant", true, true, false, false},
		{"US immigrant without records", "VX-8", "US", "immigrant", false, true, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ch := v.open(t, tt.number, tt.dest, tt.program, adult)
			if tt.dose {
				ch = v.record(t, ch, fromCard(adult.AddDate(20, 0, 0), "03"))
			}
			vs := ch.Vaccination
			if (vs != nil) != tt.section || vs != nil && (vs.DS3025 != nil) != tt.ds3025 || has(ch.Plan.Forms, "DS-3025") != tt.form {
				t.Errorf("section %v, DS-3025 %v, forms %v", vs != nil, vs != nil && vs.DS3025 != nil, ch.Plan.Forms)
			}
			if has(ch.Incomplete, "vaccination_review") && tt.program != "immigrant" {
				t.Errorf("a %s is held for vaccines: %v", tt.program, ch.Incomplete)
			}
		})
	}
}

// TestDoseBeforeCorrectedBirthDate: a birth date corrected after a dose was entered leaves that
// dose out of the evaluation with a word why, and the chart stays readable and markable.
func TestDoseBeforeCorrectedBirthDate(t *testing.T) {
	v := newVX(t)
	ctx := context.Background()
	dob := v.today.AddDate(-2, 0, 0)
	ch := v.open(t, "VX-US-9", "US", "immigrant", dob)
	ch = v.record(t, ch, fromCard(dob.AddDate(0, 1, 0), "08"))
	ap := ch.Applicant
	ap.BirthDate = dob.AddDate(0, 3, 0)
	if _, err := v.svc.UpdateApplicant(ctx, v.actors[clinic.RoleRegistrar], ap.ID, ap.Version, ap); err != nil {
		t.Fatal(err)
	}
	ch, err := v.svc.Chart(ctx, v.actors[clinic.RoleNurse], ch.Assessment.ID)
	if err != nil {
		t.Fatalf("the chart after the correction: %v", err)
	}
	if d := ch.Vaccination.Doses[0]; d.Problem == "" || len(d.Evaluations) != 0 {
		t.Errorf("the dose before birth: %+v", d)
	}
	if _, err := v.svc.MarkDoseInError(ctx, v.actors[clinic.RoleNurse], ch.Assessment.ID, ch.Assessment.Version, ch.Doses[0].ID, "Wrong birth date then"); err != nil {
		t.Errorf("marking it: %v", err)
	}
}
