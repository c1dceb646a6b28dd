package protocols

import (
	"strings"
	"testing"
)

// TestDoseTable reads the embedded dose table at the edges of its bands.
func TestDoseTable(t *testing.T) {
	e, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	kg := func(w float64) *float64 { return &w }
	tests := []struct {
		drug      string
		ageMonths int
		weight    *float64
		amount    float64
		unit      string
		problem   string // part of the reason there is no dose
	}{
		{"albendazole", 11, nil, 0, "", "no dose"},
		{"albendazole", 12, nil, 200, "mg", ""},
		{"albendazole", 23, kg(10), 200, "mg", ""},
		{"albendazole", 24, nil, 400, "mg", ""},
		{"ivermectin", 400, nil, 0, "", "weight is not recorded"},
		{"ivermectin", 400, kg(14.9), 0, "", "no dose"},
		{"ivermectin", 400, kg(15), 3, "mg", ""},
		{"ivermectin", 400, kg(50.9), 9, "mg", ""},
		{"ivermectin", 400, kg(51), 12, "mg", ""},
		{"ivermectin", 400, kg(95), 18, "mg", ""}, // 0.2 mg/kg = 19, to the nearest 3 mg tablet
		{"praziquantel", 47, kg(20), 0, "", "no dose"},
		{"praziquantel", 48, kg(20), 450, "mg", ""},   // 20 mg/kg, nearest 150 mg
		{"praziquantel", 400, kg(55), 1050, "mg", ""}, // 1100 → 1050
		{"artemether_lumefantrine", 12, kg(4.9), 0, "", "no dose"},
		{"artemether_lumefantrine", 12, kg(5), 1, "tablet", ""},
		{"artemether_lumefantrine", 400, kg(34.9), 3, "tablet", ""},
		{"artemether_lumefantrine", 400, kg(35), 4, "tablet", ""},
		{"benzathine_penicillin", 400, kg(60), 0, "", "No dose table"},
	}
	for _, tc := range tests {
		d, problem := e.ref.dose(tc.drug, tc.ageMonths, tc.weight)
		switch {
		case tc.problem != "":
			if d != nil || !strings.Contains(problem, tc.problem) {
				t.Errorf("%s at %d months, %v kg: dose %+v, problem %q; want no dose because %q", tc.drug, tc.ageMonths, tc.weight, d, problem, tc.problem)
			}
		case d == nil:
			t.Errorf("%s at %d months: no dose (%s)", tc.drug, tc.ageMonths, problem)
		case d.Amount != tc.amount || d.Unit != tc.unit || d.Source.Doc == "" || d.Basis == "":
			t.Errorf("%s at %d months, %v kg: %+v, want %v %s with its source", tc.drug, tc.ageMonths, *tc.weight, d, tc.amount, tc.unit)
		}
	}
}

// TestDoseTableChecks: a band with both a fixed and a per-kg dose, and a drug listed twice, fail
// at load.
func TestDoseTableChecks(t *testing.T) {
	m := rulesFS(t)
	edit(t, m, "reference/presumptive-treatment-doses.yaml", "{age_months_min: 24, amount: 400}", "{age_months_min: 24, amount: 400, per_kg: 1}")
	edit(t, m, "reference/presumptive-treatment-doses.yaml", "  - drug: ivermectin", "  - drug: praziquantel")
	_, err := LoadDir(m)
	if err == nil {
		t.Fatal("a broken dose table loaded")
	}
	for _, want := range []string{"exactly one of amount and per_kg", `drug "praziquantel" already has doses`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("load error lacks %q: %v", want, err)
		}
	}
}
