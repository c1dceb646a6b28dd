package protocols

import (
	"errors"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
)

// rulesFS is a writable copy of the embedded rule files.
func rulesFS(t testing.TB) fstest.MapFS {
	t.Helper()
	sub, err := fs.Sub(embedded, "rules")
	if err != nil {
		t.Fatal(err)
	}
	m := fstest.MapFS{}
	err = fs.WalkDir(sub, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(sub, p)
		m[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// edit replaces old by new in one file, failing the test if old is not there.
func edit(t *testing.T, m fstest.MapFS, file, old, new string) {
	t.Helper()
	s := string(m[file].Data)
	if !strings.Contains(s, old) {
		t.Fatalf("%s does not contain %q", file, old)
	}
	m[file] = &fstest.MapFile{Data: []byte(strings.Replace(s, old, new, 1))}
}

const us21 = "us/2021-09-03.yaml"

func TestLoadRejects(t *testing.T) {
	cases := []struct {
		name   string
		change func(t *testing.T, m fstest.MapFS)
		want   []string // every string must be in one error line
	}{
		{"unknown field, with CEL's suggestion", func(t *testing.T, m fstest.MapFS) {
			edit(t, m, us21, "when: age >= 15\n    reason: Chest X-ray", "when: agee >= 15\n    reason: Chest X-ray")
		}, []string{us21 + ":", "rule us.tb.cxr_age_15", "undeclared reference to 'agee'", "did you mean 'age'"}},
		{"unknown result field", func(t *testing.T, m fstest.MapFS) {
			edit(t, m, us21, `when: results.cxr == "inactive_tb"`, `when: results.cxrr == "inactive_tb"`)
		}, []string{"rule us.tb.sputum_inactive_cxr", "results.cxrr", "did you mean 'results.cxr'"}},
		{"wrong type", func(t *testing.T, m fstest.MapFS) {
			edit(t, m, us21, "when: age >= 15\n    reason: Chest X-ray", "when: age >= \"15\"\n    reason: Chest X-ray")
		}, []string{"rule us.tb.cxr_age_15", "no matching overload"}},
		{"not true or false", func(t *testing.T, m fstest.MapFS) {
			edit(t, m, us21, "when: age >= 15\n    reason: Chest X-ray", "when: age + 1\n    reason: Chest X-ray")
		}, []string{"rule us.tb.cxr_age_15", "must be true or false"}},
		{"value outside the vocabulary", func(t *testing.T, m fstest.MapFS) {
			edit(t, m, us21, `when: results.cxr == "inactive_tb"`, `when: results.cxr == "inactive"`)
		}, []string{"rule us.tb.sputum_inactive_cxr", `"inactive" is not a value of results.cxr`, `did you mean "inactive_tb"`}},
		{"photo on an unknown form", func(t *testing.T, m fstest.MapFS) {
			edit(t, m, us21, "photo_on: [DS-2054, DS-3025, DS-3026, DS-3030]", "photo_on: [DS-2045, DS-3025]")
		}, []string{"rule us.photo.ds_forms", `photo_on: form "DS-2045" is not a form identifier`, `did you mean "DS-2054"`}},
		{"photo on a form twice", func(t *testing.T, m fstest.MapFS) {
			edit(t, m, us21, "photo_on: [DS-2054, DS-3025, DS-3026, DS-3030]", "photo_on: [DS-2054, DS-2054]")
		}, []string{"rule us.photo.ds_forms", `photo_on: "DS-2054" is listed twice`}},
		{"duplicate rule id", func(t *testing.T, m fstest.MapFS) {
			edit(t, m, us21, "id: us.tb.igra_high_burden", "id: us.tb.cxr_age_15")
		}, []string{"rule us.tb.cxr_age_15", "duplicate rule id"}},
		{"missing source", func(t *testing.T, m fstest.MapFS) {
			edit(t, m, us21, `    source: {ref: S-TB, section: "Screening flowcharts: all applicants 15 years and older"}`+"\n", "")
		}, []string{"rule us.tb.cxr_age_15", "source is missing"}},
		{"missing section", func(t *testing.T, m fstest.MapFS) {
			edit(t, m, us21, `source: {ref: S-TB, section: "Screening flowcharts: all applicants 15 years and older"}`, `source: {ref: S-TB}`)
		}, []string{"rule us.tb.cxr_age_15", "section is missing"}},
		{"unknown source ref", func(t *testing.T, m fstest.MapFS) {
			edit(t, m, us21, `source: {ref: S-TB, section: "Screening flowcharts: all applicants 15 years and older"}`, `source: {ref: S-TBB, section: "x"}`)
		}, []string{"rule us.tb.cxr_age_15", `source ref "S-TBB"`, `did you mean "S-TB"`}},
		{"missing French reason", func(t *testing.T, m fstest.MapFS) {
			edit(t, m, us21, "    reason_fr: Radiographie thoracique pour tout candidat de 15 ans ou plus.\n", "")
		}, []string{"rule us.tb.cxr_age_15", "reason_fr"}},
		{"unknown key", func(t *testing.T, m fstest.MapFS) {
			edit(t, m, us21, "    confidence: high\n  - id: us.tb.igra_high_burden", "    confidense: high\n  - id: us.tb.igra_high_burden")
		}, []string{us21, "confidense"}},
		{"until overlaps the next version", func(t *testing.T, m fstest.MapFS) {
			edit(t, m, "us/2018-07-01.yaml", `effective: "2018-07-01"`, "effective: \"2018-07-01\"\nuntil: \"2022-01-01\"")
		}, []string{"us/2018-07-01.yaml", "overlapping effective dates", "2022-01-01"}},
		{"same effective date twice", func(t *testing.T, m fstest.MapFS) {
			m["us/2021-09-03-copy.yaml"] = m[us21]
		}, []string{"us/2021-09-03-copy.yaml", "named after its version"}},
		{"unknown step", func(t *testing.T, m fstest.MapFS) {
			edit(t, m, us21, "require: cxr\n    when: age >= 15", "require: chest_xray\n    when: age >= 15")
		}, []string{"rule us.tb.cxr_age_15", `"chest_xray" is not a step code`}},
		{"unknown reference list", func(t *testing.T, m fstest.MapFS) {
			edit(t, m, us21, `lived_in_any_of("loa_loa")`, `lived_in_any_of("loaloa")`)
		}, []string{us21, `no reference list "loaloa"`, `did you mean "loa_loa"`}},
		{"missing number without a null check", func(t *testing.T, m fstest.MapFS) {
			edit(t, m, "nz/2023-03-01.yaml", "when: results.egfr != null && results.egfr < 30", "when: results.egfr < 30")
		}, []string{"rule nz.renal.refer_egfr_under_30", "fails with no result recorded", "!= null"}},
		{"rule newer than its version", func(t *testing.T, m fstest.MapFS) {
			edit(t, m, "us/2018-07-01.yaml", `effective: "2016-10-01"`, `effective: "2021-09-03"`)
		}, []string{"rule us.sti.gonorrhea_age_15", "after this version"}},
		{"outcome without severity", func(t *testing.T, m fstest.MapFS) {
			edit(t, m, "ca/2020-01-01.yaml", "  - {code: medical_surveillance, severity: 40, label: \"Medical surveillance after arrival\"}\n", "")
		}, []string{"ca/2020-01-01.yaml", "medical_surveillance has no severity"}},
		{"two products", func(t *testing.T, m fstest.MapFS) {
			edit(t, m, us21, "require: cxr\n    when: age >= 15", "require: cxr\n    form: DS-2054\n    when: age >= 15")
		}, []string{"rule us.tb.cxr_age_15", "exactly one of"}},
		{"bad confidence", func(t *testing.T, m fstest.MapFS) {
			edit(t, m, "nz/2023-03-01.yaml", "    confidence: low\n  - id: nz.lab.syphilis_age_15", "    confidence: lo\n  - id: nz.lab.syphilis_age_15")
		}, []string{"rule nz.lab.hba1c_age_15", `confidence "lo"`}},
		{"bad TB table", func(t *testing.T, m fstest.MapFS) {
			edit(t, m, "reference/who-tb-incidence-2023.csv", "RW,RWA,Rwanda,2023,55", "RW,RWA,Rwanda,2023,fifty")
		}, []string{"who-tb-incidence-2023.csv", "not a non-negative number"}},
		{"duplicate country in a list", func(t *testing.T, m fstest.MapFS) {
			edit(t, m, "reference/loa-loa.yaml", `  - {code: "GA", name: "Gabon", confidence: high}`, `  - {code: "AO", name: "Gabon", confidence: high}`)
		}, []string{"loa-loa.yaml", "AO is listed twice"}},
		{"unknown placeholder", func(t *testing.T, m fstest.MapFS) {
			edit(t, m, us21, "({countries:loa_loa}): ivermectin", "({country:loa_loa}): ivermectin")
		}, []string{"rule us.par.ivermectin_loa_loa", "unknown placeholder", `did you mean "countries"`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := rulesFS(t)
			c.change(t, m)
			_, err := LoadDir(m)
			var le LoadErrors
			if !errors.As(err, &le) {
				t.Fatalf("LoadDir: %v, want LoadErrors", err)
			}
			for _, line := range le {
				s := line.String()
				ok := true
				for _, w := range c.want {
					ok = ok && strings.Contains(s, w)
				}
				if ok {
					return
				}
			}
			t.Errorf("no error line has all of %q:\n%s", c.want, le.Error())
		})
	}
}

func TestLoadErrorLine(t *testing.T) {
	m := rulesFS(t)
	edit(t, m, us21, "when: age >= 15\n    reason: Chest X-ray", "when: agee >= 15\n    reason: Chest X-ray")
	_, err := LoadDir(m)
	var le LoadErrors
	if !errors.As(err, &le) || len(le) != 1 {
		t.Fatalf("want exactly one error, got %v", err)
	}
	data := string(m[us21].Data)
	line := strings.Count(data[:strings.Index(data, "when: agee")], "\n") + 1
	if le[0].Line != line || le[0].Rule != "us.tb.cxr_age_15" || le[0].File != us21 {
		t.Errorf("error at %s:%d rule %s, want %s:%d: %s", le[0].File, le[0].Line, le[0].Rule, us21, line, le[0])
	}
}

func TestLoadEmbedded(t *testing.T) {
	e := engine(t)
	for _, c := range destinations {
		if len(e.sets[c]) == 0 {
			t.Errorf("no rule set for %s", c)
		}
	}
	tb := e.ref.tables["who_tb_incidence_2023"]
	if tb == nil || len(tb.inc) != 215 || tb.inc["NA"] != 468 || tb.inc["RW"] != 55 || tb.inc["SY"] != 17 {
		t.Errorf("WHO table: %d rows", len(tb.inc))
	}
	ssa := e.ref.lists["sub_saharan_africa"]
	for _, c := range []string{"RW", "BI", "CD", "CG", "UG", "KE", "TZ", "ET", "ER", "SO", "SS", "SD", "CF", "TD", "CM", "GA", "GQ", "AO", "NG", "ZA", "ZM", "ZW", "MW", "MZ"} {
		if !ssa.members[c] {
			t.Errorf("sub-Saharan Africa lacks %s", c)
		}
	}
	for _, c := range []string{"EG", "LY", "TN", "DZ", "MA"} {
		if ssa.members[c] {
			t.Errorf("sub-Saharan Africa has %s", c)
		}
	}
}
