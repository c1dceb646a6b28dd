package clinic

import (
	"testing"
	"time"
)

// qftPlus are the QuantiFERON-TB Gold Plus package insert's cut-offs (lab/catalog.yaml holds them
// for the clinic; lab's own test checks the file gives these answers too).
var qftPlus = IGRACutoffs{NilMax: 8.0, TBMinusNil: 0.35, TBShareOfNil: 0.25, MitogenMinusNil: 0.50}

// TestIGRAInterpretation works the package insert's interpretation table, at its edges.
func TestIGRAInterpretation(t *testing.T) {
	cases := []struct {
		name                  string
		nil_, tb1, tb2, mitog float64
		want                  string
	}{
		{"TB1 − Nil exactly 0.35", 0.05, 0.40, 0.10, 10, "positive"},
		{"TB2 alone responds", 0.10, 0.10, 0.60, 10, "positive"},
		{"positive whatever the mitogen", 0.10, 0.10, 0.60, 0.20, "positive"},
		{"both below 0.35", 0.05, 0.39, 0.39, 10, "negative"},
		{"≥ 0.35 but under a quarter of Nil", 2.00, 2.45, 2.40, 10, "negative"},
		{"exactly a quarter of Nil", 2.00, 2.50, 2.00, 10, "positive"},
		{"mitogen − Nil below 0.50", 0.10, 0.20, 0.20, 0.55, "indeterminate"},
		{"mitogen − Nil exactly 0.50", 0.10, 0.20, 0.20, 0.60, "negative"},
		{"Nil above 8.0", 8.5, 10, 10, 10, "indeterminate"},
		{"Nil exactly 8.0 with a strong response", 8.0, 10, 10, 10, "positive"},
	}
	for _, c := range cases {
		if got := IGRAInterpretation(qftPlus, c.nil_, c.tb1, c.tb2, c.mitog); got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
}

// TestEGFRCKDEPI2021: the race-free CKD-EPI 2021 equation. The first case is the worked example
// used with the equation's publication (a 50-year-old man with creatinine 1.0 mg/dL: 92); the
// others are worked by hand from the equation on both sides of κ and for both sexes.
func TestEGFRCKDEPI2021(t *testing.T) {
	cases := []struct {
		umol float64
		age  int
		sex  string
		want float64
		ok   bool
	}{
		{88.4, 50, "male", 92, true},     // 1.0 mg/dL
		{88.4, 50, "female", 69, true},   // 1.0 mg/dL, above κ = 0.7
		{106.08, 60, "female", 52, true}, // 1.2 mg/dL
		{53.04, 30, "female", 124, true}, // 0.6 mg/dL, below κ
		{70.72, 40, "male", 115, true},   // 0.8 mg/dL, below κ = 0.9
		{442, 70, "male", 12, true},      // 5.0 mg/dL: kidney failure (G5)
		{88.4, 17, "male", 0, false},     // not for children
		{88.4, 40, "other", 0, false},    // the equation knows two sexes
	}
	for _, c := range cases {
		got, ok := EGFRCKDEPI2021(c.umol, c.age, c.sex)
		if got != c.want || ok != c.ok {
			t.Errorf("creatinine %g µmol/L, %d, %s: %g %v, want %g %v", c.umol, c.age, c.sex, got, ok, c.want, c.ok)
		}
	}
}

func f(x float64) *float64 { return &x }

// problemOn reports whether err is a validation problem on the field.
func problemOn(err error, field string) bool {
	if err == nil {
		return false
	}
	for _, fe := range ErrorOf(err).Fields {
		if fe.Field == field {
			return true
		}
	}
	return false
}

// TestLabCodeFlags: components are flagged against the person's range (sex, age), computed ones
// worked out, and critical values found.
func TestLabCodeFlags(t *testing.T) {
	c := &LabCatalog{IGRA: qftPlus, Tests: []LabTest{
		{Code: "hb", Name: "Haemoglobin", Components: []LabComponent{{Code: "hb", Name: "Haemoglobin", Unit: "g/L", Min: 10, Max: 250,
			Ranges: []RefRange{{AgeFrom: 5, AgeTo: 12, Low: f(115), CriticalLow: f(80)}, {Sex: "female", AgeFrom: 15, Low: f(120), CriticalLow: f(80)},
				{Sex: "male", AgeFrom: 15, Low: f(130), CriticalLow: f(80)}}}}},
		{Code: "cr", Step: "creatinine", Name: "Creatinine", Components: []LabComponent{
			{Code: "creatinine", Name: "Creatinine", Unit: "µmol/L", Min: 5, Max: 3000, Ranges: []RefRange{{Sex: "male", AgeFrom: 18, Low: f(59), High: f(104)}}},
			{Code: "egfr", Name: "eGFR", Computed: "egfr_ckd_epi_2021", Feeds: "egfr", Ranges: []RefRange{{AgeFrom: 18, Low: f(60), CriticalLow: f(15)}}}}},
	}}
	hb, _ := c.Test("hb")
	cr, _ := c.Test("cr")
	cases := []struct {
		name  string
		test  LabTest
		vals  map[string]string
		age   int
		sex   string
		flag  string
		value string
	}{
		{"125 g/L is normal for a woman", hb, map[string]string{"hb": "125"}, 30, "female", FlagNormal, "125"},
		{"125 g/L is low for a man", hb, map[string]string{"hb": "125"}, 30, "male", FlagLow, "125"},
		{"75 g/L is critical", hb, map[string]string{"hb": "75"}, 8, "male", FlagCritical, "75"},
		{"no range for a 13-year-old here", hb, map[string]string{"hb": "100"}, 13, "male", FlagNormal, "100"},
		{"creatinine 88.4: eGFR 92", cr, map[string]string{"creatinine": "88.4"}, 50, "male", FlagNormal, "88.4"},
		{"creatinine 442: eGFR 12, critical", cr, map[string]string{"creatinine": "442"}, 70, "male", FlagCritical, "442"},
	}
	for _, tc := range cases {
		r, err := c.code(tc.test, tc.vals, tc.age, tc.sex)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if r.Flag != tc.flag || r.Value != tc.value {
			t.Errorf("%s: flag %s value %s, want %s %s", tc.name, r.Flag, r.Value, tc.flag, tc.value)
		}
	}
	r, _ := c.code(cr, map[string]string{"creatinine": "88.4"}, 50, "male")
	if len(r.Components) != 2 || !r.Components[1].Computed || *r.Components[1].Number != 92 || r.Components[0].Range != "59–104 µmol/L" {
		t.Errorf("components %+v", r.Components)
	}
	if _, err := c.code(cr, map[string]string{"creatinine": "88.4", "egfr": "90"}, 50, "male"); !problemOn(err, "values.egfr") {
		t.Errorf("a computed value was accepted as typed: %v", err)
	}
}

// TestSkinTestReadingWindow: a tuberculin skin test is read 48 to 72 hours after placing.
func TestSkinTestReadingWindow(t *testing.T) {
	placed := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	sp := Specimen{Accession: "L1", Type: "skin", CollectedAt: placed, ReceivedAt: &placed, Status: SpecimenCollected}
	tst := LabTest{Name: "Tuberculin skin test", ReadAfterHours: 48, ReadBeforeHours: 72}
	for _, c := range []struct {
		after time.Duration
		ok    bool
	}{{47 * time.Hour, false}, {48 * time.Hour, true}, {60 * time.Hour, true}, {72 * time.Hour, true}, {73 * time.Hour, false}} {
		err := checkSpecimenReady(sp, tst, placed.Add(c.after))
		if (err == nil) != c.ok {
			t.Errorf("read %s after placing: %v", c.after, err)
		}
	}
	it := LabWorkItem{Order: LabOrder{Test: "tst"}, Specimens: []Specimen{sp}}
	(&LabCatalog{Tests: []LabTest{{Code: "tst", ReadAfterHours: 48, ReadBeforeHours: 72}}}).annotate(&it, placed)
	if it.ReadingFrom == nil || !it.ReadingFrom.Equal(placed.Add(48*time.Hour)) || !it.ReadingUntil.Equal(placed.Add(72*time.Hour)) {
		t.Errorf("reading due %v to %v", it.ReadingFrom, it.ReadingUntil)
	}
}

// TestSputumSeries: three specimens on consecutive days, one early in the morning, each observed.
func TestSputumSeries(t *testing.T) {
	kigali := time.FixedZone("CAT", 2*3600)
	c := &LabCatalog{}
	orders := []LabOrder{{ID: "o1", Specimen: "sputum", Test: "afb_smear"}}
	day := func(d, h int) time.Time { return time.Date(2026, 12, d, h, 0, 0, 0, kigali) }
	prev := func(days ...int) []Specimen {
		var out []Specimen
		for i, d := range days {
			out = append(out, Specimen{Type: "sputum", OrderIDs: []string{"o1"}, CollectedAt: day(d, 7), Status: SpecimenReceived, EarlyMorning: i == 5})
		}
		return out
	}
	cases := []struct {
		name  string
		have  []Specimen
		col   Collection
		at    time.Time
		field string
	}{
		{"first, observed", nil, Collection{Observed: true}, day(1, 7), ""},
		{"not observed", nil, Collection{}, day(1, 7), "observed"},
		{"second the next day", prev(1), Collection{Observed: true}, day(2, 15), ""},
		{"second the same day", prev(1), Collection{Observed: true}, day(1, 15), "collected_at"},
		{"second two days later", prev(1), Collection{Observed: true}, day(3, 7), "collected_at"},
		{"third, none early", prev(1, 2), Collection{Observed: true}, day(3, 15), "early_morning"},
		{"third, early", prev(1, 2), Collection{Observed: true, EarlyMorning: true}, day(3, 6), ""},
	}
	for _, tc := range cases {
		sp, err := c.newSpecimen(orders, tc.have, tc.col, tc.at, kigali)
		if tc.field != "" && !problemOn(err, tc.field) {
			t.Errorf("%s: want a problem on %s, got %v", tc.name, tc.field, err)
		}
		if tc.field == "" && err != nil {
			t.Errorf("%s: %v", tc.name, err)
		}
		if tc.field == "" && sp.Seq != len(tc.have)+1 {
			t.Errorf("%s: seq %d", tc.name, sp.Seq)
		}
	}
}
