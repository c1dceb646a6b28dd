package protocols

import (
	"context"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

// The day before and the day of every window of the 2026-12-01 versions.

// The last day the exam serves, per country and version: the contract's example (NZ issued
// 2026-10-14 → 2027-01-13) and the earlier versions' answers for the same exam.
func TestValidUntilEveryCountryAndVersion(t *testing.T) {
	e := engine(t)
	oct14 := mustDate("2026-10-14")
	b1 := results(clinic.Results{CXR: "suggestive_of_tb", SputumSmears: neg3, SputumCultures: neg3, MTBNAAT: "not_detected", Syphilis: "nonreactive"})
	negWork := results(clinic.Results{CXR: "normal", SputumSmears: neg3, SputumCultures: neg3, MTBNAAT: "not_detected", Syphilis: "nonreactive"})
	for _, c := range []struct {
		dest, version string
		opts          []func(*clinic.Facts)
		want          string
	}{
		{"NZ", "2026-12-01", nil, "2027-01-13"},
		{"NZ", "2023-03-01", nil, "2027-01-14"},
		{"CA", "2026-12-01", nil, "2027-10-13"},
		{"CA", "2020-01-01", nil, "2027-10-14"},
		{"AU", "2026-12-01", nil, "2027-10-13"},
		{"AU", "2024-07-01", nil, "2027-10-14"},
		{"US", "2026-12-01", nil, "2027-04-14"}, // "no more than 6 months before departure": the anniversary serves
		{"US", "2021-09-03", nil, "2027-04-14"},
		{"US", "2026-12-01", []func(*clinic.Facts){b1}, "2027-01-14"},
		{"US", "2021-09-03", []func(*clinic.Facts){b1}, "2027-01-14"},
		{"US", "2026-12-01", []func(*clinic.Facts){fnd(clinic.Findings{HIVInfected: true}), negWork}, "2027-01-14"},
		{"US", "2021-09-03", []func(*clinic.Facts){fnd(clinic.Findings{HIVInfected: true}), negWork}, "2027-04-14"},
		{"US", "2026-12-01", []func(*clinic.Facts){fnd(clinic.Findings{HIVInfected: true})}, "-"}, // sputum not back: not said yet
		{"US", "2021-09-03", []func(*clinic.Facts){fnd(clinic.Findings{HIVInfected: true})}, "2027-04-14"},
	} {
		p, err := e.Evaluate(context.Background(), c.version, on(oct14, c.dest, "immigrant", 30, c.opts...))
		if err != nil {
			t.Fatal(err)
		}
		got := "-"
		if p.ValidUntil != nil {
			got = p.ValidUntil.Format(time.DateOnly)
		}
		if got != c.want {
			t.Errorf("%s %s: valid_until %s, want %s", c.dest, c.version, got, c.want)
		}
	}
	// NZ: an application on the last day is accepted, the day after it is not (the flight stands
	// for the application date here).
	for _, c := range []struct {
		dep     string
		expired bool
	}{{"2027-01-13T23:59:00+13:00", false}, {"2027-01-14T00:00:00+13:00", true}} {
		p, err := e.Evaluate(context.Background(), "2026-12-01", on(oct14, "NZ", "immigrant", 30, departing(c.dep)))
		if err != nil {
			t.Fatal(err)
		}
		if got := blocker(p, blockExpires) != nil; got != c.expired {
			t.Errorf("NZ departure %s: expired %v, want %v", c.dep, got, c.expired)
		}
	}
}

// The culture hold clears 56 days after the exam, or after the last specimen when recorded.
func TestCultureHoldEarliest(t *testing.T) {
	e := engine(t)
	pending := clinic.Results{CXR: "suggestive_of_tb", SputumSmears: neg3, SputumCultures: pending2, MTBNAAT: "not_detected", Syphilis: "nonreactive"}
	for _, dest := range []string{"US", "CA", "AU", "NZ"} {
		for _, c := range []struct {
			collected, want string
		}{{"", "2027-01-28"}, {"2026-12-05", "2027-01-30"}} {
			r := pending
			if c.collected != "" {
				r.SputumCollected = mustDate(c.collected)
			}
			p, err := e.Evaluate(context.Background(), "", on(newExamDay, dest, "immigrant", 30, results(r)))
			if err != nil {
				t.Fatal(err)
			}
			b := blocker(p, blockCulture)
			if b == nil || b.Earliest == nil || b.Earliest.Format(time.DateOnly) != c.want || b.Rule == "" {
				t.Errorf("%s collected %q: culture blocker %+v, want earliest %s", dest, c.collected, b, c.want)
				continue
			}
			if p.Clearance.Cleared {
				t.Errorf("%s: cleared with cultures pending", dest)
			}
		}
		// All cultures final and negative: no hold.
		r := pending
		r.SputumCultures = neg3
		p, err := e.Evaluate(context.Background(), "", on(newExamDay, dest, "immigrant", 30, results(r)))
		if err != nil {
			t.Fatal(err)
		}
		if blocker(p, blockCulture) != nil {
			t.Errorf("%s: culture hold with every culture final", dest)
		}
	}
}

// US refugee with Class B1: the pre-departure screening opens 3 weeks (504 h) before the flight, the
// PEC 72 h before; the live-vaccine window 4 weeks before is a restriction, not a blocker.
func TestUSDepartureWindows2026(t *testing.T) {
	e := engine(t)
	b1 := results(clinic.Results{CXR: "suggestive_of_tb", SputumSmears: neg3, SputumCultures: neg3, MTBNAAT: "not_detected", Syphilis: "nonreactive"})
	dep := "2027-02-01T10:00:00+03:00"
	base := []func(*clinic.Facts){weight(60), b1, departing(dep), checkDone("pre_embarkation_check", "2027-01-30T10:00:00+03:00")}
	p, err := e.Evaluate(context.Background(), "", on(newExamDay, "US", "refugee", 30, base...))
	if err != nil {
		t.Fatal(err)
	}
	windows := map[string][2]string{}
	for _, d := range p.Departure {
		windows[d.Check] = [2]string{d.NotBefore.Format(time.RFC3339), d.NotAfter.Format(time.RFC3339)}
		if d.Check == "no_live_vaccines" && !d.Restriction {
			t.Error("no_live_vaccines is not a restriction")
		}
	}
	for check, w := range map[string][2]string{
		"pre_departure_screening": {"2027-01-11T10:00:00+03:00", dep},
		"pre_embarkation_check":   {"2027-01-29T10:00:00+03:00", dep},
		"no_live_vaccines":        {"2027-01-04T10:00:00+03:00", dep},
	} {
		if windows[check] != w {
			t.Errorf("%s window %v, want %v", check, windows[check], w)
		}
	}
	if b := blocker(p, blockDeparture); b == nil || b.Check != "pre_departure_screening" || b.Earliest.Format(time.DateOnly) != "2027-01-11" {
		t.Errorf("blockers %v", blockerCodes(p))
	}
	for _, c := range []struct {
		at      string
		cleared bool
	}{{"2027-01-11T09:59:00+03:00", false}, {"2027-01-11T10:00:00+03:00", true}, {"2027-01-11T07:00:00Z", true}} {
		p, err := e.Evaluate(context.Background(), "", on(newExamDay, "US", "refugee", 30, append(base, checkDone("pre_departure_screening", c.at))...))
		if err != nil {
			t.Fatal(err)
		}
		if p.Clearance.Cleared != c.cleared {
			t.Errorf("PDMS at %s: cleared %v, want %v (%v)", c.at, p.Clearance.Cleared, c.cleared, blockerCodes(p))
		}
	}
}

// AU MMR at the departure health check: from 9 months to 54 years.
func TestAUMMRAges(t *testing.T) {
	e := engine(t)
	for _, c := range []struct {
		name  string
		birth time.Time
		given bool
	}{
		{"9 months today", newExamDay.AddDate(0, -9, 0), true},
		{"9 months tomorrow", newExamDay.AddDate(0, -9, 1), false},
		{"54 (55 tomorrow)", newExamDay.AddDate(-55, 0, 1), true},
		{"55 today", newExamDay.AddDate(-55, 0, 0), false},
	} {
		f := on(newExamDay, "AU", "refugee", 0)
		f.BirthDate = c.birth
		p, err := e.Evaluate(context.Background(), "", f)
		if err != nil {
			t.Fatal(err)
		}
		if got := contains(drugs(p.Treatments), "mmr_vaccine"); got != c.given {
			t.Errorf("%s: MMR %v, want %v", c.name, got, c.given)
		}
	}
}

// AU hepatitis B class: citizenship, or three consecutive months in the last five years in a high-
// risk jurisdiction. Schedule 5 is empty in the embedded data (every jurisdiction high risk), so the
// boundaries are tested with a copy that lists GB as low risk.
func TestAUHepatitisBClass(t *testing.T) {
	m := rulesFS(t)
	edit(t, m, "reference/au-hepatitis-b-low-risk.yaml", "countries: []", "countries:\n  - {code: GB, name: United Kingdom}\n  - {code: NZ, name: New Zealand}")
	e, err := LoadDir(m)
	if err != nil {
		t.Fatal(err)
	}
	exam := mustDate("2029-01-10")
	for _, c := range []struct {
		name    string
		version string
		exam    time.Time
		opts    []func(*clinic.Facts)
		tested  bool
	}{
		{"nothing recorded, lives in RW: residence used", "", exam, nil, true},
		{"nothing recorded, lives in GB", "", exam, []func(*clinic.Facts){lives("GB")}, false},
		{"RW citizen living in GB", "", exam, []func(*clinic.Facts){lives("GB"), citizen("RW")}, true},
		{"GB citizen living in RW, no stay recorded", "", exam, []func(*clinic.Facts){citizen("GB")}, false},
		{"GB citizen living in RW, earlier version: residence", "2024-07-01", exam, []func(*clinic.Facts){citizen("GB")}, true},
		{"GB+NZ citizen, 3 months in KE", "", exam, []func(*clinic.Facts){citizen("GB", "NZ"), stay("KE", "2024-01-10", "2024-04-09")}, true},
		{"GB citizen, 3 months less a day in KE", "", exam, []func(*clinic.Facts){citizen("GB"), stay("KE", "2024-01-10", "2024-04-08")}, false},
		{"GB citizen, 3 months in NZ (low risk)", "", exam, []func(*clinic.Facts){citizen("GB"), stay("NZ", "2024-01-10", "2024-04-09")}, false},
		{"stay starts exactly 5 years before", "", mustDate("2029-01-10"), []func(*clinic.Facts){citizen("GB"), stay("KE", "2024-01-10", "2024-04-09")}, true},
		{"a day later: 2 months 29 days inside the 5 years", "", mustDate("2029-01-11"), []func(*clinic.Facts){citizen("GB"), stay("KE", "2024-01-10", "2024-04-09")}, false},
		{"ongoing stay without an end, to the exam day: 3 months", "", exam, []func(*clinic.Facts){citizen("GB"), stay("KE", "2028-10-11", "")}, true},
		{"ongoing stay, 3 months less a day", "", exam, []func(*clinic.Facts){citizen("GB"), stay("KE", "2028-10-12", "")}, false},
		{"age 14", "", exam, []func(*clinic.Facts){citizen("RW"), func(f *clinic.Facts) { f.BirthDate = exam.AddDate(-15, 0, 1) }}, false},
	} {
		f := on(c.exam, "AU", "immigrant", 30, c.opts...)
		p, err := e.Evaluate(context.Background(), c.version, f)
		if err != nil {
			t.Fatal(err)
		}
		if got := contains(stepCodes(p), "hepatitis_b"); got != c.tested {
			t.Errorf("%s: hepatitis B %v, want %v", c.name, got, c.tested)
		}
	}
}

// NZ temporary: a chest X-ray certificate less than 36 months old may be reused, unless six
// consecutive months in a high-TB country followed it.
func TestNZChestXRayReuse(t *testing.T) {
	e := engine(t)
	for _, c := range []struct {
		name    string
		version string
		program string
		opts    []func(*clinic.Facts)
		cxr     bool
	}{
		{"no previous certificate", "", "temporary", nil, true},
		{"35 months old", "", "temporary", []func(*clinic.Facts){prevCXR("2023-12-04")}, false},
		{"36 months old", "", "temporary", []func(*clinic.Facts){prevCXR("2023-12-03")}, true},
		{"35 months old, earlier version", "2023-03-01", "temporary", []func(*clinic.Facts){prevCXR("2023-12-04")}, true},
		{"35 months old, residence (not temporary)", "", "immigrant", []func(*clinic.Facts){prevCXR("2023-12-04")}, true},
		{"then 6 months in KE", "", "temporary", []func(*clinic.Facts){prevCXR("2025-06-01"), stay("KE", "2025-06-01", "2025-11-30")}, true},
		{"then 6 months less a day in KE", "", "temporary", []func(*clinic.Facts){prevCXR("2025-06-01"), stay("KE", "2025-06-01", "2025-11-29")}, false},
		{"6 months in KE, before the certificate", "", "temporary", []func(*clinic.Facts){prevCXR("2025-06-01"), stay("KE", "2024-06-01", "2025-05-31")}, false},
	} {
		p, err := e.Evaluate(context.Background(), c.version, on(newExamDay, "NZ", c.program, 30, c.opts...))
		if err != nil {
			t.Fatal(err)
		}
		if got := contains(stepCodes(p), "cxr"); got != c.cxr {
			t.Errorf("%s: cxr %v, want %v", c.name, got, c.cxr)
		}
		if !contains(p.Forms, "INZ 1096") {
			t.Errorf("%s: no INZ 1096 (%v)", c.name, p.Forms)
		}
	}
}
