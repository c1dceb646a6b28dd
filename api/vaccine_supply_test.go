package api_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/internal/clinictest"
	"github.com/mhac-clinic/mhac/internal/demo"
)

type availabilityOut struct {
	Items []struct {
		ID       string `json:"id"`
		Vaccine  string `json:"vaccine"`
		SetOn    string `json:"set_on"`
		InForce  bool   `json:"in_force"`
		LiftedBy string `json:"lifted_by"`
	} `json:"entries"`
	Vaccines []struct{ Key, Name, Group string } `json:"vaccines"`
}

type ds3025Out struct {
	chartOut
	Vaccination struct {
		DS3025 struct {
			Lines []struct {
				Key              string  `json:"key"`
				Status           string  `json:"status"`
				ReasonCode       string  `json:"reason_code"`
				UnavailableSince *string `json:"unavailable_since"`
			} `json:"lines"`
		} `json:"ds3025"`
	} `json:"vaccination"`
}

// TestVaccineSupplySignedForm: the nurse in charge puts every vaccine due today for a child of 15
// months on the site's list; the chart's DS-3025 lines say "not routinely available" with the
// date; the physician signs; lifting an entry afterwards changes neither the signed chart nor
// the signed DS-3025, which prints each such vaccine with its date and ticks the blanket waiver.
// Bad input names its field; the lab may neither read nor change the list.
func TestVaccineSupplySignedForm(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1, Worker: true})
	ctx := context.Background()
	nurse, doc, lab := st.Login(t, "nurse"), st.Login(t, "physician"), st.Login(t, "lab")
	reg := st.Actors["registrar"]
	dob := time.Now().UTC().AddDate(-1, -3, -10).Truncate(24 * time.Hour)
	c, err := clinictest.RegisterGoingOn(ctx, st.Svc, reg, clinic.NewCase{CaseNumber: "VX-SUP-1", Destination: "US", Program: "immigrant",
		Members: []clinic.Applicant{{Surnames: "Ingabire", GivenNames: "Belise", BirthDate: dob, Sex: "female", Relationship: "principal",
			ResidenceCountry: "RW", Nationality: "RW"}}})
	if err != nil {
		t.Fatal(err)
	}
	if err := demo.RecordConsents(ctx, st.Svc, reg, c, time.Now().UTC().Truncate(24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if c, err = st.Svc.QueueCase(ctx, reg, c.ID); err != nil {
		t.Fatal(err)
	}
	id := c.Members[0].AssessmentID
	st.TakePhoto(t, c.Members[0].ID)
	st.PassIdentity(t, id)

	var av availabilityOut
	nurse.Must(200, "GET", "/api/vaccines/availability", nil, &av)
	if len(av.Items) != 0 || len(av.Vaccines) == 0 {
		t.Fatalf("an empty list to start: %+v", av)
	}
	if code, raw := lab.Do("GET", "/api/vaccines/availability", nil, nil); code != 403 {
		t.Errorf("the lab reads the list: %d %s", code, raw)
	}
	if code, raw := lab.Do("POST", "/api/vaccines/availability", map[string]any{"vaccine": "hepa"}, nil); code != 403 {
		t.Errorf("the lab changes the list: %d %s", code, raw)
	}

	var ch ds3025Out
	nurse.Must(200, "GET", "/api/assessments/"+id, nil, &ch)
	var due []string
	for _, l := range ch.Vaccination.DS3025.Lines {
		if l.Status == clinic.LineGiveToday {
			due = append(due, l.Key)
		}
	}
	if !has(due, "hepa") {
		t.Fatalf("hepatitis A is not due at 15 months: %v", due)
	}
	ids := map[string]string{}
	for _, key := range due {
		var u struct{ ID, SetOn string }
		nurse.Must(201, "POST", "/api/vaccines/availability", map[string]any{"vaccine": key, "note": "Not supplied this quarter"}, &u)
		ids[key] = u.ID
	}
	code, raw := nurse.Do("POST", "/api/vaccines/availability", map[string]any{"vaccine": "hepa"}, nil)
	expectProblem(t, code, raw, "vaccine", "duplicate")
	code, raw = nurse.Do("POST", "/api/vaccines/availability", map[string]any{"vaccine": "yellow_fever"}, nil)
	expectProblem(t, code, raw, "vaccine", "unknown")
	code, raw = nurse.Do("GET", "/api/vaccines/stock-alerts?low_doses=few", nil, nil)
	expectProblem(t, code, raw, "low_doses", "invalid")
	code, raw = nurse.Do("GET", "/api/vaccines/stock-alerts?expiring_days=-2", nil, nil)
	expectProblem(t, code, raw, "expiring_days", "out_of_range")
	code, raw = nurse.Do("PUT", "/api/vaccines/stock-alerts/settings", map[string]any{"low_doses": 4, "expiring_days": 99999}, nil)
	expectProblem(t, code, raw, "expiring_days", "out_of_range")
	if code, raw := doc.Do("PUT", "/api/vaccines/stock-alerts/settings", map[string]any{"low_doses": 4, "expiring_days": 60}, nil); code != 403 {
		t.Errorf("the physician sets the thresholds: %d %s", code, raw)
	}
	var alerts struct {
		Items    []any `json:"lots"`
		Today    string
		Settings struct {
			LowDoses     int `json:"low_doses"`
			ExpiringDays int `json:"expiring_days"`
		}
	}
	nurse.Must(200, "PUT", "/api/vaccines/stock-alerts/settings", map[string]any{"low_doses": 4, "expiring_days": 60}, nil)
	nurse.Must(200, "GET", "/api/vaccines/stock-alerts", nil, &alerts)
	if alerts.Items == nil || alerts.Settings.LowDoses != 4 || alerts.Settings.ExpiringDays != 60 || alerts.Today == "" {
		t.Errorf("the list with the site's thresholds: %+v", alerts)
	}

	nurse.Must(200, "GET", "/api/assessments/"+id, nil, &ch)
	today := ""
	for _, l := range ch.Vaccination.DS3025.Lines {
		if has(due, l.Key) {
			if l.Status != clinic.LineNotRequired || l.ReasonCode != clinic.ReasonNotRoutinelyAvailable || l.UnavailableSince == nil {
				t.Errorf("line %s: %+v", l.Key, l)
			} else {
				today = *l.UnavailableSince
			}
		}
	}

	// The rest of the exam, then the sign-off.
	nurseActor := st.Actors["nurse"]
	cc, err := st.Svc.RecordHistory(ctx, nurseActor, id, ch.Version, []clinic.HistoryAnswer{{Code: "fever"}}, clinic.Findings{})
	if err != nil {
		t.Fatal(err)
	}
	if cc, err = st.Svc.RecordVitals(ctx, nurseActor, id, cc.Assessment.Version, clinic.Vitals{HeightCm: 78, WeightKg: 10, Pulse: 110, TempC: 36.8, ExamNormal: true}); err != nil {
		t.Fatal(err)
	}
	if cc, err = demo.Counsel(ctx, st.Svc, nurseActor, cc); err != nil {
		t.Fatal(err)
	}
	for _, step := range cc.Plan.Pending {
		if cc, err = st.Svc.RecordResult(ctx, st.Actors["lab"], id, cc.Assessment.Version, demo.NormalResult(step)); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}
	if cc, err = demo.Counsel(ctx, st.Svc, nurseActor, cc); err != nil {
		t.Fatal(err)
	}
	if cc, err = st.Svc.Classify(ctx, st.Actors["physician"], id, cc.Assessment.Version, clinic.Classification{Codes: cc.Plan.Outcome.Codes}); err != nil {
		t.Fatal(err)
	}
	if _, err = st.Svc.SignOff(ctx, st.Actors["physician"], id, cc.Assessment.Version, clinic.SignoffRequest{}); err != nil {
		t.Fatalf("sign-off: %v", err)
	}

	// Lifted after the sign-off: the list keeps it, the signed record does not change.
	nurse.Must(200, "POST", "/api/vaccines/availability/"+ids["hepa"]+"/lift", map[string]any{"note": "Delivered"}, nil)
	code, raw = nurse.Do("POST", "/api/vaccines/availability/"+ids["hepa"]+"/lift", map[string]any{}, nil)
	if code != 404 {
		t.Errorf("lifting twice: %d %s", code, raw)
	}
	nurse.Must(200, "GET", "/api/vaccines/availability", nil, &av)
	for _, u := range av.Items {
		if u.ID == ids["hepa"] && (u.InForce || u.LiftedBy == "") {
			t.Errorf("the lifted entry: %+v", u)
		}
	}
	doc.Must(200, "GET", "/api/assessments/"+id, nil, &ch)
	for _, l := range ch.Vaccination.DS3025.Lines {
		if l.Key == "hepa" && (l.ReasonCode != clinic.ReasonNotRoutinelyAvailable || l.UnavailableSince == nil) {
			t.Errorf("the signed chart after the lift: %+v", l)
		}
	}

	signed := waitForms(t, doc, ch.chartOut)
	text := flatText(t, doc.Must(200, "GET", "/api/forms/"+formOf(t, signed, "DS-3025").ID+"/pdf", nil, nil))
	on, err := time.Parse(time.DateOnly, today)
	if err != nil {
		t.Fatalf("the date set: %q", today)
	}
	for _, want := range []string{
		"☒ May qualify for blanket waiver(s): vaccine not medically appropriate (DS-3025)",
		"Hepatitis A: Not routinely available (at this site since " + on.Format("01-02-2006") + ")",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the signed DS-3025 does not say %q:\n%s", want, text)
		}
	}
}

func has(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
