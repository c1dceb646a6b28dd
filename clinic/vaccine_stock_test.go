package clinic_test

import (
	"context"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

// putLot stores a lot as it stands now (received earlier, perhaps expired or used up since).
func (v *vx) putLot(t *testing.T, siteID, drug, cvx, lot string, expires time.Time, received, left float64) {
	t.Helper()
	ctx := context.Background()
	nurse := v.actors[clinic.RoleNurse]
	b := clinic.MedicineBatch{ID: clinic.NewID(), SiteID: siteID, Drug: drug, CVX: cvx, MVX: "SKB", Lot: lot, Strength: 1,
		StrengthUnit: "dose", Form: "vial", ExpiresOn: expires, Received: received, Remaining: left,
		ReceivedBy: nurse.UserID, ReceivedName: nurse.Name, ReceivedAt: time.Now()}
	if drug != clinic.DrugVaccine {
		b.CVX, b.MVX, b.Strength, b.StrengthUnit, b.Form = "", "", 400, "mg", "tablet"
	}
	if err := v.store.Tx(ctx, func(tx clinic.Tx) error { return tx.CreateBatch(ctx, b) }); err != nil {
		t.Fatal(err)
	}
}

func alertLots(al clinic.StockAlerts) string {
	var out []string
	for _, a := range al.Items {
		var why []string
		for w, on := range map[string]bool{"low": a.Low, "expiring": a.Expiring, "expired": a.Expired} {
			if on {
				why = append(why, w)
			}
		}
		sort.Strings(why)
		out = append(out, a.Batch.Lot+"("+strings.Join(why, "+")+")")
	}
	return strings.Join(out, " ")
}

// TestVaccineStockAlerts: the list holds the site's vaccine lots low in doses (an empty one too)
// and those expiring soon or expired with doses left, earliest expiry first; a lot joins it when
// a dose given brings it to the threshold; the thresholds come from the site, a query may
// override them, and only the nurse in charge's roles may change them.
func TestVaccineStockAlerts(t *testing.T) {
	v := newVX(t)
	ctx := context.Background()
	nurse := v.actors[clinic.RoleNurse]
	d := func(days int) time.Time { return v.today.AddDate(0, 0, days) }
	v.putLot(t, v.site.ID, clinic.DrugVaccine, "20", "A-6-LEFT", d(365), 6, 6)
	v.putLot(t, v.site.ID, clinic.DrugVaccine, "03", "B-SOON", d(10), 20, 20)
	v.putLot(t, v.site.ID, clinic.DrugVaccine, "21", "C-LOW", d(300), 10, 3)
	v.putLot(t, v.site.ID, clinic.DrugVaccine, "10", "D-LATER", d(200), 10, 10)
	v.putLot(t, v.site.ID, clinic.DrugVaccine, "08", "E-EXPIRED", d(-3), 10, 4)
	v.putLot(t, v.site.ID, clinic.DrugVaccine, "08", "F-DONE", d(-30), 10, 0)
	v.putLot(t, v.site.ID, clinic.DrugVaccine, "83", "G-EMPTY", d(100), 10, 0)
	v.putLot(t, v.site.ID, clinic.DrugVaccine, "83", "H-TODAY", d(0), 10, 8)
	v.putLot(t, v.site.ID, "albendazole", "", "ALB-LOW", d(5), 10, 1)
	gom := v.otherSite(t)
	gomSite, err := v.svc.EnsureSite(ctx, clinic.Site{Code: "GOM", Name: "Goma MHAC", Country: "CD", Timezone: "Africa/Lubumbashi"})
	if err != nil {
		t.Fatal(err)
	}
	v.putLot(t, gomSite.ID, clinic.DrugVaccine, "20", "GOM-LOW", d(365), 10, 1)

	al, err := v.svc.VaccineStockAlerts(ctx, nurse, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if al.Settings != (clinic.StockAlertSettings{LowDoses: 5, ExpiryDays: 30}) || !al.Today.Equal(v.today) {
		t.Errorf("the defaults: %+v on %s", al.Settings, al.Today)
	}
	want := "E-EXPIRED(expired) H-TODAY(expiring) B-SOON(expiring) G-EMPTY(low) C-LOW(low)"
	if got := alertLots(al); got != want {
		t.Errorf("the list:\n got %s\nwant %s", got, want)
	}
	if al.Items[0].DaysLeft != -3 || al.Items[1].DaysLeft != 0 {
		t.Errorf("days left: %d %d", al.Items[0].DaysLeft, al.Items[1].DaysLeft)
	}

	// A dose given from the lot of 6 leaves 5: it joins the list.
	ch := v.open(t, "VX-ST-1", "US", "immigrant", v.today.AddDate(-1, -3, -10))
	lotA := ""
	for _, b := range mustBatches(t, v, nurse) {
		if b.Lot == "A-6-LEFT" {
			lotA = b.ID
		}
	}
	v.record(t, ch, clinic.Dose{Date: v.today, CVX: "20", Origin: clinic.OriginClinic, BatchID: lotA, Route: "intramuscular", Site: "left_thigh"})
	al, err = v.svc.VaccineStockAlerts(ctx, nurse, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := alertLots(al); !strings.HasSuffix(got, "C-LOW(low) A-6-LEFT(low)") {
		t.Errorf("after a dose from the lot of 6: %s", got)
	}

	// A query overrides the site's thresholds for one look.
	low, days := 10, 250
	al, err = v.svc.VaccineStockAlerts(ctx, nurse, &low, &days)
	if err != nil {
		t.Fatal(err)
	}
	want = "E-EXPIRED(expired) H-TODAY(expiring+low) B-SOON(expiring) G-EMPTY(low) D-LATER(expiring+low) C-LOW(low) A-6-LEFT(low)"
	if got := alertLots(al); got != want || al.Settings.LowDoses != 10 || al.Settings.ExpiryDays != 250 {
		t.Errorf("low 10, 250 days:\n got %s\nwant %s (%+v)", got, want, al.Settings)
	}
	bad, neg := 20000, -1
	_, err = v.svc.VaccineStockAlerts(ctx, nurse, &bad, &neg)
	if fieldCode(err, "low_doses") != "out_of_range" || fieldCode(err, "expiring_days") != "out_of_range" {
		t.Errorf("thresholds out of range: %v", err)
	}

	// The site's thresholds: the nurse in charge's roles set them; the list then follows.
	for _, r := range []clinic.Role{clinic.RoleLab, clinic.RolePhysician, clinic.RoleRegistrar} {
		if _, err := v.svc.SetVaccineStockAlertSettings(ctx, v.actors[r], clinic.StockAlertSettings{LowDoses: 1, ExpiryDays: 1}); !clinic.IsCode(err, clinic.EForbidden) {
			t.Errorf("%s sets the thresholds: %v", r, err)
		}
	}
	if _, err := v.svc.VaccineStockAlerts(ctx, v.actors[clinic.RoleLab], nil, nil); !clinic.IsCode(err, clinic.EForbidden) {
		t.Errorf("the lab reads the list: %v", err)
	}
	_, err = v.svc.SetVaccineStockAlertSettings(ctx, nurse, clinic.StockAlertSettings{LowDoses: -1, ExpiryDays: 4000})
	if fieldCode(err, "low_doses") != "out_of_range" || fieldCode(err, "expiring_days") != "out_of_range" {
		t.Errorf("settings out of range: %v", err)
	}
	if _, err := v.svc.SetVaccineStockAlertSettings(ctx, nurse, clinic.StockAlertSettings{LowDoses: 3, ExpiryDays: 5}); err != nil {
		t.Fatal(err)
	}
	al, err = v.svc.VaccineStockAlerts(ctx, nurse, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := alertLots(al); got != "E-EXPIRED(expired) H-TODAY(expiring) G-EMPTY(low) C-LOW(low)" || al.Settings.LowDoses != 3 {
		t.Errorf("with the site's 3 doses and 5 days: %s", got)
	}

	// The other site sees its own lot only, with its own (default) thresholds.
	al, err = v.svc.VaccineStockAlerts(ctx, gom, nil, nil)
	if err != nil || alertLots(al) != "GOM-LOW(low)" || al.Settings.LowDoses != 5 {
		t.Errorf("the other site: %s %+v %v", alertLots(al), al.Settings, err)
	}
}

func mustBatches(t *testing.T, v *vx, a clinic.Actor) []clinic.MedicineBatch {
	t.Helper()
	bs, err := v.svc.Batches(context.Background(), a, clinic.DrugVaccine)
	if err != nil {
		t.Fatal(err)
	}
	return bs
}
