package clinic

import (
	"reflect"
	"testing"
	"time"
)

func TestDisclosedTo(t *testing.T) {
	born := time.Date(1990, 3, 4, 0, 0, 0, 0, time.UTC)
	dep := time.Date(2027, 1, 15, 0, 0, 0, 0, time.UTC)
	m := Applicant{ID: "p1", CaseID: "c1", SiteID: "s1", Surnames: "Uwimana", GivenNames: "Aline", BirthDate: born,
		BirthDateEstimated: true, Sex: "female", Relationship: "principal", Nationality: "CD", CountryOfBirth: "CD",
		ResidenceCountry: "RW", CountriesLived: []string{"CD", "RW"}, DocumentType: "passport", DocumentNumber: "PC1234567",
		FileNumber: "F-778", Phone: "+250788000111", UnaccompaniedMinor: true, Version: 3, AssessmentID: "a1", State: StateQueued}
	c := Case{ID: "c1", SiteID: "s1", CaseNumber: "RW-1", Destination: "CA", Program: "refugee", FlightNumber: "WB464",
		DepartureDate: &dep, Version: 2, Members: []Applicant{m}}
	travel := Applicant{ID: "p1", CaseID: "c1", SiteID: "s1", Surnames: "Uwimana", GivenNames: "Aline", BirthDate: born,
		BirthDateEstimated: true, FileNumber: "F-778", State: StateQueued}
	for _, tc := range []struct {
		role Role
		want Disclosure
		m    Applicant
	}{
		{RoleRegistrar, DiscloseFull, m}, {RoleNurse, DiscloseFull, m}, {RoleLab, DiscloseFull, m},
		{RoleRadiology, DiscloseFull, m}, {RolePhysician, DiscloseFull, m}, {RoleAdmin, DiscloseFull, m},
		{RoleCaseworker, DiscloseTravel, travel}, {RolePanel, DiscloseTravel, travel}, {Role("unknown"), DiscloseTravel, travel},
	} {
		got := c.DisclosedTo(Actor{Role: tc.role})
		if got.Disclosure != tc.want || !reflect.DeepEqual(got.Members, []Applicant{tc.m}) {
			t.Errorf("%s: %s %+v; want %s %+v", tc.role, got.Disclosure, got.Members, tc.want, tc.m)
		}
		if got.CaseNumber != c.CaseNumber || got.FlightNumber != c.FlightNumber || got.DepartureDate != c.DepartureDate {
			t.Errorf("%s: the case head changed: %+v", tc.role, got)
		}
	}
	if c.Members[0].Phone == "" || c.Disclosure != "" {
		t.Error("DisclosedTo changed the case it was called on")
	}
}
