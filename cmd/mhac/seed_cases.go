package main

import (
	"context"
	"fmt"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/internal/demo"
)

type demoCase struct {
	number, dest, program string
	members               []clinic.Applicant
	stage                 int // 0 registered, 1 queued, 2 history and vitals, 3 results, 4 signed
	card                  []cardDose
}

// cardDose is a dose copied from a member's vaccination card, given at an age in days.
type cardDose struct {
	member  int
	cvx     string
	ageDays int
}

func person(surnames, given, born string, estimated bool, sex, rel, nat, residence string, lived ...string) clinic.Applicant {
	d, err := time.Parse(time.DateOnly, born)
	if err != nil {
		panic("seed: bad date " + born)
	}
	return clinic.Applicant{Surnames: surnames, GivenNames: given, BirthDate: d, BirthDateEstimated: estimated, Sex: sex,
		Relationship: rel, Nationality: nat, ResidenceCountry: residence, CountriesLived: lived, DocumentType: "unhcr_id"}
}

var demoCases = []demoCase{
	{"RW-2026-0101", "US", "refugee", []clinic.Applicant{
		person("Uwimana", "Ngabo", "1986-04-02", false, "male", "principal", "CD", "RW", "CD"),
		person("Uwimana", "Hélène", "1990-01-01", true, "female", "spouse", "CD", "RW", "CD"),
		person("Uwimana", "Émilienne", "2017-08-19", false, "female", "child", "CD", "RW", "CD")}, 1, nil},
	{"RW-2026-0102", "US", "refugee", []clinic.Applicant{
		person("Nshimiyimana", "Jean de Dieu", "1979-11-30", false, "male", "principal", "BI", "RW", "BI")}, 3, nil},
	{"RW-2026-0103", "CA", "immigrant", []clinic.Applicant{
		person("Mukeshimana", "Solange", "1995-06-14", false, "female", "principal", "RW", "RW")}, 4, nil},
	{"RW-2026-0104", "AU", "refugee", []clinic.Applicant{
		person("Bizimana", "Patrick", "1983-03-03", false, "male", "principal", "CD", "RW", "CD", "UG"),
		person("Bizimana", "Divine", "2014-12-24", false, "female", "child", "CD", "RW", "CD", "UG")}, 2, nil},
	{"RW-2026-0105", "NZ", "immigrant", []clinic.Applicant{
		person("Kayitesi", "Josiane", "1968-02-11", false, "female", "principal", "RW", "RW")}, 0, nil},
	{"RW-2026-0106", "US", "immigrant", []clinic.Applicant{
		person("Umutesi", "Béatrice", "1994-09-21", false, "female", "principal", "RW", "RW"),
		person("Umutesi", "Kevin", "2022-06-15", false, "male", "child", "RW", "RW")}, 2,
		// DTaP, polio and hepatitis B at 6 and 10 weeks, as a Rwandan card shows them.
		[]cardDose{{1, "20", 42}, {1, "10", 42}, {1, "08", 42}, {1, "20", 70}, {1, "10", 70}}},
}

// seedCases registers the demo cases and walks each to its stage through the clinic's own
// workflow, so every record and audit row is what real use would write.
func seedCases(ctx context.Context, svc *clinic.Service, actors map[clinic.Role]clinic.Actor, extra int, withDemo bool) error {
	var cases []demoCase
	if withDemo {
		cases = append(cases, demoCases...)
	}
	names := []string{"Habimana", "Mukamana", "Niyonsaba", "Uwase", "Ndayisaba", "Iradukunda", "Hakizimana", "Umutoni"}
	for i := 0; i < extra; i++ {
		dest := clinic.Destinations[i%len(clinic.Destinations)]
		born := fmt.Sprintf("%d-%02d-%02d", 1960+i%50, 1+i%12, 1+i%28)
		cases = append(cases, demoCase{fmt.Sprintf("LOAD-%s-%05d", time.Now().UTC().Format("0102150405"), i), dest, "refugee", []clinic.Applicant{
			person(names[i%len(names)], demo.Name(i), born, i%7 == 0, []string{"female", "male"}[i%2], "principal", "CD", "RW", "CD"),
		}, 1 + i%2, nil})
	}
	for _, dc := range cases {
		if err := seedCase(ctx, svc, actors, dc); err != nil {
			return fmt.Errorf("case %s: %w", dc.number, err)
		}
	}
	fmt.Printf("seeded %d cases\n", len(cases))
	return nil
}

func seedCase(ctx context.Context, svc *clinic.Service, actors map[clinic.Role]clinic.Actor, dc demoCase) error {
	c, err := registerSeedCase(ctx, svc, actors[clinic.RoleRegistrar], clinic.NewCase{CaseNumber: dc.number, Destination: dc.dest, Program: dc.program, Members: dc.members})
	if err != nil {
		return err
	}
	// Every demo person consents to every purpose, so the demo's boards, panels and exports work.
	if err := demo.RecordConsents(ctx, svc, actors[clinic.RoleRegistrar], c, svc.Now().UTC().Truncate(24*time.Hour)); err != nil {
		return err
	}
	if dc.stage == 0 {
		return nil
	}
	// The registrar photographs each person before queueing.
	for i, m := range c.Members {
		photo, err := seedPhoto(i)
		if err != nil {
			return err
		}
		if _, err := svc.SavePhoto(ctx, actors[clinic.RoleRegistrar], m.ID, photo); err != nil {
			return err
		}
	}
	if c, err = svc.QueueCase(ctx, actors[clinic.RoleRegistrar], c.ID); err != nil {
		return err
	}
	for i, m := range c.Members {
		if err := advance(ctx, svc, actors, m.AssessmentID, dc.stage); err != nil {
			return err
		}
		if err := copyCard(ctx, svc, actors[clinic.RoleNurse], m, dc.card, i); err != nil {
			return err
		}
	}
	return nil
}

// copyCard records the doses of a member's vaccination card, as the nurse copies them.
func copyCard(ctx context.Context, svc *clinic.Service, nurse clinic.Actor, m clinic.Applicant, card []cardDose, member int) error {
	for _, d := range card {
		if d.member != member {
			continue
		}
		ch, err := svc.Chart(ctx, nurse, m.AssessmentID)
		if err != nil {
			return err
		}
		_, err = svc.RecordDose(ctx, nurse, m.AssessmentID, ch.Assessment.Version, clinic.Dose{CVX: d.cvx,
			Date: m.BirthDate.AddDate(0, 0, d.ageDays), Origin: clinic.OriginRecord, SourceDocument: "Rwanda child health card"})
		if err != nil {
			return err
		}
	}
	return nil
}

// advance records what a person at the given stage would have: history and vitals, then every
// pending result as negative or normal, then a classification and sign-off.
func advance(ctx context.Context, svc *clinic.Service, actors map[clinic.Role]clinic.Actor, id string, stage int) error {
	if stage < 2 {
		return nil
	}
	nurse, physician := actors[clinic.RoleNurse], actors[clinic.RolePhysician]
	stations := []clinic.IdentityStation{clinic.IDHistory, clinic.IDExam}
	if stage >= 3 {
		stations = append(stations, clinic.IDSpecimen, clinic.IDXray, clinic.IDSputum)
	}
	if err := checkIdentity(ctx, svc, nurse, id, stations...); err != nil {
		return err
	}
	ch, err := svc.RecordHistory(ctx, nurse, id, 1, []clinic.HistoryAnswer{{Code: "cough_2_weeks"}, {Code: "tb_contact"}}, clinic.Findings{})
	if err != nil {
		return err
	}
	ch, err = svc.RecordVitals(ctx, nurse, id, ch.Assessment.Version, clinic.Vitals{HeightCm: 168, WeightKg: 61, Systolic: 118, Diastolic: 76, Pulse: 72, TempC: 36.7, ExamNormal: true})
	if err != nil || stage < 3 {
		return err
	}
	if ch, err = demo.Counsel(ctx, svc, nurse, ch); err != nil {
		return err
	}
	for _, step := range ch.Plan.Pending {
		r := demo.NormalResult(step)
		who := actors[clinic.RoleLab]
		if step == "cxr" {
			who = actors[clinic.RoleRadiology]
		}
		if ch, err = svc.RecordResult(ctx, who, id, ch.Assessment.Version, r); err != nil {
			return err
		}
	}
	if ch, err = demo.Counsel(ctx, svc, nurse, ch); err != nil || stage < 4 {
		return err
	}
	if ch, err = svc.Classify(ctx, physician, id, ch.Assessment.Version, clinic.Classification{Codes: ch.Plan.Outcome.Codes}); err != nil {
		return err
	}
	_, err = svc.SignOff(ctx, physician, id, ch.Assessment.Version, clinic.SignoffRequest{})
	return err
}
