// Package demo holds the demo site and its logins, one per role, shared by `mhac seed` and the
// integration tests so both speak of the same clinic.
package demo

import (
	"strings"

	"github.com/mhac-clinic/mhac/clinic"
)

// Password is every demo login's password; `mhac seed` prints it and README.md lists it.
const Password = "mhac-demo-2026"

// Site is the demo clinic.
var Site = clinic.Site{Code: "KGL", Name: "Kigali MHAC", City: "Kigali", Country: "RW", Timezone: "Africa/Kigali",
	Organisation: "Migration Health Assessment Centre"}

// Users are the demo logins, one per role and one per receiving country's panel.
var Users = []clinic.NewUser{
	{Username: "registrar", Name: "Claudine Mukamana", Role: clinic.RoleRegistrar},
	{Username: "nurse", Name: "Jean-Paul Habimana", Role: clinic.RoleNurse},
	{Username: "lab", Name: "Esther Uwera", Role: clinic.RoleLab},
	{Username: "radiology", Name: "Eric Niyonzima", Role: clinic.RoleRadiology},
	// A second radiologist reads X-rays a second time, blind to the first reading.
	{Username: "radiology2", Name: "Diane Mutoni", Role: clinic.RoleRadiology},
	{Username: "physician", Name: "Dr Aline Uwase", Role: clinic.RolePhysician, RegistrationID: "RMDC-04127"},
	{Username: "caseworker", Name: "Grace Ingabire", Role: clinic.RoleCaseworker},
	{Username: "panel.us", Name: "US panel reviewer", Role: clinic.RolePanel, Country: "US"},
	{Username: "panel.ca", Name: "Canada panel reviewer", Role: clinic.RolePanel, Country: "CA"},
	{Username: "panel.au", Name: "Australia panel reviewer", Role: clinic.RolePanel, Country: "AU"},
	{Username: "panel.nz", Name: "New Zealand panel reviewer", Role: clinic.RolePanel, Country: "NZ"},
	{Username: "admin", Name: "Clinic administrator", Role: clinic.RoleAdmin},
	// operator administers every site: sites, panel accounts, the second-factor policy.
	{Username: "operator", Name: "Deployment operator", Role: clinic.RoleAdmin, DeploymentWide: true},
}

// syllables make generated given names: names in Latin letters only, as the clinic takes them.
var syllables = []string{"ka", "mi", "ru", "ngo", "bi", "se", "ne", "za", "to", "la"}

// Name returns a distinct given name for each n, for generated demo and load-test people.
func Name(n int) string {
	name := ""
	for {
		name = syllables[n%len(syllables)] + name
		n /= len(syllables)
		if n == 0 {
			break
		}
	}
	if len(name) < 4 {
		name += "na"
	}
	return strings.ToUpper(name[:1]) + name[1:]
}
