package lab

import (
	"strings"
	"testing"

	"github.com/mhac-clinic/mhac/clinic"
)

// TestCatalogLoads: the shipped catalog passes its checks, names its sources, and gives a test for
// every lab step the rule files require.
func TestCatalogLoads(t *testing.T) {
	c, err := Catalog()
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Sources) == 0 || c.Edition == "" {
		t.Errorf("no sources or edition: %+v", c)
	}
	for _, step := range []string{"igra", "tst", "syphilis", "hiv", "hepatitis_b", "urinalysis", "creatinine", "hba1c", "gonorrhea",
		"sputum_smears", "sputum_cultures", "mtb_naat", "dst"} {
		if _, ok := c.ForStep(step); !ok {
			t.Errorf("no test for step %s", step)
		}
	}
	if cult, _ := c.ForStep("sputum_cultures"); cult.Count() != 3 || cult.TurnaroundDays != 56 {
		t.Errorf("cultures: %d specimens, %d days", cult.Count(), cult.TurnaroundDays)
	}
}

// TestCatalogIGRA: the catalog's cut-offs give the package insert's answers.
func TestCatalogIGRA(t *testing.T) {
	c, err := Catalog()
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range []struct {
		n, t1, t2, m float64
		want         string
	}{{0.05, 0.40, 0.1, 10, "positive"}, {2.0, 2.45, 2.4, 10, "negative"}, {0.1, 0.2, 0.2, 0.55, "indeterminate"}, {8.5, 10, 10, 10, "indeterminate"}} {
		if got := clinic.IGRAInterpretation(c.IGRA, x.n, x.t1, x.t2, x.m); got != x.want {
			t.Errorf("%v: %s, want %s", x, got, x.want)
		}
	}
}

// TestCatalogRefusesBadFiles: a wrong file fails at load with the reason.
func TestCatalogRefusesBadFiles(t *testing.T) {
	head := "edition: x\nsources: [{doc: d}]\ntests:\n"
	cases := map[string]string{
		"check digit":     head + "  - {code: a, name: A, specimen: blood, loinc: 71773-5, components: [{code: c, name: C, choices: [x]}]}\n",
		"bad specimen":    head + "  - {code: a, name: A, specimen: hair, components: [{code: c, name: C, choices: [x]}]}\n",
		"flag not choice": head + "  - {code: a, name: A, specimen: blood, components: [{code: c, name: C, choices: [x], critical: [y]}]}\n",
		"igra parts":      head + "  - {code: a, name: A, specimen: blood, interpret: igra_qft_plus, components: [{code: nil, name: N, min: 0, max: 10}]}\n",
		"number range":    head + "  - {code: a, name: A, specimen: blood, components: [{code: c, name: C, min: 5, max: 1}]}\n",
		"unknown field":   head + "  - {code: a, name: A, specimen: blood, colour: red, components: [{code: c, name: C, choices: [x]}]}\n",
		"two tests, one step": head + "  - {code: a, step: hiv, name: A, specimen: blood, components: [{code: c, name: C, choices: [x]}]}\n" +
			"  - {code: b, step: hiv, name: B, specimen: blood, components: [{code: c, name: C, choices: [x]}]}\n",
		"no sources": "edition: x\ntests: []\n",
	}
	for name, y := range cases {
		if _, err := Parse([]byte(y)); err == nil || !strings.Contains(err.Error(), "lab catalog") {
			t.Errorf("%s: %v", name, err)
		}
	}
	if d := loincCheckDigit("71773"); d != 6 {
		t.Errorf("check digit of 71773 is %d, want 6", d)
	}
}
