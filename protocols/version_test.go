package protocols

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

func TestVersionOn(t *testing.T) {
	e := engine(t)
	cases := []struct {
		dest, on, want, code string
	}{
		{"US", "2018-06-30", "", CodeNoVersionInForce},
		{"US", "2018-07-01", "2018-07-01", ""},
		{"US", "2021-09-02", "2018-07-01", ""},
		{"US", "2021-09-03", "2021-09-03", ""},
		{"US", "2026-11-30", "2021-09-03", ""},
		{"US", "2026-12-01", "2026-12-01", ""},
		{"AU", "2015-11-19", "", CodeNoVersionInForce},
		{"AU", "2015-11-20", "2015-11-20", ""},
		{"AU", "2024-06-30", "2015-11-20", ""},
		{"AU", "2024-07-01", "2024-07-01", ""},
		{"AU", "2026-11-30", "2024-07-01", ""},
		{"AU", "2026-12-01", "2026-12-01", ""},
		{"CA", "2019-12-31", "", CodeNoVersionInForce},
		{"CA", "2020-01-01", "2020-01-01", ""},
		{"CA", "2026-11-30", "2020-01-01", ""},
		{"CA", "2026-12-01", "2026-12-01", ""},
		{"CA", "2026-12-03", "2026-12-01", ""},
		{"CA", "2026-12-04", "2026-12-04", ""},
		{"NZ", "2023-03-01", "2023-03-01", ""},
		{"NZ", "2026-11-30", "2023-03-01", ""},
		{"NZ", "2026-12-03", "2026-12-01", ""},
		{"NZ", "2026-12-04", "2026-12-04", ""},
		{"nz", "2030-01-01", "2026-12-04", ""},
		{"UK", "2026-01-01", "", CodeUnknownDestination},
	}
	for _, c := range cases {
		on, _ := time.Parse(time.DateOnly, c.on)
		got, err := e.VersionOn(c.dest, on)
		if c.code != "" {
			var pe *Error
			if !errors.As(err, &pe) || pe.Code != c.code {
				t.Errorf("VersionOn(%s, %s) = %q, %v; want error %s", c.dest, c.on, got, err, c.code)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("VersionOn(%s, %s) = %q, %v; want %q", c.dest, c.on, got, err, c.want)
		}
	}
}

// An assessment pins the version it started under: evaluating it later with that version gives
// the old rules, whatever is in force now.
func TestPinnedVersion(t *testing.T) {
	e := engine(t)
	f := applicant("US", "immigrant", 30) // exam 2026: 2021-09-03 in force, gonorrhoea 18-24 only
	now, err := e.Evaluate(context.Background(), "", f)
	if err != nil {
		t.Fatal(err)
	}
	pinned, err := e.Evaluate(context.Background(), "2018-07-01", f)
	if err != nil {
		t.Fatal(err)
	}
	if now.ProtocolVersion != "2021-09-03" || contains(stepCodes(now), "gonorrhea") {
		t.Errorf("in force: version %s steps %v", now.ProtocolVersion, stepCodes(now))
	}
	if pinned.ProtocolVersion != "2018-07-01" || !contains(stepCodes(pinned), "gonorrhea") {
		t.Errorf("pinned: version %s steps %v", pinned.ProtocolVersion, stepCodes(pinned))
	}
	// An exam dated before the pinned version took effect is evaluated, with a note.
	old := applicant("US", "immigrant", 30)
	old.ExamDate, old.BirthDate = date(2019, 5, 1), date(1989, 5, 1)
	p, err := e.Evaluate(context.Background(), "2021-09-03", old)
	if err != nil || len(p.Notes) == 0 {
		t.Errorf("pinned after the exam: %v, notes %v", err, p.Notes)
	}
	// AU hepatitis B: the 2024 rule is absent from the 2015 version.
	au := applicant("AU", "immigrant", 30)
	p24, _ := e.Evaluate(context.Background(), "", au)
	p15, _ := e.Evaluate(context.Background(), "2015-11-20", au)
	if !contains(stepCodes(p24), "hepatitis_b") || contains(stepCodes(p15), "hepatitis_b") {
		t.Errorf("AU hepatitis B: 2024 %v, 2015 %v", stepCodes(p24), stepCodes(p15))
	}
	if len(p24.Notes) == 0 {
		t.Errorf("AU 2024: the incomplete Schedule 5 list should be noted")
	}
}

func TestEvaluateInputErrors(t *testing.T) {
	e := engine(t)
	good := applicant("US", "refugee", 30)
	cases := []struct {
		name  string
		edit  func(*clinic.Facts)
		ver   string
		code  string
		field string
	}{
		{"unknown destination", func(f *clinic.Facts) { f.Destination = "UK" }, "", CodeUnknownDestination, "destination"},
		{"missing destination", func(f *clinic.Facts) { f.Destination = "" }, "", CodeMissingField, "destination"},
		{"unknown program", func(f *clinic.Facts) { f.Program = "tourist" }, "", CodeUnknownProgram, "program"},
		{"US temporary", func(f *clinic.Facts) { f.Program = "temporary" }, "", CodeUnknownProgram, "program"},
		{"no exam date", func(f *clinic.Facts) { f.ExamDate = time.Time{} }, "", CodeMissingField, "exam_date"},
		{"born after exam", func(f *clinic.Facts) { f.BirthDate = f.ExamDate.AddDate(0, 0, 1) }, "", CodeInvalidDate, "birth_date"},
		{"born 200 years ago", func(f *clinic.Facts) { f.BirthDate = f.ExamDate.AddDate(-200, 0, 0) }, "", CodeInvalidDate, "birth_date"},
		{"bad cxr", func(f *clinic.Facts) { f.Results.CXR = "suggestive" }, "", CodeInvalidValue, "results.cxr"},
		{"bad culture", func(f *clinic.Facts) { f.Results.SputumCultures = []string{"growing"} }, "", CodeInvalidValue, "results.sputum_cultures"},
		{"four smears", func(f *clinic.Facts) {
			f.Results.SputumSmears = []string{"negative", "negative", "negative", "negative"}
		}, "", CodeInvalidValue, "results.sputum_smears"},
		{"negative weight", func(f *clinic.Facts) { f.WeightKg = num(-1) }, "", CodeInvalidValue, "weight_kg"},
		{"bad country", func(f *clinic.Facts) { f.ResidenceCountry = "Rwanda" }, "", CodeInvalidValue, "residence_country"},
		{"bad sex", func(f *clinic.Facts) { f.Sex = "f" }, "", CodeInvalidValue, "sex"},
		{"unknown version", nil, "2099-01-01", CodeUnknownVersion, "version"},
	}
	for _, c := range cases {
		f := good
		if c.edit != nil {
			c.edit(&f)
		}
		_, err := e.Evaluate(context.Background(), c.ver, f)
		var pe *Error
		if !errors.As(err, &pe) || pe.Code != c.code || pe.Field != c.field {
			t.Errorf("%s: err = %v; want %s on %s", c.name, err, c.code, c.field)
			continue
		}
		var ie clinic.AssessorInputError
		if !errors.As(err, &ie) || ie.ErrorCode() != c.code {
			t.Errorf("%s: not a clinic.AssessorInputError", c.name)
		}
	}
	// lower-case codes are accepted and normalised
	f := good
	f.Destination, f.ResidenceCountry = "us", "rw"
	if p, err := e.Evaluate(context.Background(), "", f); err != nil || p.ProtocolID != "US" {
		t.Errorf("lower-case codes: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := e.Evaluate(ctx, "", good); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: %v", err)
	}
}

func TestSetsAndExplain(t *testing.T) {
	e := engine(t)
	sets := e.Sets()
	if len(sets) != 12 { // CA 2026-12-04 adds the disclosure of medical surveillance, NZ 2026-12-04 the specialists' reports
		t.Fatalf("Sets() = %d versions, want 12", len(sets))
	}
	d, err := e.Set("US", "2021-09-03")
	if err != nil || len(d.Rules) != d.SetSummary.Rules || len(d.Outcomes) != 10 || len(d.References) == 0 {
		t.Fatalf("Set(US, 2021-09-03): %v, %d rules, %d outcomes", err, len(d.Rules), len(d.Outcomes))
	}
	for _, r := range d.Rules {
		if r.WhenWords == "" || r.Source.Doc == "" || r.Source.Section == "" {
			t.Errorf("rule %s: words %q source %+v", r.ID, r.WhenWords, r.Source)
		}
	}
	if _, err := e.Set("US", "1999-01-01"); err == nil {
		t.Error("Set of an unknown version: no error")
	}
	x, err := e.Explain("US", "refugee", date(2026, 11, 23))
	if err != nil {
		t.Fatal(err)
	}
	text := x.Text()
	for _, want := range []string{"2021-09-03", "us.tb.cxr_age_15", "age is at least 15", "us.par.ivermectin_loa_loa", "Loa loa"} {
		if !strings.Contains(text, want) {
			t.Errorf("explain text lacks %q", want)
		}
	}
	for _, id := range x.Skipped {
		if id == "us.par.albendazole" {
			t.Error("a refugee rule was skipped for refugees")
		}
	}
	xi, _ := e.Explain("US", "immigrant", date(2026, 11, 23))
	if !contains(xi.Skipped, "us.par.albendazole") || contains(xi.Skipped, "us.vax.immigrant_review") {
		t.Errorf("immigrant explain skipped %v", xi.Skipped)
	}
	if _, err := e.Explain("US", "temporary", date(2026, 11, 23)); err == nil {
		t.Error("explain US temporary: no error")
	}
}

// The engine is shared by every request: evaluations running at once must not see each other.
func TestConcurrentEvaluate(t *testing.T) {
	e := engine(t)
	want := map[string]string{}
	for _, d := range destinations {
		p, err := e.Evaluate(context.Background(), "", benchFacts(d))
		if err != nil {
			t.Fatal(err)
		}
		want[d] = strings.Join(stepCodes(p), ",") + "|" + strings.Join(p.Outcome.Codes, ",")
	}
	done := make(chan error)
	for g := 0; g < 8; g++ {
		go func(g int) {
			for i := 0; i < 200; i++ {
				d := destinations[(g+i)%len(destinations)]
				p, err := e.Evaluate(context.Background(), "", benchFacts(d))
				if err == nil && strings.Join(stepCodes(p), ",")+"|"+strings.Join(p.Outcome.Codes, ",") != want[d] {
					err = errors.New("different answer under concurrency for " + d)
				}
				if err != nil {
					done <- err
					return
				}
			}
			done <- nil
		}(g)
	}
	for g := 0; g < 8; g++ {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}
