package protocols

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

// The 2026-12-01 versions: every boundary case of the earlier versions gives the same answer under
// the new ones (the exam moved into December 2026, the applicant's age unchanged), except the cases
// the review changed on purpose, which are tested below with both versions.

var newExamDay = time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC)

// shifted moves a case's exam (and birth) by the same number of days, so that it falls under the
// version in force on newExamDay with the same age. Exam days between 9 March and 3 December of one
// year cross no 29 February.
func shifted(f clinic.Facts) clinic.Facts {
	d := newExamDay.Sub(examDay)
	if !f.ExamDate.Equal(examDay) {
		return f
	}
	f.ExamDate, f.BirthDate = f.ExamDate.Add(d), f.BirthDate.Add(d)
	return f
}

// changedOnPurpose are the earlier cases whose answer the 2026-12 review changed, with why; each
// change is tested with both versions in TestVersionChanges2026.
var changedOnPurpose = map[string]string{
	"US suggestive, a culture positive: Class A": "not final until drug-susceptibility testing is back (§9 #1)",
}

func TestEarlierBoundariesUnderNewVersions(t *testing.T) {
	e := engine(t)
	for _, c := range append(ageCases(), clinicalCases()...) {
		if c.version != "" || !c.facts.ExamDate.Equal(examDay) || changedOnPurpose[c.name] != "" {
			continue
		}
		c := c
		t.Run(c.name, func(t *testing.T) {
			f := shifted(c.facts)
			p, err := e.Evaluate(context.Background(), "", f)
			if err != nil {
				t.Fatal(err)
			}
			if p.ProtocolVersion != "2026-12-01" || p.AgeYears != mustAge(t, e, c.facts) {
				t.Fatalf("version %s age %d", p.ProtocolVersion, p.AgeYears)
			}
			w := c.want
			checkSet(t, c.name, "required", stepCodes(p), w.required, w.notRequired)
			checkSet(t, c.name, "outcome", p.Outcome.Codes, w.outcome, w.notOutcome)
			checkSet(t, c.name, "treatments", drugs(p.Treatments), w.treat, w.notTreat)
			checkSet(t, c.name, "withheld", drugs(p.Withheld), w.withheld, nil)
			checkSet(t, c.name, "forms", p.Forms, w.forms, w.notForms)
			checkSet(t, c.name, "pending", p.Pending, w.pending, nil)
			if w.final != nil && p.Outcome.Final != *w.final {
				t.Errorf("%s: final = %v, want %v (pending %v)", c.name, p.Outcome.Final, *w.final, p.Pending)
			}
			if w.note != "" && !strings.Contains(strings.Join(p.Notes, "\n"), w.note) {
				t.Errorf("%s: notes %q, want one with %q", c.name, p.Notes, w.note)
			}
		})
	}
}

func mustAge(t *testing.T, e *Engine, f clinic.Facts) int {
	p, err := e.Evaluate(context.Background(), "", f)
	if err != nil {
		t.Fatal(err)
	}
	return p.AgeYears
}

// on builds an applicant of the given age examined on the given day.
func on(day time.Time, dest, program string, age int, opts ...func(*clinic.Facts)) clinic.Facts {
	f := clinic.Facts{Destination: dest, Program: program, ExamDate: day, BirthDate: day.AddDate(-age, 0, 0),
		Sex: "female", ResidenceCountry: "RW", CountriesLived: []string{"RW"}}
	for _, o := range opts {
		o(&f)
	}
	return f
}

func citizen(cs ...string) func(*clinic.Facts) { return func(f *clinic.Facts) { f.Citizenships = cs } }
func stay(c, from, to string) func(*clinic.Facts) {
	return func(f *clinic.Facts) {
		s := clinic.Stay{Country: c, From: mustDate(from)}
		if to != "" {
			s.To = mustDate(to)
		}
		f.Stays = append(f.Stays, s)
	}
}
func prevCXR(d string) func(*clinic.Facts) {
	return func(f *clinic.Facts) { f.PreviousCXRDate = mustDate(d) }
}
func mustDate(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}
func fnd(fd clinic.Findings) func(*clinic.Facts) { return findings(fd) }

type want26 struct {
	want
	validUntil string   // "-" = none
	blockers   []string // code or code:step/check, in any order
	notBlocker []string
	departure  []string
	reason     string // a required step's or an outcome's reason containing this
}

type case26 struct {
	name    string
	facts   clinic.Facts
	version string // "" = in force on the exam date
	want    want26
}

func (c case26) run(t *testing.T, e *Engine) {
	t.Helper()
	p, err := e.Evaluate(context.Background(), c.version, c.facts)
	if err != nil {
		t.Fatalf("%s: %v", c.name, err)
	}
	w := c.want
	checkSet(t, c.name, "required", stepCodes(p), w.required, w.notRequired)
	checkSet(t, c.name, "outcome", p.Outcome.Codes, w.outcome, w.notOutcome)
	checkSet(t, c.name, "treatments", drugs(p.Treatments), w.treat, w.notTreat)
	checkSet(t, c.name, "withheld", drugs(p.Withheld), w.withheld, nil)
	checkSet(t, c.name, "forms", p.Forms, w.forms, w.notForms)
	checkSet(t, c.name, "pending", p.Pending, w.pending, nil)
	var bl, dep []string
	for _, b := range p.Clearance.BlockedBy {
		bl = append(bl, b.Code, b.Code+":"+b.Step+b.Check)
	}
	for _, d := range p.Departure {
		dep = append(dep, d.Check)
	}
	checkSet(t, c.name, "blockers", bl, w.blockers, w.notBlocker)
	checkSet(t, c.name, "departure", dep, w.departure, nil)
	if w.final != nil && p.Outcome.Final != *w.final {
		t.Errorf("%s: final = %v, want %v (pending %v)", c.name, p.Outcome.Final, *w.final, p.Pending)
	}
	if w.version != "" && p.ProtocolVersion != w.version {
		t.Errorf("%s: version %s, want %s", c.name, p.ProtocolVersion, w.version)
	}
	if w.note != "" && !strings.Contains(strings.Join(p.Notes, "\n"), w.note) {
		t.Errorf("%s: notes %q, want one with %q", c.name, p.Notes, w.note)
	}
	if w.validUntil != "" {
		got := "-"
		if p.ValidUntil != nil {
			got = p.ValidUntil.Format(time.DateOnly)
		}
		if got != w.validUntil {
			t.Errorf("%s: valid_until %s, want %s", c.name, got, w.validUntil)
		}
	}
	cite := func(what, rule, reason, reasonFR string, src clinic.Source, conf string) {
		if rule == "" || reason == "" || reasonFR == "" || src.Doc == "" || src.Section == "" || src.Edition == "" || conf == "" || strings.Contains(reason, "{") {
			t.Errorf("%s: %s not fully cited: rule %q reason %q fr %q source %+v confidence %q", c.name, what, rule, reason, reasonFR, src, conf)
		}
	}
	for _, r := range p.Required {
		cite("step "+r.Step, r.Rule, r.Reason, r.ReasonFR, r.Source, r.Confidence)
	}
	for _, o := range p.Outcome.Findings {
		cite("outcome "+o.Code, o.Rule, o.Reason, o.ReasonFR, o.Source, o.Confidence)
	}
	for _, d := range p.Departure {
		cite("departure "+d.Check, d.Rule, d.Reason, d.ReasonFR, d.Source, d.Confidence)
	}
	for _, b := range p.Clearance.BlockedBy {
		if b.Reason == "" || b.ReasonFR == "" || strings.HasSuffix(b.ReasonFR, ":  .") {
			t.Errorf("%s: blocker %+v without both reasons", c.name, b)
		}
	}
	if w.reason != "" {
		var all []string
		for _, r := range p.Required {
			all = append(all, r.Reason)
		}
		for _, o := range p.Outcome.Findings {
			all = append(all, o.Reason)
		}
		if !strings.Contains(strings.Join(all, "\n"), w.reason) {
			t.Errorf("%s: no reason with %q in %q", c.name, w.reason, all)
		}
	}
}

var (
	dec1  = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)  // the day the 2026-12-01 versions take effect
	nov30 = time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC) // the day before: the earlier versions
)

// Each change of the 2026-12 review, the day before the new versions (earlier answer) and the day
// they take effect (new answer).
func TestVersionChanges2026(t *testing.T) {
	e := engine(t)
	negWork := clinic.Results{CXR: "normal", SputumSmears: neg3, SputumCultures: neg3, MTBNAAT: "not_detected", Syphilis: "nonreactive"}
	posCulture := clinic.Results{CXR: "suggestive_of_tb", SputumSmears: neg3, SputumCultures: []string{"positive", "negative", "negative"}, MTBNAAT: "not_detected", Syphilis: "nonreactive"}
	pendingCultures := clinic.Results{CXR: "suggestive_of_tb", SputumSmears: neg3, SputumCultures: pending2, MTBNAAT: "not_detected", Syphilis: "nonreactive"}
	var cases []case26
	for _, d := range []time.Time{nov30, dec1} {
		old := d.Equal(nov30)
		pick := func(o, n want26) want26 {
			if old {
				o.version = ""
				return o
			}
			n.version = "2026-12-01"
			return n
		}
		tag := map[bool]string{true: " [2026-11-30]", false: " [2026-12-01]"}[old]
		cases = append(cases, []case26{
			// US: Class B1 widened, validity 3 months for B1 and known HIV.
			{"US symptoms, negative sputum, normal CXR" + tag, on(d, "US", "refugee", 30, weight(60), fnd(clinic.Findings{TBSymptoms: true}), results(negWork)), "",
				pick(want26{want: want{outcome: []string{"no_class"}, notOutcome: []string{"class_b1_tb_pulmonary"}}, validUntil: d.AddDate(0, 6, 0).Format(time.DateOnly)},
					want26{want: want{outcome: []string{"class_b1_tb_pulmonary"}, notOutcome: []string{"no_class"}}, validUntil: d.AddDate(0, 3, 0).Format(time.DateOnly),
						departure: []string{"pre_embarkation_check", "pre_departure_screening", "no_live_vaccines"}})},
			{"US known HIV, negative sputum" + tag, on(d, "US", "immigrant", 30, fnd(clinic.Findings{HIVInfected: true}), results(negWork)), "",
				pick(want26{want: want{outcome: []string{"no_class"}}, validUntil: d.AddDate(0, 6, 0).Format(time.DateOnly)},
					want26{want: want{outcome: []string{"class_b1_tb_pulmonary"}, note: "exact 9 FAM text"}, validUntil: d.AddDate(0, 3, 0).Format(time.DateOnly)})},
			{"US known HIV, cultures pending: no validity yet" + tag, on(d, "US", "immigrant", 30, fnd(clinic.Findings{HIVInfected: true}), results(pendingCultures)), "",
				pick(want26{validUntil: d.AddDate(0, 6, 0).Format(time.DateOnly), blockers: []string{"step_pending:sputum_cultures"}, notBlocker: []string{"culture_pending"}},
					want26{validUntil: "-", blockers: []string{"culture_pending:sputum_cultures"}, notBlocker: []string{"step_pending:sputum_cultures"}})},
			{"US B2 keeps 6 months" + tag, on(d, "US", "immigrant", 30, results(clinic.Results{CXR: "normal", IGRA: "positive", Syphilis: "nonreactive"})), "",
				pick(want26{want: want{outcome: []string{"class_b2_ltbi"}}, validUntil: d.AddDate(0, 6, 0).Format(time.DateOnly)},
					want26{want: want{outcome: []string{"class_b2_ltbi"}}, validUntil: d.AddDate(0, 6, 0).Format(time.DateOnly)})},
			// US: DST on a positive culture; Hansen's disease; syphilis still open.
			{"US positive culture: DST" + tag, on(d, "US", "immigrant", 30, results(posCulture)), "",
				pick(want26{want: want{notRequired: []string{"dst"}, outcome: []string{"class_a_tb"}, final: yes}},
					want26{want: want{required: []string{"dst"}, pending: []string{"dst"}, outcome: []string{"class_a_tb"}, final: no}, blockers: []string{"outcome_holds_travel", "step_pending:dst"}})},
			{"US infectious Hansen's disease" + tag, on(d, "US", "immigrant", 30, fnd(clinic.Findings{HansensInfectious: true})), "",
				pick(want26{want: want{notOutcome: []string{"class_a_hansens"}}},
					want26{want: want{outcome: []string{"class_a_hansens"}, notOutcome: []string{"no_class"}}, validUntil: "-", blockers: []string{"outcome_holds_travel"}})},
			// US mental health: the class comes from the physician's assessment (a disorder, with or
			// without harmful behaviour), never from harmful behaviour alone.
			{"US mental disorder with harmful behaviour" + tag, on(d, "US", "refugee", 30, fnd(clinic.Findings{MentalDisorder: true, HarmfulBehaviour: true})), "",
				pick(want26{want: want{notOutcome: []string{"class_a_mental"}}},
					want26{want: want{outcome: []string{"class_a_mental"}, notOutcome: []string{"no_class", "class_b_mental"}}, validUntil: "-", blockers: []string{"outcome_holds_travel"}})},
			{"US mental disorder without harmful behaviour" + tag, on(d, "US", "refugee", 30, fnd(clinic.Findings{MentalDisorder: true})), "",
				pick(want26{want: want{notOutcome: []string{"class_b_mental"}}},
					want26{want: want{outcome: []string{"class_b_mental"}, notOutcome: []string{"class_a_mental", "no_class"}}})},
			{"US harmful behaviour without a disorder: no class" + tag, on(d, "US", "refugee", 30, fnd(clinic.Findings{HarmfulBehaviour: true})), "",
				pick(want26{want: want{notOutcome: []string{"class_a_mental"}}},
					want26{want: want{notOutcome: []string{"class_a_mental", "class_b_mental"}}})},
			{"US age 15: syphilis, still open" + tag, on(d, "US", "immigrant", 15), "",
				pick(want26{want: want{required: []string{"syphilis"}}},
					want26{want: want{required: []string{"syphilis"}, note: "18 to 44"}, reason: "abdominal shielding"})},
			// CA: syphilis, failure to thrive, HIV counselling and IMM 5728, surveillance window, streamlined IME.
			{"CA treated syphilis" + tag, on(d, "CA", "immigrant", 30, results(clinic.Results{Syphilis: "reactive", SyphilisTreated: true})), "",
				pick(want26{want: want{outcome: []string{"medical_surveillance"}}},
					want26{want: want{notOutcome: []string{"medical_surveillance", "refer_specialist"}}})},
			{"CA untreated syphilis" + tag, on(d, "CA", "immigrant", 30, results(clinic.Results{Syphilis: "reactive"})), "",
				pick(want26{want: want{notOutcome: []string{"refer_specialist"}}},
					want26{want: want{outcome: []string{"refer_specialist"}}, blockers: []string{"outcome_holds_travel"}})},
			{"CA child 6 failing to thrive" + tag, on(d, "CA", "immigrant", 6, fnd(clinic.Findings{FailureToThrive: true})), "",
				pick(want26{want: want{notRequired: []string{"hiv"}}},
					want26{want: want{required: []string{"hiv", "hiv_counselling"}}})},
			{"CA HIV positive" + tag, on(d, "CA", "immigrant", 30, results(clinic.Results{HIV: "positive"})), "",
				pick(want26{want: want{notRequired: []string{"hiv_counselling"}, notForms: []string{"IMM 5728"}}},
					want26{want: want{required: []string{"hiv_counselling"}, forms: []string{"IMM 1017", "IMM 5728"}}, reason: "post-test counselling"})},
			{"CA HIV negative: pre-test counselling only" + tag, on(d, "CA", "immigrant", 30, results(clinic.Results{HIV: "negative"})), "",
				pick(want26{want: want{notRequired: []string{"hiv_counselling"}}},
					want26{want: want{required: []string{"hiv_counselling"}, notForms: []string{"IMM 5728"}}, reason: "Pre-test counselling"})},
			{"CA inactive TB: report within 30 days" + tag, on(d, "CA", "immigrant", 30, results(clinic.Results{CXR: "inactive_tb"})), "",
				pick(want26{want: want{outcome: []string{"medical_surveillance"}}},
					want26{want: want{outcome: []string{"medical_surveillance"}}, reason: "within 30 days of arrival"})},
			{"CA streamlined IME" + tag, on(d, "CA", "immigrant", 30, func(f *clinic.Facts) { f.IMEType = "streamlined" }), "",
				pick(want26{want: want{required: []string{"physical_exam", "hiv", "syphilis", "creatinine", "urinalysis", "cxr"}}},
					want26{want: want{required: []string{"medical_history", "cxr"}, notRequired: []string{"physical_exam", "mental_health", "hiv", "hiv_counselling", "syphilis", "creatinine", "urinalysis"}}})},
			{"CA cultures pending: hold" + tag, on(d, "CA", "immigrant", 30, results(pendingCultures)), "",
				pick(want26{notBlocker: []string{"culture_pending"}}, want26{blockers: []string{"culture_pending:sputum_cultures"}})},
			// AU: health-care workers, state care, health undertaking, post-test counselling, MMR.
			{"AU temporary health worker" + tag, on(d, "AU", "temporary", 30, func(f *clinic.Facts) { f.Occupation = "health_worker" }), "",
				pick(want26{want: want{notRequired: []string{"hiv", "hepatitis_b", "hepatitis_c"}}},
					want26{want: want{required: []string{"hiv", "hepatitis_b", "hepatitis_c"}}})},
			{"AU temporary, other occupation" + tag, on(d, "AU", "temporary", 30, func(f *clinic.Facts) { f.Occupation = "other" }), "",
				pick(want26{want: want{notRequired: []string{"hiv", "hepatitis_c"}}}, want26{want: want{notRequired: []string{"hiv", "hepatitis_b", "hepatitis_c"}}})},
			{"AU child 5 in state care" + tag, on(d, "AU", "immigrant", 5, fnd(clinic.Findings{InStateCare: true})), "",
				pick(want26{want: want{notRequired: []string{"hepatitis_b"}}}, want26{want: want{required: []string{"hepatitis_b"}}})},
			{"AU inactive TB: health undertaking" + tag, on(d, "AU", "immigrant", 30, results(clinic.Results{CXR: "inactive_tb"})), "",
				pick(want26{want: want{notForms: []string{"815"}}}, want26{want: want{forms: []string{"501", "502", "815"}}})},
			{"AU HIV positive: counselling" + tag, on(d, "AU", "immigrant", 30, results(clinic.Results{HIV: "positive"})), "",
				pick(want26{want: want{notRequired: []string{"hiv_counselling"}}}, want26{want: want{required: []string{"hiv_counselling"}, outcome: []string{"hiv_positive_refer"}}})},
			{"AU refugee 30: MMR" + tag, on(d, "AU", "refugee", 30), "",
				pick(want26{want: want{notTreat: []string{"mmr_vaccine"}}}, want26{want: want{treat: []string{"mmr_vaccine", "albendazole"}}})},
			{"AU refugee pregnant: MMR withheld" + tag, on(d, "AU", "refugee", 30, pregnant), "",
				pick(want26{want: want{notTreat: []string{"mmr_vaccine"}}}, want26{want: want{notTreat: []string{"mmr_vaccine"}, withheld: []string{"mmr_vaccine"}}})},
			// NZ: departure health check.
			{"NZ refugee: INZ 1262" + tag, on(d, "NZ", "refugee", 30), "",
				pick(want26{want: want{notForms: []string{"INZ 1262"}}}, want26{want: want{forms: []string{"INZ 1262"}}, departure: []string{"inz_1262"}, blockers: []string{"departure_check:inz_1262"}})},
			{"NZ cultures pending: hold" + tag, on(d, "NZ", "immigrant", 30, results(pendingCultures)), "",
				pick(want26{notBlocker: []string{"culture_pending"}}, want26{blockers: []string{"culture_pending:sputum_cultures"}})},
		}...)
	}
	for _, c := range cases {
		c.run(t, e)
	}
}
