package clinic

import (
	"reflect"
	"testing"
)

// TestEveryRoleAndPermission checks the table itself: every permission names known roles, and
// every role may at least see its own session.
func TestEveryRoleAndPermission(t *testing.T) {
	for p, roles := range Permissions {
		if len(roles) == 0 {
			t.Errorf("%s: no role holds it", p)
		}
		for _, r := range roles {
			if !r.Valid() {
				t.Errorf("%s: unknown role %q", p, r)
			}
		}
	}
	for _, r := range Roles {
		if !r.Has(PermOwnSession) {
			t.Errorf("%s cannot see its own session", r)
		}
	}
	for st, roles := range stationRoles {
		for _, r := range roles {
			if !r.Has(PermReadWorklist) {
				t.Errorf("station %s lets %s in, who may not read worklists at all", st, r)
			}
		}
	}
	for step, spec := range resultSpecs {
		if Permissions[spec.perm] == nil {
			t.Errorf("result %s: unknown permission %q", step, spec.perm)
		}
		for _, r := range Permissions[spec.perm] {
			if !r.Has(PermRecordResult) {
				t.Errorf("result %s: %s may record it but may not record results", step, r)
			}
		}
	}
}

// TestChartCan checks what a chart answer lists for each role, before and after sign-off.
func TestChartCan(t *testing.T) {
	open := Chart{Assessment: Assessment{State: StateInExam}}
	signed := Chart{Assessment: Assessment{State: StateSigned}}
	// An identity mismatch holds the chart: nothing is recorded until it is resolved.
	held := Chart{Assessment: Assessment{State: StateInExam}, IdentityChecks: []IdentityCheck{{Station: IDExam, Outcome: IdentityMismatch, Reason: "not the photo"}}}
	cases := []struct {
		role Role
		ch   Chart
		want []Permission
	}{
		{RoleNurse, open, []Permission{PermRecordHistory, PermRecordVitals, PermRecordTreatment, PermRecordDose, PermMarkDoseError, PermReadForms,
			PermRecordMentalHealth, PermRecordCounselling, PermCollectSpecimen, PermObserveDOT, PermOrderImaging, PermCheckIdentity, PermRecordVaccineDecision}},
		{RoleNurse, signed, []Permission{PermRecordPEC, PermReadForms, PermExportRecord, PermCheckIdentity}},
		{RoleNurse, held, []Permission{PermReadForms, PermCheckIdentity}},
		{RoleLab, open, []Permission{PermRecordLabResult, PermCollectSpecimen, PermCheckIdentity}},
		{RoleLab, signed, []Permission{PermCheckIdentity}},
		{RoleRadiology, open, []Permission{PermRecordRadiologyResult, PermOrderImaging, PermCheckIdentity}},
		{RolePhysician, open, []Permission{PermRecordHistory, PermRecordVitals, PermRecordLabResult, PermRecordRadiologyResult,
			PermRecordTreatment, PermClassify, PermSignOff, PermRecordDose, PermMarkDoseError, PermReadForms, PermRevokeForm,
			PermRecordMentalHealth, PermRecordCounselling, PermAcknowledgeCritical, PermStartDOT, PermObserveDOT, PermOrderImaging, PermRefer, PermCheckIdentity,
			PermRecordVaccineDecision}},
		{RolePhysician, signed, []Permission{PermAddAddendum, PermRecordPEC, PermReadForms, PermRevokeForm, PermExportRecord, PermCheckIdentity}},
		{RolePhysician, held, []Permission{PermReadForms, PermRevokeForm, PermCheckIdentity, PermResolveIdentity}},
		{RoleAdmin, signed, []Permission{PermReadForms, PermRevokeForm, PermExportRecord}},
		{RoleAdmin, open, []Permission{PermReadForms, PermRevokeForm}},
		{RoleCaseworker, open, []Permission{}},
	}
	for _, c := range cases {
		if got := c.ch.Can(Actor{Role: c.role}); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s on a %s chart: %v, want %v", c.role, c.ch.Assessment.State, got, c.want)
		}
	}
}

// TestMemberCan checks what a case member lists: corrections, re-examination after sign-off.
func TestMemberCan(t *testing.T) {
	queued := Applicant{AssessmentID: "a1", State: StateQueued}
	signed := Applicant{AssessmentID: "a1", State: StateFitToTravel}
	fresh := Applicant{}
	cases := []struct {
		role Role
		ap   Applicant
		want []Permission
	}{
		{RoleRegistrar, fresh, []Permission{PermUpdateApplicant}},
		{RoleRegistrar, queued, []Permission{PermUpdateApplicant}},
		{RoleRegistrar, signed, []Permission{PermUpdateApplicant, PermReexamine}},
		{RoleAdmin, signed, []Permission{PermUpdateApplicant, PermReexamine, PermReadChart}},
		{RoleNurse, queued, []Permission{PermReadChart}},
		{RoleNurse, fresh, []Permission{}},
		{RoleCaseworker, signed, []Permission{}},
	}
	for _, c := range cases {
		if got := c.ap.Can(Actor{Role: c.role}); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s on a member (%q): %v, want %v", c.role, c.ap.State, got, c.want)
		}
	}
	if got := (Case{}).Can(Actor{Role: RoleRegistrar}); !reflect.DeepEqual(got, []Permission{PermQueueCase, PermSetFlight, PermUpdateApplicant, PermReexamine, PermTakePhoto,
		PermRecordConsent, PermReadConsent}) {
		t.Errorf("registrar on a case: %v", got)
	}
	if got := (Case{}).Can(Actor{Role: RoleCaseworker}); !reflect.DeepEqual(got, []Permission{PermSetFlight}) {
		t.Errorf("caseworker on a case: %v", got)
	}
}
