package clinic

import (
	"slices"
	"testing"
	"time"
)

// TestReferralSpecialtyCode: a specialty typed by the physician is written as the step codes name
// it, so "Nephrology" completes referral_nephrology.
func TestReferralSpecialtyCode(t *testing.T) {
	for in, want := range map[string]string{
		"Nephrology":             "nephrology",
		"  nephrology ":          "nephrology",
		"Chest physician":        "chest_physician",
		"Ear, nose & throat":     "ear_nose_throat",
		"Psychiatry (adult)":     "psychiatry_adult",
		"":                       "",
		"--":                     "",
		"Endocrinology/Diabetes": "endocrinology_diabetes",
	} {
		if got := ReferralSpecialtyCode(in); got != want {
			t.Errorf("ReferralSpecialtyCode(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSpecialistReports: only answered referrals feed the protocol, each specialty once.
func TestSpecialistReports(t *testing.T) {
	got := specialistReports([]Referral{
		{Specialty: "Nephrology", Status: ReferralAnswered},
		{Specialty: "Cardiology", Status: ReferralOpen},
		{Specialty: "nephrology", Status: ReferralAnswered},
		{Specialty: "Endocrinology", Status: ReferralAnswered},
	})
	if want := []string{"nephrology", "endocrinology"}; !slices.Equal(got, want) {
		t.Fatalf("specialistReports = %v, want %v", got, want)
	}
	p := Plan{Pending: []string{"cxr", "referral_nephrology"}}
	if !p.awaitsSpecialist() || (Plan{Pending: []string{"cxr"}}).awaitsSpecialist() {
		t.Fatal("awaitsSpecialist does not tell a pending specialist's report")
	}
}

// TestSnapshotCarriesReferrals: the forms' snapshot holds each referral as recorded, the report's
// date only once the report is in.
func TestSnapshotCarriesReferrals(t *testing.T) {
	at := time.Date(2026, 12, 4, 9, 30, 0, 0, time.UTC)
	ch := Chart{Case: Case{Destination: "NZ"}, Referrals: []Referral{
		{Specialty: "Nephrology", Reason: "eGFR 24", Facility: "CHUK", DueOn: at, Status: ReferralAnswered, AnsweredAt: &at},
		{Specialty: "Cardiology", Reason: "Murmur", Status: ReferralOpen},
	}}
	got := BuildSnapshot(ch, Site{}).Referrals
	if len(got) != 2 || got[0].Specialty != "Nephrology" || got[0].Facility != "CHUK" || got[0].ReportedAt == nil || !got[0].ReportedAt.Equal(at) ||
		got[1].Specialty != "Cardiology" || got[1].Status != ReferralOpen || got[1].ReportedAt != nil || got[1].Facility != "" {
		t.Fatalf("snapshot referrals: %+v", got)
	}
}
