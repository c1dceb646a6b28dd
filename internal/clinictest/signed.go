package clinictest

import (
	"context"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/internal/demo"
)

// DemoPerson is one of the demo clinic's people (cmd/mhac/seed_cases.go), with the identity
// documents a resettlement file gives.
type DemoPerson struct {
	CaseNumber, Dest, Program string
	Person                    clinic.Applicant
}

func applicant(surnames, given, born string, estimated bool, sex, nat, doc, file string) clinic.Applicant {
	d, _ := time.Parse(time.DateOnly, born)
	return clinic.Applicant{Surnames: surnames, GivenNames: given, BirthDate: d, BirthDateEstimated: estimated, Sex: sex,
		Relationship: "principal", Nationality: nat, ResidenceCountry: "RW", CountriesLived: []string{nat}, CountryOfBirth: nat,
		DocumentType: "unhcr_id", DocumentNumber: doc, FileNumber: file}
}

// The demo clinic's four destinations, one person each.
var DemoPeople = []DemoPerson{
	{"RW-2026-0101", "US", "refugee", applicant("Uwimana", "Hélène", "1990-01-01", true, "female", "CD", "UNHCR-0101-2", "A201234567")},
	{"RW-2026-0103", "CA", "immigrant", applicant("Mukeshimana", "Solange", "1995-06-14", false, "female", "RW", "UNHCR-0103-1", "UCI-11-2233-4455")},
	{"RW-2026-0104", "AU", "refugee", applicant("Bizimana", "Patrick", "1983-03-03", false, "male", "CD", "UNHCR-0104-1", "HAP-990011")},
	{"RW-2026-0105", "NZ", "immigrant", applicant("Kayitesi", "Josiane", "1968-02-11", false, "female", "RW", "UNHCR-0105-1", "INZ-4455667")},
}

// Signed is one demo person's signed assessment.
type Signed struct {
	DemoPerson
	AssessmentID string
	Forms        []clinic.Form
	// Refused counts the presumptive treatments the person refused (the US person refuses each
	// treatment the rules name; nothing else is recorded).
	Refused int
}

// DemoFlight is the flight SignDemo books everyone on.
const DemoFlight = "ET812"

// SignDemo walks each demo person through the clinic's own workflow to sign-off, books them
// on one flight, and waits for the worker to sign their forms. The US person also has doses:
// one given here, one copied from a card, one entered in error, and refuses each presumptive
// treatment the rules name.
func SignDemo(t testing.TB, st *Stack) []Signed {
	t.Helper()
	return SignPeople(t, st, DemoPeople)
}

// SignPeople is SignDemo for some of the demo people (st.AtSite: at another site).
func SignPeople(t testing.TB, st *Stack, people []DemoPerson) []Signed {
	t.Helper()
	ctx := context.Background()
	reg, nurse, lab, rad, doc, cw := st.Actors["registrar"], st.Actors["nurse"], st.Actors["lab"], st.Actors["radiology"], st.Actors["physician"], st.Actors["caseworker"]
	var out []Signed
	for _, p := range people {
		c, err := st.Svc.RegisterCase(ctx, reg, clinic.NewCase{CaseNumber: p.CaseNumber, Destination: p.Dest, Program: p.Program, Members: []clinic.Applicant{p.Person}})
		if err != nil {
			t.Fatalf("%s: %v", p.CaseNumber, err)
		}
		if err := demo.RecordConsents(ctx, st.Svc, reg, c, time.Now().UTC().Truncate(24*time.Hour)); err != nil {
			t.Fatal(err)
		}
		departs := time.Now().UTC().AddDate(0, 0, 10).Truncate(24 * time.Hour)
		if c, err = st.Svc.SetFlight(ctx, cw, c.ID, c.Version, DemoFlight, &departs); err != nil {
			t.Fatal(err)
		}
		if c, err = st.Svc.QueueCase(ctx, reg, c.ID); err != nil {
			t.Fatal(err)
		}
		id := c.Members[0].AssessmentID
		st.TakePhoto(t, c.Members[0].ID)
		st.PassIdentity(t, id)
		ch, err := st.Svc.RecordHistory(ctx, nurse, id, 1, []clinic.HistoryAnswer{{Code: "cough_2_weeks"}, {Code: "tb_contact"}}, clinic.Findings{})
		if err != nil {
			t.Fatal(err)
		}
		if ch, err = st.Svc.RecordVitals(ctx, nurse, id, ch.Assessment.Version, clinic.Vitals{HeightCm: 168, WeightKg: 61, Systolic: 118, Diastolic: 76, Pulse: 72, TempC: 36.7, ExamNormal: true}); err != nil {
			t.Fatal(err)
		}
		refused := 0
		if p.Dest == "US" {
			ch = recordDoses(t, st, id, ch)
			for _, tr := range ch.Plan.Treatments {
				if ch, err = st.Svc.RecordTreatment(ctx, nurse, id, ch.Assessment.Version, clinic.TreatmentRecord{Drug: tr.Drug,
					Status: clinic.TreatRefused, Reason: "Declines it today.", At: time.Now().UTC()}); err != nil {
					t.Fatalf("%s %s: %v", p.CaseNumber, tr.Drug, err)
				}
				refused++
			}
		}
		if ch, err = demo.Counsel(ctx, st.Svc, nurse, ch); err != nil {
			t.Fatal(err)
		}
		for _, step := range ch.Plan.Pending {
			who := lab
			if step == "cxr" {
				who = rad
			}
			if ch, err = st.Svc.RecordResult(ctx, who, id, ch.Assessment.Version, demo.NormalResult(step)); err != nil {
				t.Fatalf("%s %s: %v", p.CaseNumber, step, err)
			}
		}
		if ch, err = demo.Counsel(ctx, st.Svc, nurse, ch); err != nil {
			t.Fatal(err)
		}
		if ch, err = st.Svc.Classify(ctx, doc, id, ch.Assessment.Version, clinic.Classification{Codes: ch.Plan.Outcome.Codes}); err != nil {
			t.Fatal(err)
		}
		if _, err = st.Svc.SignOff(ctx, doc, id, ch.Assessment.Version, clinic.SignoffRequest{}); err != nil {
			t.Fatalf("%s: sign-off: %v", p.CaseNumber, err)
		}
		out = append(out, Signed{DemoPerson: p, AssessmentID: id, Refused: refused})
	}
	for i := range out {
		out[i].Forms = waitForms(t, st, out[i].AssessmentID)
	}
	return out
}

func recordDoses(t testing.TB, st *Stack, id string, ch clinic.Chart) clinic.Chart {
	t.Helper()
	ctx, nurse := context.Background(), st.Actors["nurse"]
	exam := ch.Assessment.ExamDate
	doses := []clinic.Dose{
		{CVX: "03", Date: exam, Origin: clinic.OriginClinic, MVX: "MSD", Lot: "Y012345", Site: "left_arm", Route: "subcutaneous"},
		{CVX: "115", Date: exam.AddDate(-3, 0, 0), Origin: clinic.OriginRecord, SourceDocument: "UNHCR vaccination card"},
		{CVX: "21", Date: exam.AddDate(-2, 0, 0), Origin: clinic.OriginRecord, SourceDocument: "UNHCR vaccination card"},
	}
	var err error
	for _, d := range doses {
		if ch, err = st.Svc.RecordDose(ctx, nurse, id, ch.Assessment.Version, d); err != nil {
			t.Fatalf("dose %s: %v", d.CVX, err)
		}
	}
	for _, d := range ch.Doses {
		if d.CVX == "21" {
			if ch, err = st.Svc.MarkDoseInError(ctx, nurse, id, ch.Assessment.Version, d.ID, "Copied from the wrong card."); err != nil {
				t.Fatal(err)
			}
		}
	}
	return ch
}

// waitForms waits until every ordered form of the assessment is signed.
func waitForms(t testing.TB, st *Stack, id string) []clinic.Form {
	t.Helper()
	deadline := time.Now().Add(90 * time.Second)
	for {
		forms, err := st.Svc.FormsOf(context.Background(), st.Actors["physician"], id)
		if err != nil {
			t.Fatal(err)
		}
		valid := 0
		for _, f := range forms {
			if f.Status == clinic.FormValid {
				valid++
			}
		}
		if valid == len(forms) && valid > 0 {
			return forms
		}
		if time.Now().After(deadline) {
			t.Fatalf("forms of %s not signed within 90 s: %+v", id, forms)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
