package clinic_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

func fieldCode(err error, field string) string {
	for _, f := range clinic.ErrorOf(err).Fields {
		if f.Field == field {
			return f.Code
		}
	}
	return ""
}

func (v *vx) decide(t *testing.T, ch clinic.Chart, d clinic.VaccineDecision) clinic.Chart {
	t.Helper()
	out, err := v.svc.RecordVaccineDecision(context.Background(), v.actors[clinic.RoleNurse], ch.Assessment.ID, ch.Assessment.Version, d)
	if err != nil {
		t.Fatalf("decision %s %s: %v", d.Kind, d.Vaccine, err)
	}
	return out
}

func (v *vx) receiveLot(t *testing.T, cvx, mvx, lot string, doses float64) clinic.MedicineBatch {
	t.Helper()
	b, err := v.svc.ReceiveBatch(context.Background(), v.actors[clinic.RoleNurse], clinic.MedicineBatch{Drug: clinic.DrugVaccine,
		CVX: cvx, MVX: mvx, Lot: lot, Strength: 1, StrengthUnit: "dose", Form: "vial", ExpiresOn: v.today.AddDate(1, 0, 0), Received: doses})
	if err != nil {
		t.Fatalf("receive lot %s: %v", lot, err)
	}
	return b
}

// TestVaccinationDay: on a four-year-old's worksheet, a refusal, a titre, a waiver and a dose from
// a lot each settle their line; the form prints them as recorded; a decision in error stops counting.
func TestVaccinationDay(t *testing.T) {
	v := newVX(t)
	ctx := context.Background()
	dob := v.today.AddDate(-4, 0, -10)
	ch := v.open(t, "VX-DAY-1", "US", "immigrant", dob)
	for _, d := range partialHistory(dob) {
		ch = v.record(t, ch, d)
	}
	ch = v.decide(t, ch, clinic.VaccineDecision{Vaccine: "mmr", Kind: clinic.DecisionRefusal, ReasonCode: "religious",
		SaidBy: "guardian", Reason: "Our church does not allow it"})
	sampled := v.today.AddDate(0, -1, 0)
	ch = v.decide(t, ch, clinic.VaccineDecision{Vaccine: "varicella", Kind: clinic.DecisionImmunity, ReasonCode: "titre",
		Antigen: "varicella", Test: "Varicella-zoster IgG", Result: "positive", Value: "250 mIU/mL", SampledOn: &sampled})
	ch = v.decide(t, ch, clinic.VaccineDecision{Vaccine: "polio", Kind: clinic.DecisionWaiver, ReasonCode: "allergy",
		Reason: "Anaphylaxis after a previous IPV dose"})

	if l := line(t, ch, "mmr"); l.Status != clinic.LineRefused || l.GiveToday || len(l.Decisions) != 1 {
		t.Errorf("mmr refused: %+v", l)
	}
	if l := line(t, ch, "varicella"); l.Status != clinic.LineComplete || l.GiveToday {
		t.Errorf("varicella with a positive titre: %s (%s)", l.Status, l.Reason)
	}
	if l := line(t, ch, "polio"); l.Status != clinic.LineNotRequired || l.ReasonCode != clinic.ReasonContraindication {
		t.Errorf("polio waived: %s %s", l.Status, l.ReasonCode)
	}

	lot := v.receiveLot(t, "20", "SKB", "DTP-4471", 2)
	ch = v.record(t, ch, clinic.Dose{Date: v.today, CVX: "20", Origin: clinic.OriginClinic, BatchID: lot.ID,
		Route: "intramuscular", Site: "left_thigh"})
	stock, err := v.svc.Batches(ctx, v.actors[clinic.RoleNurse], clinic.DrugVaccine)
	if err != nil || len(stock) != 1 || stock[0].Remaining != 1 {
		t.Fatalf("the lot after one dose: %+v %v", stock, err)
	}
	given := ch.Doses[len(ch.Doses)-1]
	if given.Lot != "DTP-4471" || given.MVX != "SKB" || given.BatchID != lot.ID {
		t.Errorf("the dose takes the lot's number and manufacturer: %+v", given)
	}
	if has(ch.Incomplete, "vaccination_review") || ch.Vaccination.DS3025.RequirementsMet {
		t.Errorf("every line settled, one refused: incomplete %v, met %v", ch.Incomplete, ch.Vaccination.DS3025.RequirementsMet)
	}
	// The lists (worklists, board) read the same decisions: they see the vaccines settled too.
	listed, err := v.svc.ListIncompleteOf(ctx, v.site.ID, ch.Assessment.ID)
	if err != nil || !slices.Equal(listed, ch.Incomplete) {
		t.Errorf("a list sees %v missing (%v), the chart %v", listed, err, ch.Incomplete)
	}

	snap := clinic.BuildSnapshot(ch, v.site)
	if snap.VaccinationData != "CDSi supporting data 4.64 (508)" {
		t.Errorf("data version on the form: %q", snap.VaccinationData)
	}
	byVaccine := map[string]clinic.FormVaccination{}
	for _, fv := range snap.Vaccinations {
		byVaccine[fv.Vaccine] = fv
	}
	mmr, vzv, ipv := byVaccine["MMR"], byVaccine["Varicella"], byVaccine["Polio (OPV / IPV)"]
	if mmr.Status != "refused" || len(mmr.Decisions) != 1 ||
		mmr.Decisions[0].Text != `Refused by the guardian (religious conviction): "Our church does not allow it"` {
		t.Errorf("MMR on the form: %+v", mmr)
	}
	if vzv.Status != "lab_immunity" || len(vzv.Decisions) != 1 || !strings.Contains(vzv.Decisions[0].Text, "Varicella-zoster IgG positive (250 mIU/mL)") {
		t.Errorf("varicella on the form: %+v", vzv)
	}
	if ipv.Status != "not_medically_appropriate" || ipv.Reason != clinic.ReasonContraindication {
		t.Errorf("polio on the form: %+v", ipv)
	}

	// The refusal was entered in error: MMR is due again, the entry stays.
	refusal := ch.VaccineDecisions[0].ID
	stale := ch.Assessment.Version - 1
	if _, err := v.svc.MarkVaccineDecisionInError(ctx, v.actors[clinic.RoleNurse], ch.Assessment.ID, stale, refusal, "wrong child"); !clinic.IsCode(err, clinic.EConflict) {
		t.Errorf("a stale version: %v", err)
	}
	ch, err = v.svc.MarkVaccineDecisionInError(ctx, v.actors[clinic.RoleNurse], ch.Assessment.ID, ch.Assessment.Version, refusal, "Said by the sibling's guardian")
	if err != nil {
		t.Fatal(err)
	}
	if l := line(t, ch, "mmr"); l.Status != clinic.LineGiveToday || len(ch.VaccineDecisions) != 3 || ch.VaccineDecisions[0].InError == nil {
		t.Errorf("after the refusal in error: %s, decisions %+v", l.Status, ch.VaccineDecisions)
	}
	if _, err := v.svc.MarkVaccineDecisionInError(ctx, v.actors[clinic.RoleNurse], ch.Assessment.ID, ch.Assessment.Version, refusal, "again"); !clinic.IsCode(err, clinic.EInvalidState) {
		t.Errorf("marking twice: %v", err)
	}
	if _, err := v.svc.RecordVaccineDecision(ctx, v.actors[clinic.RoleLab], ch.Assessment.ID, ch.Assessment.Version,
		clinic.VaccineDecision{Vaccine: "mmr", Kind: clinic.DecisionRefusal, ReasonCode: "moral", SaidBy: "applicant", Reason: "no"}); !clinic.IsCode(err, clinic.EForbidden) {
		t.Errorf("the lab recording a refusal: %v", err)
	}
}

// TestVaccineDecisionChecks: each bad decision names its field.
func TestVaccineDecisionChecks(t *testing.T) {
	v := newVX(t)
	ctx := context.Background()
	dob := v.today.AddDate(-4, 0, 0)
	ch := v.open(t, "VX-DAY-2", "US", "immigrant", dob)
	future, early := v.today.AddDate(0, 0, 2), dob.AddDate(0, 0, -1)
	cases := []struct {
		d            clinic.VaccineDecision
		field, code  string
		nameOfChange string
	}{
		{clinic.VaccineDecision{Kind: clinic.DecisionRefusal, ReasonCode: "moral", SaidBy: "applicant", Reason: "x"}, "vaccine", "required", "no vaccine"},
		{clinic.VaccineDecision{Vaccine: "yellow_fever", Kind: clinic.DecisionRefusal, ReasonCode: "moral", SaidBy: "applicant", Reason: "x"}, "vaccine", "unknown", "not on the worksheet"},
		{clinic.VaccineDecision{Vaccine: "mmr", Kind: "maybe", ReasonCode: "moral"}, "kind", "not_allowed", "unknown kind"},
		{clinic.VaccineDecision{Vaccine: "mmr", Kind: clinic.DecisionRefusal, ReasonCode: "pregnancy", SaidBy: "applicant", Reason: "x"}, "reason_code", "not_allowed", "a waiver's reason on a refusal"},
		{clinic.VaccineDecision{Vaccine: "mmr", Kind: clinic.DecisionRefusal, ReasonCode: "moral", Reason: "x"}, "said_by", "required", "who refused"},
		{clinic.VaccineDecision{Vaccine: "mmr", Kind: clinic.DecisionRefusal, ReasonCode: "moral", SaidBy: "guardian"}, "reason", "required", "what was said"},
		{clinic.VaccineDecision{Vaccine: "mmr", Kind: clinic.DecisionImmunity, ReasonCode: "titre", Antigen: "cholera", Test: "IgG", Result: "positive", SampledOn: &early}, "antigen", "required", "an antigen without immunity data"},
		{clinic.VaccineDecision{Vaccine: "mmr", Kind: clinic.DecisionImmunity, ReasonCode: "titre", Antigen: "measles", Test: "IgG", Result: "high", SampledOn: &early}, "result", "required", "a result that is no reading"},
		{clinic.VaccineDecision{Vaccine: "mmr", Kind: clinic.DecisionImmunity, ReasonCode: "titre", Antigen: "measles", Test: "IgG", Result: "positive", SampledOn: &future}, "sampled_on", "in_future", "sampled tomorrow"},
		{clinic.VaccineDecision{Vaccine: "mmr", Kind: clinic.DecisionImmunity, ReasonCode: "titre", Antigen: "measles", Test: "IgG", Result: "positive", SampledOn: &early}, "sampled_on", "before_birth", "sampled before birth"},
		{clinic.VaccineDecision{Vaccine: "mmr", Kind: clinic.DecisionWaiver, ReasonCode: "allergy", Test: "IgG"}, "test", "not_allowed", "a test on a waiver"},
	}
	for _, c := range cases {
		_, err := v.svc.RecordVaccineDecision(ctx, v.actors[clinic.RoleNurse], ch.Assessment.ID, ch.Assessment.Version, c.d)
		if got := fieldCode(err, c.field); got != c.code {
			t.Errorf("%s: %s = %q, want %q (%v)", c.nameOfChange, c.field, got, c.code, err)
		}
	}
	ch, err := v.svc.Chart(ctx, v.actors[clinic.RoleNurse], ch.Assessment.ID)
	if err != nil || len(ch.VaccineDecisions) != 0 {
		t.Errorf("nothing saved: %+v %v", ch.VaccineDecisions, err)
	}
}

// TestDoseFromLot: a dose given here from a lot of another vaccine, an expired or an empty lot is
// refused on batch_id; the lot is not counted down.
func TestDoseFromLot(t *testing.T) {
	v := newVX(t)
	ctx := context.Background()
	nurse := v.actors[clinic.RoleNurse]
	ch := v.open(t, "VX-DAY-3", "US", "immigrant", v.today.AddDate(-30, 0, 0))
	one := v.receiveLot(t, "03", "MSD", "MMR-1", 1)
	vzv := v.receiveLot(t, "21", "MSD", "VAR-1", 5)
	expired := clinic.MedicineBatch{ID: clinic.NewID(), SiteID: v.site.ID, Drug: clinic.DrugVaccine, CVX: "03", MVX: "MSD",
		Lot: "MMR-OLD", Strength: 1, StrengthUnit: "dose", Form: "vial", ExpiresOn: v.today.AddDate(0, 0, -1),
		Received: 10, Remaining: 10, ReceivedBy: nurse.UserID, ReceivedName: nurse.Name, ReceivedAt: time.Now()}
	if err := v.store.Tx(ctx, func(tx clinic.Tx) error { return tx.CreateBatch(ctx, expired) }); err != nil {
		t.Fatal(err) // a lot received while good, past its date now
	}
	dose := func(batch string) clinic.Dose {
		return clinic.Dose{Date: v.today, CVX: "03", Origin: clinic.OriginClinic, BatchID: batch, Route: "subcutaneous", Site: "right_arm"}
	}
	for _, c := range []struct{ batch, code string }{{vzv.ID, "wrong_vaccine"}, {expired.ID, "expired"}, {clinic.NewID(), "unknown"}} {
		_, err := v.svc.RecordDose(ctx, nurse, ch.Assessment.ID, ch.Assessment.Version, dose(c.batch))
		if got := fieldCode(err, "batch_id"); got != c.code {
			t.Errorf("lot %s: batch_id %q, want %q (%v)", c.batch, got, c.code, err)
		}
	}
	v.record(t, ch, dose(one.ID))
	other := v.open(t, "VX-DAY-4", "US", "immigrant", v.today.AddDate(-30, 0, 0))
	_, err := v.svc.RecordDose(ctx, nurse, other.Assessment.ID, other.Assessment.Version, dose(one.ID))
	if got := fieldCode(err, "batch_id"); got != "empty" {
		t.Errorf("an empty lot: %q (%v)", got, err)
	}
	stock, err := v.svc.Batches(ctx, nurse, clinic.DrugVaccine)
	if err != nil {
		t.Fatal(err)
	}
	left := map[string]float64{}
	for _, b := range stock {
		left[b.Lot] = b.Remaining
	}
	if left["MMR-1"] != 0 || left["VAR-1"] != 5 || left["MMR-OLD"] != 10 {
		t.Errorf("stock after one dose: %v", left)
	}
	// A lot must be a known, specific vaccine with its manufacturer and whole doses.
	_, err = v.svc.ReceiveBatch(ctx, nurse, clinic.MedicineBatch{Drug: clinic.DrugVaccine, CVX: "999999", MVX: "x", Lot: "L1",
		Strength: 1, StrengthUnit: "dose", Form: "vial", ExpiresOn: v.today, Received: 1.5})
	for field, code := range map[string]string{"cvx": "unknown", "mvx": "invalid", "received": "out_of_range"} {
		if got := fieldCode(err, field); got != code {
			t.Errorf("a bad lot: %s = %q, want %q (%v)", field, got, code, err)
		}
	}
}
