package protocols

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestPregnancyLimit reads the airline limit the PEC applies from its data file.
func TestPregnancyLimit(t *testing.T) {
	l, err := (&Engine{}).PregnancyLimit()
	if err != nil {
		t.Fatal(err)
	}
	if l.SingleMaxWeek != 36 || l.MultipleMaxWeek != 32 || l.CertificateFromWeek != 28 || !strings.Contains(l.Source, "IATA Medical Manual") {
		t.Fatalf("limit = %+v", l)
	}
	if l.MaxWeek(true) != 32 || l.MaxWeek(false) != 36 {
		t.Fatalf("MaxWeek: %d %d", l.MaxWeek(true), l.MaxWeek(false))
	}
}

func TestPregnancyLimitRefusesBadFiles(t *testing.T) {
	for name, body := range map[string]string{
		"no source":   "kind: airline_pregnancy_limit\ncertificate_from_week: 28\nsingle_max_week: 36\nmultiple_max_week: 32\n",
		"wrong kind":  "kind: country_list\nsource: {doc: x}\n",
		"weeks order": "kind: airline_pregnancy_limit\ncertificate_from_week: 28\nsingle_max_week: 30\nmultiple_max_week: 32\nsource: {doc: x}\n",
		"not yaml":    "kind: [",
	} {
		fsys := fstest.MapFS{"l.yaml": {Data: []byte(body)}}
		if _, err := parsePregnancyLimit(fsys, "l.yaml"); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
