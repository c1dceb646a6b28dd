package clinic_test

import (
	"context"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

// TestCheckStoredDoses: doses written before today's checks existed (or made wrong by a later
// correction) are each found once, with their field; good doses are not.
func TestCheckStoredDoses(t *testing.T) {
	v := newVX(t)
	ctx := context.Background()
	nurse := v.actors[clinic.RoleNurse]
	dob := v.today.AddDate(-4, 0, 0)
	ch := v.open(t, "VX-CHK-1", "US", "immigrant", dob)
	ch = v.record(t, ch, fromCard(dob.AddDate(0, 2, 0), "20")) // good
	lot := v.receiveLot(t, "21", "MSD", "VAR-9", 3)
	v.record(t, ch, clinic.Dose{Date: v.today, CVX: "21", Origin: clinic.OriginClinic, BatchID: lot.ID, Route: "subcutaneous", Site: "left_arm"}) // good
	old := clinic.MedicineBatch{ID: clinic.NewID(), SiteID: v.site.ID, Drug: clinic.DrugVaccine, CVX: "03", MVX: "MSD", Lot: "MMR-OLD",
		Strength: 1, StrengthUnit: "dose", Form: "vial", ExpiresOn: v.today.AddDate(0, 0, -10), Received: 5, Remaining: 5,
		ReceivedBy: nurse.UserID, ReceivedName: nurse.Name, ReceivedAt: time.Now()}
	bad := func(d clinic.Dose) clinic.Dose {
		d.ID, d.ApplicantID, d.AssessmentID = clinic.NewID(), ch.Applicant.ID, ch.Assessment.ID
		d.RecordedBy, d.RecordedName, d.RecordedAt = nurse.UserID, nurse.Name, time.Now()
		return d
	}
	want := map[string]string{} // dose id → field/code
	doses := []struct {
		d    clinic.Dose
		find string
	}{
		{bad(clinic.Dose{Date: dob.AddDate(0, 4, 0), CVX: "99999", Origin: clinic.OriginRecord, SourceDocument: "card"}), "cvx/unknown"},
		{bad(clinic.Dose{Date: dob.AddDate(0, 6, 0), CVX: "20", MVX: "S1", Origin: clinic.OriginRecord, SourceDocument: "card"}), "mvx/invalid"},
		{bad(clinic.Dose{Date: dob.AddDate(0, 0, -3), CVX: "08", Origin: clinic.OriginRecord, SourceDocument: "card"}), "date/before_birth"},
		{bad(clinic.Dose{Date: v.today.AddDate(0, 0, 5), CVX: "08", Origin: clinic.OriginRecord, SourceDocument: "card"}), "date/in_future"},
		{bad(clinic.Dose{Date: v.today, CVX: "10", Origin: clinic.OriginClinic, Route: "intramuscular", Site: "left_thigh"}), "lot/required"},
		{bad(clinic.Dose{Date: v.today, CVX: "03", Lot: "MMR-OLD", Origin: clinic.OriginClinic, BatchID: old.ID, Route: "subcutaneous", Site: "right_arm"}), "batch_id/expired"},
		{bad(clinic.Dose{Date: v.today.AddDate(0, 0, -1), CVX: "03", Lot: "OTHER", Origin: clinic.OriginClinic, BatchID: lot.ID, Route: "subcutaneous", Site: "right_arm"}), "batch_id/wrong_vaccine"},
	}
	err := v.store.Tx(ctx, func(tx clinic.Tx) error {
		if err := tx.CreateBatch(ctx, old); err != nil {
			return err
		}
		for _, x := range doses {
			if err := tx.AddDose(ctx, x.d); err != nil {
				return err
			}
			want[x.d.ID] = x.find
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// A wrong dose already marked entered in error is not reported again.
	errDose := bad(clinic.Dose{Date: dob.AddDate(0, 0, -1), CVX: "08", Origin: clinic.OriginRecord, SourceDocument: "card"})
	if err := v.store.Tx(ctx, func(tx clinic.Tx) error { return tx.AddDose(ctx, errDose) }); err != nil {
		t.Fatal(err)
	}
	// (The chart itself cannot be evaluated with an unknown CVX on record, so the mark is written
	// to the store directly.)
	if err := v.store.Tx(ctx, func(tx clinic.Tx) error {
		return tx.MarkDoseInError(ctx, errDose.ID, clinic.DoseError{Reason: "before birth", By: nurse.UserID, ByName: nurse.Name, At: time.Now()})
	}); err != nil {
		t.Fatal(err)
	}

	if _, err := v.svc.CheckStoredDoses(ctx, nurse); !clinic.IsCode(err, clinic.EForbidden) {
		t.Errorf("a nurse running the data check: %v", err)
	}
	u, err := v.svc.CreateUser(ctx, clinic.Actor{}, clinic.NewUser{Username: "admin", Name: "Test admin", Role: clinic.RoleAdmin,
		SiteCode: "KGL", Password: "test-password-2026"})
	if err != nil {
		t.Fatal(err)
	}
	findings, err := v.svc.CheckStoredDoses(ctx, clinic.ActorOf(u, "test", "127.0.0.1"))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, f := range findings {
		if got[f.DoseID] != "" {
			t.Errorf("dose %s found twice: %s and %s/%s", f.DoseID, got[f.DoseID], f.Field, f.Code)
		}
		got[f.DoseID] = f.Field + "/" + f.Code
	}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("dose %s: found %q, want %q", id, got[id], w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("findings %v, want %v", got, want)
	}
}
