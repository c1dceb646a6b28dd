package clinic

import (
	"testing"
	"time"
)

// TestFormTreatments: the forms print each record as made, a rule's withholding as the rule's,
// and a recommendation without a record as not recorded — never as given.
func TestFormTreatments(t *testing.T) {
	at := time.Date(2026, 12, 2, 22, 30, 0, 0, time.UTC) // 3 December in Kigali
	plan := Plan{
		Treatments: []Treatment{{Drug: "albendazole", Rule: "r1"}, {Drug: "praziquantel", Rule: "r2"}, {Drug: "artemether_lumefantrine", Rule: "r3"}},
		Withheld:   []Treatment{{Drug: "ivermectin", Rule: "r4", Reason: "Loa loa country"}, {Drug: "ivermectin", Rule: "r5", Reason: "pregnant"}},
	}
	ch := Chart{Plan: plan, Treatments: []TreatmentRecord{
		{Drug: "albendazole", Status: TreatGiven, DoseAmount: 400, DoseUnit: "mg", Route: "oral", Lot: "L1", At: at, Observed: true, RecordedName: "N"},
		{Drug: "praziquantel", Status: TreatWithheld, ReasonCode: "pregnancy", At: at, RecordedName: "N"},
	}}
	got := formTreatments(ch, time.FixedZone("CAT", 2*3600))
	want := []struct {
		drug, status, text string
		given              bool
	}{
		{"albendazole", TreatGiven, "Given: 400 mg oral, lot L1, swallowing observed, by N", true},
		{"praziquantel", TreatWithheld, "Withheld: pregnancy, by N", false},
		{"artemether_lumefantrine", "not_recorded", "Recommended; not recorded", false},
		{"ivermectin", TreatWithheld, "Withheld by protocol rule: Loa loa country", false},
	}
	if len(got) != len(want) {
		t.Fatalf("%d treatments, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if g.Drug != w.drug || g.Status != w.status || g.Text() != w.text || g.Given != w.given {
			t.Errorf("%d: %s %s %q given=%v, want %s %s %q given=%v", i, g.Drug, g.Status, g.Text(), g.Given, w.drug, w.status, w.text, w.given)
		}
	}
	if d := got[0].Date; d.Day() != 3 {
		t.Errorf("the date given is %v; want the site's calendar date, 3 December", d)
	}
	if u := UnrecordedTreatments(ch); len(u) != 1 || u[0] != "artemether_lumefantrine" {
		t.Errorf("unrecorded %v", u)
	}
}

// TestCheckTreatment covers the rules of a record that need no database.
func TestCheckTreatment(t *testing.T) {
	exam := time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC)
	now := exam.Add(10 * time.Hour)
	course := TreatmentOrder{Treatment: Treatment{Drug: "albendazole", Dose: &TreatmentDose{Doses: 1}}, Recommended: true}
	given := TreatmentRecord{Drug: "albendazole", Status: TreatGiven, DoseAmount: 400, DoseUnit: "mg", Route: "oral", BatchID: "b", Quantity: 1, At: now}
	tests := []struct {
		name  string
		r     TreatmentRecord
		o     TreatmentOrder
		field string // "" when valid
	}{
		{"given", given, course, ""},
		{"in the future", func() TreatmentRecord { r := given; r.At = now.Add(time.Hour); return r }(), course, "at"},
		{"before the exam", func() TreatmentRecord { r := given; r.At = exam.Add(-time.Hour); return r }(), course, "at"},
		{"no batch", func() TreatmentRecord { r := given; r.BatchID = ""; return r }(), course, "batch_id"},
		{"a third of a tablet", func() TreatmentRecord { r := given; r.Quantity = 0.3; return r }(), course, "quantity"},
		{"by injection", func() TreatmentRecord { r := given; r.Route = "intramuscular"; return r }(), course, "route"},
		{"course done", given, TreatmentOrder{Treatment: course.Treatment, Recommended: true, Records: []TreatmentRecord{given}}, "status"},
		{"withheld by rule", given, TreatmentOrder{Treatment: course.Treatment}, "status"},
		{"withheld, other, no words", TreatmentRecord{Drug: "albendazole", Status: TreatWithheld, ReasonCode: "other", At: now}, course, "reason"},
		{"withheld, unknown reason", TreatmentRecord{Drug: "albendazole", Status: TreatWithheld, ReasonCode: "tired", At: now}, course, "reason_code"},
		{"refused with a batch", TreatmentRecord{Drug: "albendazole", Status: TreatRefused, BatchID: "b", At: now}, course, "batch_id"},
		{"refused", TreatmentRecord{Drug: "albendazole", Status: TreatRefused, At: now}, course, ""},
		{"no status", TreatmentRecord{Drug: "albendazole", At: now}, course, "status"},
	}
	for _, tc := range tests {
		err := checkTreatment(tc.r, tc.o, exam, now)
		if tc.field == "" {
			if err != nil {
				t.Errorf("%s: %v", tc.name, err)
			}
			continue
		}
		e := ErrorOf(err)
		found := false
		for _, f := range e.Fields {
			found = found || f.Field == tc.field
		}
		if err == nil || !found {
			t.Errorf("%s: %v, want a problem on %s", tc.name, err, tc.field)
		}
	}
}
