package clinic

import "testing"

// TestRHS15Score: the cut-offs come from the definition file: items 1–14 total 12 or more, or the
// distress thermometer 5 or more.
func TestRHS15Score(t *testing.T) {
	items := func(sum int) []int {
		out := make([]int, 14)
		for i := 0; sum > 0; i = (i + 1) % 14 {
			out[i]++
			sum--
		}
		return out
	}
	tests := []struct {
		sum, thermometer int
		positive         bool
	}{
		{0, 0, false}, {11, 4, false}, {12, 0, true}, {11, 5, true}, {56, 10, true},
	}
	for _, tc := range tests {
		score, pos := RHS15.Score(items(tc.sum), tc.thermometer)
		if score != tc.sum || pos != tc.positive {
			t.Errorf("sum %d, thermometer %d: score %d positive %v, want %v", tc.sum, tc.thermometer, score, pos, tc.positive)
		}
	}
	if len(RHS15.Items) != 14 || RHS15.Source.Doc == "" || RHS15.Positive.ItemsSumAtLeast != 12 || RHS15.Positive.ThermometerAtLeast != 5 {
		t.Fatalf("the RHS-15 definition: %d items, source %q, cut-offs %+v", len(RHS15.Items), RHS15.Source.Doc, RHS15.Positive)
	}
	for _, it := range RHS15.Items {
		if it.EN == "" || it.FR == "" || it.RW == "" {
			t.Errorf("item %d lacks a language", it.N)
		}
	}
	for _, l := range ScreenLanguages {
		if len(RHS15.Scale.Labels[l]) != RHS15.Scale.Max-RHS15.Scale.Min+1 {
			t.Errorf("scale labels in %s: %v", l, RHS15.Scale.Labels[l])
		}
	}
}

func TestCheckMentalHealth(t *testing.T) {
	positive := MentalHealth{Language: "rw", Items: []int{2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0}, Thermometer: 3}
	tests := []struct {
		name  string
		m     MentalHealth
		field string
	}{
		{"positive without referral", positive, "referral"},
		{"positive with referral", func() MentalHealth { m := positive; m.Referral = "Psychologist, Kigali"; return m }(), ""},
		{"13 items", MentalHealth{Language: "en", Items: make([]int, 13)}, "items"},
		{"item of 5", MentalHealth{Language: "en", Items: append(make([]int, 13), 5)}, "items[13]"},
		{"thermometer 11", MentalHealth{Language: "en", Items: make([]int, 14), Thermometer: 11}, "thermometer"},
		{"harmful without details", MentalHealth{Language: "en", Items: make([]int, 14), HarmfulBehaviour: true}, "harmful_details"},
		{"unknown language", MentalHealth{Language: "sw", Items: make([]int, 14)}, "language"},
		{"negative", MentalHealth{Language: "fr", Items: make([]int, 14)}, ""},
	}
	for _, tc := range tests {
		m := tc.m
		err := checkMentalHealth(&m)
		if tc.field == "" {
			if err != nil {
				t.Errorf("%s: %v", tc.name, err)
			}
			continue
		}
		found := false
		for _, f := range ErrorOf(err).Fields {
			found = found || f.Field == tc.field
		}
		if err == nil || !found {
			t.Errorf("%s: %v, want a problem on %s", tc.name, err, tc.field)
		}
	}
}
