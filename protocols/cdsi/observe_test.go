package cdsi

import "testing"

// TestVaccineContraindication: table 7-7. A vaccine contraindication removes vaccines; the
// series is contraindicated only when no preferable or allowable vaccine is left for the dose.
func TestVaccineContraindication(t *testing.T) {
	runRiskCases(t, []riskCase{
		// 079 (encephalopathy after DTaP) contraindicates every pertussis-containing vaccine:
		// pertussis stops, diphtheria and tetanus go on with DT (allowable). Dose 2: 4 weeks after
		// dose 1, recommended at 4 months, past due at 5 months + 4 weeks - 1 day.
		{name: "encephalopathy after DTaP", dob: "2011-02-02", assess: "2011-04-02",
			obs: []string{"079"}, doses: []string{"2011-04-02:110"}, group: "DTaP/Tdap/Td",
			status: SeriesNotComplete, doseNo: "2", earliest: "2011-04-30", recommended: "2011-06-02", pastDue: "2011-07-29",
			doseStatus: []string{StatusValid}},
		// 172 (severe allergic reaction to recombinant zoster) is an antigen contraindication.
		{name: "allergy to recombinant zoster", dob: "1966-07-29", assess: "2025-04-01",
			obs: []string{"172"}, doses: []string{"2025-04-01:187"}, group: "Zoster",
			status: SeriesContraindicated, doseStatus: []string{StatusValid}},
	})
	eng, _ := NewDefault()
	res, err := eng.Evaluate(Patient{DOB: day("2011-02-02"), Observations: []PatientObservation{{Code: "079"}}}, day("2011-04-02"))
	if err != nil {
		t.Fatal(err)
	}
	gf, _ := res.Group("DTaP/Tdap/Td", "")
	for _, a := range gf.Antigens {
		if a.Antigen != "Pertussis" && a.Status != SeriesNotComplete {
			t.Errorf("%s: %s, want %s", a.Antigen, a.Status, SeriesNotComplete)
		}
	}
	if gf.Status != SeriesNotComplete || gf.DoseNumber != "1" {
		t.Errorf("DTaP/Tdap/Td: %s dose %s, want %s dose 1", gf.Status, gf.DoseNumber, SeriesNotComplete)
	}
}
