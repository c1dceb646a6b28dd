package cdsi

import "testing"

// TestGroupStatus: table 9-4, with table 7-4 of version 2.1 where the group need not be given
// whole: a contraindicated antigen does not stop the others still due.
func TestGroupStatus(t *testing.T) {
	dtap := &VaccineGroup{Name: "DTaP/Tdap/Td", FullGroup: "No", Antigens: []string{"Diphtheria", "Tetanus", "Pertussis"}}
	mmr := &VaccineGroup{Name: "MMR", FullGroup: "Yes", Antigens: []string{"Measles", "Mumps", "Rubella"}}
	single := &VaccineGroup{Name: "HepB"}
	tests := []struct {
		g        *VaccineGroup
		statuses []string
		want     string
	}{
		{dtap, []string{SeriesNotComplete, SeriesNotComplete, SeriesContraindicated}, SeriesNotComplete},
		{dtap, []string{SeriesComplete, SeriesComplete, SeriesContraindicated}, SeriesContraindicated},
		{mmr, []string{SeriesNotComplete, SeriesNotComplete, SeriesContraindicated}, SeriesContraindicated},
		{mmr, []string{SeriesNotComplete, SeriesAgedOut, SeriesComplete}, SeriesAgedOut},
		{mmr, []string{SeriesNotComplete, SeriesNotRecommended, SeriesComplete}, SeriesNotRecommended},
		{mmr, []string{SeriesComplete, SeriesImmune, SeriesComplete}, SeriesComplete},
		{mmr, []string{SeriesImmune, SeriesImmune, SeriesImmune}, SeriesImmune},
		{single, []string{SeriesContraindicated}, SeriesContraindicated},
		{single, []string{SeriesNotComplete}, SeriesNotComplete},
	}
	for _, tt := range tests {
		var members []*patientSeries
		for _, st := range tt.statuses {
			members = append(members, &patientSeries{status: st})
		}
		if got := groupStatus(tt.g, members); got != tt.want {
			t.Errorf("%s %v: %q, want %q", tt.g.Name, tt.statuses, got, tt.want)
		}
	}
}
