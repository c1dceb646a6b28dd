package postgres

import (
	"reflect"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

// TestLabConverters: orders, specimens and results come back from their rows as they went in.
func TestLabConverters(t *testing.T) {
	at := time.Date(2026, 12, 3, 7, 30, 0, 0, time.UTC)
	later := at.Add(time.Hour)
	x := 0.62
	o := clinic.LabOrder{ID: "o", SiteID: "s", AssessmentID: "a", ApplicantID: "p", Step: "igra", Test: "igra_qft_plus", Specimen: "blood",
		Rule: "us.tb.igra_high_burden", Reason: "why", Source: clinic.Source{Doc: "TB TI", Section: "IGRA", Edition: "2024", URL: "https://x"},
		OrderedBy: "u", OrderedName: "Nurse", OrderedAt: at, Status: clinic.OrderOpen, UpdatedAt: at}
	orow, err := labOrderToRow(o)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := orow.domain(); err != nil || !reflect.DeepEqual(got, o) {
		t.Errorf("order %+v %v, want %+v", got, err, o)
	}
	sp := clinic.Specimen{ID: "sp", Accession: "L2612-000001", SiteID: "s", AssessmentID: "a", ApplicantID: "p", Type: "sputum",
		OrderIDs: []string{"o1", "o2"}, Tests: []string{"afb_smear", "mtb_culture"}, Seq: 2, EarlyMorning: true, Observed: true,
		CollectedAt: at, CollectedBy: "u", CollectedName: "Nurse", Status: clinic.SpecimenRejected, ReceivedAt: &later, ReceivedBy: "l",
		RejectReason: "leaking", RejectNote: "cap", RejectedAt: &later, RejectedBy: "l", Replaces: "old", Version: 3}
	srow, err := specimenToRow(sp)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := srow.domain(); err != nil || !reflect.DeepEqual(got, sp) {
		t.Errorf("specimen %+v %v, want %+v", got, err, sp)
	}
	r := clinic.LabResult{ID: "r", SiteID: "s", AssessmentID: "a", SpecimenID: "sp", Accession: "L2612-000001", OrderID: "o", Test: "igra_qft_plus",
		Step: "igra", Components: []clinic.LabValue{{Code: "tb1", Name: "TB1", LOINC: "46217-6", Unit: "IU/mL", Number: &x, Flag: "normal"},
			{Code: "screen", Name: "S", Text: "reactive", Computed: true, Range: "r"}},
		Value: "positive", Flag: clinic.FlagCritical, RecordedBy: "l", RecordedName: "Lab", RecordedAt: at, Amends: "r0", AmendReason: "re-read",
		Superseded: true, AckBy: "d", AckName: "Doctor", AckAt: &later}
	rrow, err := labResultToRow(r)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := rrow.domain(); err != nil || !reflect.DeepEqual(got, r) {
		t.Errorf("result %+v %v, want %+v", got, err, r)
	}
}
