package protocols

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

// Table tests at every boundary the rule files have. Each case builds an applicant, evaluates it
// with the embedded rules and checks what must and must not be there.

var examDay = time.Date(2026, 3, 9, 0, 0, 0, 0, time.UTC)

// applicant is an RW resident examined on examDay who turns age on that day; options change it.
func applicant(dest, program string, age int, opts ...func(*clinic.Facts)) clinic.Facts {
	f := clinic.Facts{Destination: dest, Program: program, ExamDate: examDay, BirthDate: examDay.AddDate(-age, 0, 0),
		Sex: "female", ResidenceCountry: "RW", CountriesLived: []string{"RW"}}
	for _, o := range opts {
		o(&f)
	}
	return f
}

// dayBefore moves the exam to the day before the birthday: the applicant is one year younger.
func dayBefore(f *clinic.Facts) { f.BirthDate = f.BirthDate.AddDate(0, 0, 1) }

func pregnant(f *clinic.Facts)      { f.Pregnant = true }
func unaccompanied(f *clinic.Facts) { f.UnaccompaniedMinor = true }
func weight(kg float64) func(*clinic.Facts) {
	return func(f *clinic.Facts) { f.WeightKg = &kg }
}
func lives(c string, lived ...string) func(*clinic.Facts) {
	return func(f *clinic.Facts) { f.ResidenceCountry, f.CountriesLived = c, append([]string{c}, lived...) }
}
func results(r clinic.Results) func(*clinic.Facts) { return func(f *clinic.Facts) { f.Results = r } }
func findings(fd clinic.Findings) func(*clinic.Facts) {
	return func(f *clinic.Facts) { f.Findings = fd }
}
func num(v float64) *float64 { return &v }

var (
	neg3     = []string{"negative", "negative", "negative"}
	pending2 = []string{"negative", "pending", "pending"}
)

type want struct {
	required, notRequired []string
	outcome, notOutcome   []string
	treat, notTreat       []string
	withheld              []string
	forms, notForms       []string
	pending               []string
	final                 *bool
	version               string
	note                  string // a note containing this text
}

var (
	yes = func() *bool { b := true; return &b }()
	no  = func() *bool { b := false; return &b }()
)

type ruleCase struct {
	name    string
	facts   clinic.Facts
	version string // pinned version; "" = in force on the exam date
	want    want
}

func ageCases() []ruleCase {
	return []ruleCase{
		// age 2: US IGRA for children 2-14 in a high-burden country (RW 55/100 000)
		{"US age 2 on birthday, RW: igra", applicant("US", "refugee", 2), "", want{required: []string{"igra"}, notRequired: []string{"cxr"}}},
		{"US age 2 tomorrow, RW: no igra", applicant("US", "refugee", 2, dayBefore), "", want{notRequired: []string{"igra", "cxr"}}},
		{"AU refugee age 2: 719 igra", applicant("AU", "refugee", 2), "", want{required: []string{"igra"}}},
		{"AU refugee age 2 tomorrow: no igra", applicant("AU", "refugee", 2, dayBefore), "", want{notRequired: []string{"igra"}}},
		// age 5: urinalysis (CA, AU, NZ)
		{"CA age 5: urinalysis", applicant("CA", "immigrant", 5), "", want{required: []string{"urinalysis"}}},
		{"CA age 5 tomorrow: none", applicant("CA", "immigrant", 5, dayBefore), "", want{notRequired: []string{"urinalysis"}}},
		{"AU age 5: urinalysis", applicant("AU", "immigrant", 5), "", want{required: []string{"urinalysis"}}},
		{"AU age 5 tomorrow: none", applicant("AU", "immigrant", 5, dayBefore), "", want{notRequired: []string{"urinalysis"}}},
		{"NZ age 5: urinalysis", applicant("NZ", "immigrant", 5), "", want{required: []string{"urinalysis"}}},
		{"NZ age 5 tomorrow: none", applicant("NZ", "immigrant", 5, dayBefore), "", want{notRequired: []string{"urinalysis"}}},
		// age 11: chest X-ray (CA, AU, NZ); AU 719 stops at 10
		{"CA age 11: cxr", applicant("CA", "refugee", 11), "", want{required: []string{"cxr"}}},
		{"CA age 11 tomorrow: no cxr", applicant("CA", "refugee", 11, dayBefore), "", want{notRequired: []string{"cxr"}}},
		{"AU age 11: cxr, 502, no igra", applicant("AU", "refugee", 11), "", want{required: []string{"cxr"}, notRequired: []string{"igra"}, forms: []string{"501", "502"}}},
		{"AU age 11 tomorrow: igra, no cxr", applicant("AU", "refugee", 11, dayBefore), "", want{required: []string{"igra"}, notRequired: []string{"cxr"}, notForms: []string{"502"}}},
		{"NZ age 11: cxr, INZ 1096", applicant("NZ", "immigrant", 11), "", want{required: []string{"cxr"}, forms: []string{"INZ 1007", "INZ 1096"}}},
		{"NZ age 11 tomorrow: no cxr", applicant("NZ", "immigrant", 11, dayBefore), "", want{notRequired: []string{"cxr"}, notForms: []string{"INZ 1096"}}},
		// age 15: US cxr, syphilis; CA syphilis, HIV, creatinine; AU HIV; NZ blood tests
		{"US age 15: cxr, syphilis, no igra", applicant("US", "refugee", 15), "", want{required: []string{"cxr", "syphilis"}, notRequired: []string{"igra", "gonorrhea"}}},
		{"US age 15 tomorrow: igra, no cxr", applicant("US", "refugee", 15, dayBefore), "", want{required: []string{"igra"}, notRequired: []string{"cxr", "syphilis"}}},
		{"CA age 15: syphilis, hiv, creatinine", applicant("CA", "immigrant", 15), "", want{required: []string{"syphilis", "hiv", "creatinine", "cxr", "urinalysis"}}},
		{"CA age 15 tomorrow: none of them", applicant("CA", "immigrant", 15, dayBefore), "", want{required: []string{"cxr"}, notRequired: []string{"syphilis", "hiv", "creatinine"}}},
		{"AU refugee age 15: hiv, 707, syphilis", applicant("AU", "refugee", 15), "", want{required: []string{"hiv", "syphilis"}, forms: []string{"707"}}},
		{"AU refugee age 15 tomorrow: no hiv", applicant("AU", "refugee", 15, dayBefore), "", want{notRequired: []string{"hiv", "syphilis"}, notForms: []string{"707"}}},
		{"AU temporary age 30: no hiv", applicant("AU", "temporary", 30), "", want{notRequired: []string{"hiv", "hepatitis_b"}}},
		{"NZ age 15: blood tests", applicant("NZ", "immigrant", 15), "", want{required: []string{"hiv", "hepatitis_b", "creatinine", "hba1c", "syphilis"}}},
		{"NZ age 15 tomorrow: no blood tests", applicant("NZ", "immigrant", 15, dayBefore), "", want{notRequired: []string{"hiv", "hepatitis_b", "creatinine", "hba1c", "syphilis"}}},
		// age 18 and 25: US gonorrhoea 18-24 (2021-09-03); 15 or more before
		{"US age 18: gonorrhea", applicant("US", "immigrant", 18), "", want{required: []string{"gonorrhea"}}},
		{"US age 18 tomorrow: no gonorrhea", applicant("US", "immigrant", 18, dayBefore), "", want{notRequired: []string{"gonorrhea"}}},
		{"US age 25: no gonorrhea", applicant("US", "immigrant", 25), "", want{notRequired: []string{"gonorrhea"}}},
		{"US age 25 tomorrow (24): gonorrhea", applicant("US", "immigrant", 25, dayBefore), "", want{required: []string{"gonorrhea"}}},
		{"US 2018 version, age 15: gonorrhea", applicant("US", "immigrant", 15), "2018-07-01", want{required: []string{"gonorrhea"}, version: "2018-07-01"}},
		{"US 2018 version, age 15 tomorrow: none", applicant("US", "immigrant", 15, dayBefore), "2018-07-01", want{notRequired: []string{"gonorrhea"}}},
		{"US 2018 version, age 30: gonorrhea", applicant("US", "immigrant", 30), "2018-07-01", want{required: []string{"gonorrhea"}}},
		// presumptive-treatment age floors
		{"US refugee age 1: albendazole", applicant("US", "refugee", 1, weight(9)), "", want{treat: []string{"albendazole"}}},
		{"US refugee age 1 tomorrow: albendazole withheld", applicant("US", "refugee", 1, dayBefore, weight(8)), "", want{notTreat: []string{"albendazole"}, withheld: []string{"albendazole"}}},
		{"US refugee age 4: praziquantel", applicant("US", "refugee", 4, weight(16)), "", want{treat: []string{"praziquantel"}}},
		{"US refugee age 4 tomorrow: praziquantel withheld", applicant("US", "refugee", 4, dayBefore, weight(16)), "", want{notTreat: []string{"praziquantel"}, withheld: []string{"praziquantel"}}},
		// 29 February: 15 on 1 March in a common year
		{"born 29 Feb, exam 28 Feb 2027: 14", clinic.Facts{Destination: "US", Program: "refugee", ExamDate: date(2027, 2, 28), BirthDate: date(2012, 2, 29), ResidenceCountry: "RW"}, "", want{notRequired: []string{"cxr"}}},
		{"born 29 Feb, exam 1 Mar 2027: 15", clinic.Facts{Destination: "US", Program: "refugee", ExamDate: date(2027, 3, 1), BirthDate: date(2012, 2, 29), ResidenceCountry: "RW"}, "", want{required: []string{"cxr"}}},
	}
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func clinicalCases() []ruleCase {
	suggestive := func(cultures []string) func(*clinic.Facts) {
		return results(clinic.Results{CXR: "suggestive_of_tb", SputumSmears: neg3, SputumCultures: cultures, MTBNAAT: "not_detected", Syphilis: "nonreactive"})
	}
	return []ruleCase{
		// pregnancy
		{"AU pregnant 30: no cxr, hepatitis B", applicant("AU", "immigrant", 30, pregnant), "", want{required: []string{"hepatitis_b", "hiv"}, notRequired: []string{"cxr"}, notForms: []string{"502"}}},
		{"NZ pregnant 30: no cxr", applicant("NZ", "immigrant", 30, pregnant), "", want{notRequired: []string{"cxr"}, required: []string{"creatinine"}, notForms: []string{"INZ 1096"}}},
		{"NZ pregnant, creatinine done, no eGFR: not pending", applicant("NZ", "immigrant", 30, pregnant, results(clinic.Results{CreatinineUmolL: num(60)})), "", want{required: []string{"creatinine"}}},
		{"US pregnant refugee in RW: albendazole, ivermectin, AL withheld; praziquantel given", applicant("US", "refugee", 30, pregnant, weight(60)), "",
			want{withheld: []string{"albendazole", "ivermectin", "artemether_lumefantrine"}, treat: []string{"praziquantel"}, notTreat: []string{"albendazole", "ivermectin", "artemether_lumefantrine"}}},
		// unaccompanied minors
		{"AU unaccompanied 12: hiv, hepatitis B, cxr", applicant("AU", "refugee", 12, unaccompanied), "", want{required: []string{"hiv", "hepatitis_b", "cxr"}, forms: []string{"707"}}},
		{"AU unaccompanied 5 temporary: hiv", applicant("AU", "temporary", 5, unaccompanied), "", want{required: []string{"hiv", "hepatitis_b"}}},
		{"AU accompanied 12: no hiv", applicant("AU", "refugee", 12), "", want{notRequired: []string{"hiv", "hepatitis_b"}}},
		{"CA adoptee 3: hiv", applicant("CA", "immigrant", 3, func(f *clinic.Facts) { f.Adoptee = true }), "", want{required: []string{"hiv"}, notRequired: []string{"cxr"}}},
		{"CA mother HIV-positive 6: hiv", applicant("CA", "immigrant", 6, findings(clinic.Findings{MotherHIVPositive: true})), "", want{required: []string{"hiv"}}},
		// suggestive chest X-ray with cultures negative, positive, pending
		{"US suggestive, cultures negative: B1, final", applicant("US", "immigrant", 41, suggestive(neg3)), "", want{outcome: []string{"class_b1_tb_pulmonary"}, notOutcome: []string{"no_class", "class_a_tb"}, final: yes}},
		{"US suggestive, a culture positive: Class A", applicant("US", "immigrant", 41, suggestive([]string{"negative", "positive", "negative"})), "", want{outcome: []string{"class_a_tb"}, notOutcome: []string{"class_b1_tb_pulmonary", "no_class"}, final: yes}},
		{"US suggestive, cultures pending: no outcome yet, not final", applicant("US", "immigrant", 41, suggestive(pending2)), "", want{notOutcome: []string{"no_class", "class_b1_tb_pulmonary", "class_a_tb"}, pending: []string{"sputum_cultures"}, final: no}},
		{"US suggestive, nothing back: sputum and NAAT pending", applicant("US", "refugee", 41, results(clinic.Results{CXR: "suggestive_of_tb"})), "", want{required: []string{"sputum_smears", "sputum_cultures", "mtb_naat"}, pending: []string{"sputum_smears", "sputum_cultures", "mtb_naat", "syphilis"}, notOutcome: []string{"no_class"}, final: no}},
		{"US inactive TB, cultures negative: B1 (medium)", applicant("US", "immigrant", 41, results(clinic.Results{CXR: "inactive_tb", SputumSmears: neg3, SputumCultures: neg3, MTBNAAT: "not_detected", Syphilis: "nonreactive"})), "", want{outcome: []string{"class_b1_tb_pulmonary"}, final: yes}},
		{"US Class B1: validity 3 months and pre-departure screening", applicant("US", "refugee", 41, suggestive(neg3)), "", want{outcome: []string{"class_b1_tb_pulmonary"}}},
		{"CA suggestive, cultures negative: no finding", applicant("CA", "immigrant", 41, results(clinic.Results{CXR: "suggestive_of_tb", SputumSmears: neg3, SputumCultures: neg3, Syphilis: "nonreactive", HIV: "negative", Urinalysis: "normal", CreatinineUmolL: num(70)})), "", want{outcome: []string{"no_finding"}, final: yes}},
		{"CA suggestive, culture positive: refer_tb", applicant("CA", "immigrant", 41, results(clinic.Results{CXR: "suggestive_of_tb", SputumSmears: neg3, SputumCultures: []string{"positive", "negative", "negative"}})), "", want{outcome: []string{"refer_tb"}, notOutcome: []string{"no_finding"}}},
		{"CA suggestive, cultures pending: nothing yet", applicant("CA", "immigrant", 41, results(clinic.Results{CXR: "suggestive_of_tb", SputumSmears: neg3, SputumCultures: pending2})), "", want{notOutcome: []string{"no_finding", "refer_tb"}, final: no}},
		{"CA inactive TB: surveillance", applicant("CA", "immigrant", 41, results(clinic.Results{CXR: "inactive_tb"})), "", want{outcome: []string{"medical_surveillance"}, notRequired: []string{"sputum_smears"}}},
		{"AU suggestive, cultures negative: refer_tb", applicant("AU", "immigrant", 41, results(clinic.Results{CXR: "suggestive_of_tb", SputumSmears: neg3, SputumCultures: neg3})), "", want{outcome: []string{"refer_tb"}, required: []string{"sputum_smears", "sputum_cultures"}}},
		{"NZ suggestive, cultures pending: refer_tb, not final", applicant("NZ", "immigrant", 41, results(clinic.Results{CXR: "suggestive_of_tb", SputumSmears: neg3, SputumCultures: pending2})), "", want{outcome: []string{"refer_tb"}, final: no}},
		// positive IGRA with a normal chest X-ray
		{"US child 7 IGRA+ CXR normal: B2", applicant("US", "refugee", 7, results(clinic.Results{IGRA: "positive", CXR: "normal"})), "", want{required: []string{"igra", "cxr"}, outcome: []string{"class_b2_ltbi"}, notOutcome: []string{"no_class"}}},
		{"US child 7 IGRA+ CXR pending: cxr pending", applicant("US", "refugee", 7, results(clinic.Results{IGRA: "positive"})), "", want{required: []string{"cxr"}, pending: []string{"cxr"}, notOutcome: []string{"class_b2_ltbi"}, final: no}},
		{"US child 7 TST 10 mm CXR normal: B2", applicant("US", "refugee", 7, results(clinic.Results{TSTmm: num(10), CXR: "normal"})), "", want{outcome: []string{"class_b2_ltbi"}}},
		{"US child 7 TST 9 mm: no cxr, no class", applicant("US", "refugee", 7, results(clinic.Results{TSTmm: num(9), IGRA: "negative"})), "", want{notRequired: []string{"cxr"}, outcome: []string{"no_class"}}},
		{"US adult IGRA+ CXR normal, TB symptoms: no B2", applicant("US", "immigrant", 30, findings(clinic.Findings{TBSymptoms: true}), results(clinic.Results{IGRA: "positive", CXR: "normal"})), "", want{notOutcome: []string{"class_b2_ltbi"}, required: []string{"sputum_smears"}}},
		{"US contact 7, TST 6 mm: B2 and B3", applicant("US", "refugee", 7, findings(clinic.Findings{TBContact: true}), results(clinic.Results{TSTmm: num(6), CXR: "normal"})), "", want{outcome: []string{"class_b2_ltbi", "class_b3_tb_contact"}}},
		// TB incidence: Syria 17 (< 20) - a child gets no IGRA; a country missing from the table counts as high
		{"US child 7 in SY (17): no igra", applicant("US", "refugee", 7, lives("SY")), "", want{notRequired: []string{"igra"}}},
		{"US child 7 in EH (not in table): igra + note", applicant("US", "refugee", 7, lives("EH")), "", want{required: []string{"igra"}, note: "missing from the WHO TB incidence table"}},
		// HIV infection
		{"US child 1 with HIV: igra, cxr, sputum", applicant("US", "refugee", 1, findings(clinic.Findings{HIVInfected: true})), "", want{required: []string{"igra", "cxr", "sputum_smears", "sputum_cultures", "mtb_naat"}, notRequired: []string{"hiv"}}},
		{"AU HIV positive: hiv_positive_refer", applicant("AU", "immigrant", 30, results(clinic.Results{HIV: "positive"})), "", want{outcome: []string{"hiv_positive_refer"}, notOutcome: []string{"no_finding"}}},
		{"AU known HIV infection: hiv_positive_refer", applicant("AU", "refugee", 30, findings(clinic.Findings{HIVInfected: true})), "", want{outcome: []string{"hiv_positive_refer"}}},
		{"US adult: hiv never required", applicant("US", "refugee", 30), "", want{notRequired: []string{"hiv"}}},
		// eGFR and HbA1c thresholds (NZ)
		{"NZ eGFR 29: refer_renal", applicant("NZ", "immigrant", 50, results(clinic.Results{EGFR: num(29)})), "", want{outcome: []string{"refer_renal"}}},
		{"NZ eGFR 30: no referral", applicant("NZ", "immigrant", 50, results(clinic.Results{EGFR: num(30)})), "", want{notOutcome: []string{"refer_renal"}, outcome: []string{"no_finding"}}},
		{"NZ HbA1c 81: refer_diabetes", applicant("NZ", "immigrant", 50, results(clinic.Results{HbA1cMmolMol: num(81)})), "", want{outcome: []string{"refer_diabetes"}}},
		{"NZ HbA1c 80: no referral", applicant("NZ", "immigrant", 50, results(clinic.Results{HbA1cMmolMol: num(80)})), "", want{notOutcome: []string{"refer_diabetes"}}},
		// syphilis and gonorrhoea classes
		{"US syphilis reactive untreated: Class A", applicant("US", "immigrant", 30, results(clinic.Results{Syphilis: "reactive"})), "", want{outcome: []string{"class_a_syphilis"}}},
		{"US syphilis reactive treated: Class B other", applicant("US", "immigrant", 30, results(clinic.Results{Syphilis: "reactive", SyphilisTreated: true})), "", want{outcome: []string{"class_b_other"}, notOutcome: []string{"class_a_syphilis"}}},
		{"US gonorrhoea positive: Class A", applicant("US", "immigrant", 20, results(clinic.Results{Gonorrhea: "positive"})), "", want{outcome: []string{"class_a_gonorrhea"}}},
		{"US Class B0 after panel DOT", applicant("US", "immigrant", 30, findings(clinic.Findings{CompletedPanelDOT: true})), "", want{outcome: []string{"class_b0_tb"}}},
		{"US extrapulmonary signs: B1 extrapulmonary", applicant("US", "immigrant", 30, findings(clinic.Findings{ExtrapulmonaryTBSigns: true})), "", want{outcome: []string{"class_b1_tb_extrapulmonary"}}},
		// presumptive treatment by region and weight
		{"US refugee in MY: albendazole and ivermectin only", applicant("US", "refugee", 30, lives("MY"), weight(60)), "", want{treat: []string{"albendazole", "ivermectin"}, notTreat: []string{"praziquantel", "artemether_lumefantrine"}}},
		{"US immigrant: no presumptive treatment", applicant("US", "immigrant", 30, weight(60)), "", want{notTreat: []string{"albendazole", "ivermectin", "praziquantel", "artemether_lumefantrine"}}},
		{"US refugee 14 kg: ivermectin withheld", applicant("US", "refugee", 4, weight(14)), "", want{withheld: []string{"ivermectin"}, treat: []string{"artemether_lumefantrine"}}},
		{"US refugee 15 kg: ivermectin given", applicant("US", "refugee", 4, weight(15)), "", want{treat: []string{"ivermectin"}}},
		{"US refugee 4.9 kg: AL withheld", applicant("US", "refugee", 0, weight(4.9)), "", want{withheld: []string{"artemether_lumefantrine"}}},
		{"US refugee no weight: ivermectin and AL withheld", applicant("US", "refugee", 30), "", want{withheld: []string{"ivermectin", "artemether_lumefantrine"}}},
		// forms
		{"US refugee forms", applicant("US", "refugee", 30), "", want{forms: []string{"DS-2054", "DS-3026", "DS-3030"}, notForms: []string{"DS-3025"}, notRequired: []string{"vaccination_review"}}},
		{"US refugee with a vaccination record: DS-3025, no review", applicant("US", "refugee", 30, func(f *clinic.Facts) { f.VaccinationRecord = true }), "", want{forms: []string{"DS-2054", "DS-3025"}, notRequired: []string{"vaccination_review"}}},
		{"CA refugee with a vaccination record: no DS-3025", applicant("CA", "refugee", 30, func(f *clinic.Facts) { f.VaccinationRecord = true }), "", want{notForms: []string{"DS-3025"}}},
		{"CA forms", applicant("CA", "refugee", 30), "", want{forms: []string{"IMM 1017"}}},
	}
}

func TestRules(t *testing.T) {
	e := engine(t)
	for _, c := range append(ageCases(), clinicalCases()...) {
		t.Run(c.name, func(t *testing.T) {
			p, err := e.Evaluate(context.Background(), c.version, c.facts)
			if err != nil {
				t.Fatal(err)
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
			if w.version != "" && p.ProtocolVersion != w.version {
				t.Errorf("%s: version %s, want %s", c.name, p.ProtocolVersion, w.version)
			}
			if w.note != "" && !strings.Contains(strings.Join(p.Notes, "\n"), w.note) {
				t.Errorf("%s: notes %q, want one with %q", c.name, p.Notes, w.note)
			}
		})
	}
}

// Every country of the Loa loa list withholds ivermectin, whether it is where the refugee lives
// or only where they once lived; a country not on it does not.
func TestLoaLoaEveryCountry(t *testing.T) {
	e := engine(t)
	list := e.ref.lists["loa_loa"]
	if len(list.codes) < 12 {
		t.Fatalf("loa_loa has %d countries", len(list.codes))
	}
	for _, c := range list.codes {
		for _, f := range []clinic.Facts{
			applicant("US", "refugee", 30, weight(60), lives(c)),
			applicant("US", "refugee", 30, weight(60), lives("KE", c)),
		} {
			p, err := e.Evaluate(context.Background(), "", f)
			if err != nil {
				t.Fatal(err)
			}
			if contains(drugs(p.Treatments), "ivermectin") || !contains(drugs(p.Withheld), "ivermectin") {
				t.Errorf("%s (residence %s): ivermectin not withheld: treatments %v", c, f.ResidenceCountry, drugs(p.Treatments))
			}
			for _, w := range p.Withheld {
				if w.Drug == "ivermectin" && w.Rule == "us.par.ivermectin_loa_loa" && !strings.Contains(w.Reason, c) {
					t.Errorf("%s: reason %q does not name the country", c, w.Reason)
				}
			}
		}
	}
	for _, c := range []string{"RW", "KE", "TZ", "UG", "BI", "MY"} {
		p, err := e.Evaluate(context.Background(), "", applicant("US", "refugee", 30, weight(60), lives(c)))
		if err != nil {
			t.Fatal(err)
		}
		if !contains(drugs(p.Treatments), "ivermectin") {
			t.Errorf("%s: ivermectin withheld (%v)", c, p.Withheld)
		}
	}
}

func TestValidityAndDeparture(t *testing.T) {
	e := engine(t)
	cases := []struct {
		name      string
		f         clinic.Facts
		until     string // "" = none
		departure []string
	}{
		{"US refugee: 6 months, PEC", applicant("US", "refugee", 30), "2026-09-09", []string{"pre_embarkation_check"}},
		{"US B1: 3 months, PEC and pre-departure screening", applicant("US", "refugee", 41, results(clinic.Results{CXR: "suggestive_of_tb", SputumSmears: neg3, SputumCultures: neg3, MTBNAAT: "not_detected"})),
			"2026-06-09", []string{"pre_embarkation_check", "pre_departure_screening"}},
		{"US Class A: no clearance", applicant("US", "immigrant", 30, results(clinic.Results{SputumSmears: []string{"positive"}})), "", nil},
		{"US 31 August + 6 months: end of February", func() clinic.Facts {
			f := applicant("US", "immigrant", 30)
			f.ExamDate = date(2026, 8, 31)
			return f
		}(), "2027-02-28", nil},
		{"CA: 12 months", applicant("CA", "immigrant", 30), "2027-03-09", nil},
		{"CA refugee: pre-departure screening", applicant("CA", "refugee", 30), "2027-03-09", []string{"pre_departure_screening"}},
		{"AU refugee: 12 months, departure health check", applicant("AU", "refugee", 30), "2027-03-09", []string{"departure_health_check"}},
		{"NZ: 3 months", applicant("NZ", "immigrant", 30), "2026-06-09", nil},
	}
	for _, c := range cases {
		p, err := e.Evaluate(context.Background(), "", c.f)
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		if p.ValidUntil != nil {
			got = p.ValidUntil.Format(time.DateOnly)
		}
		if got != c.until {
			t.Errorf("%s: valid until %q, want %q", c.name, got, c.until)
		}
		var checks []string
		for _, d := range p.Departure {
			checks = append(checks, d.Check)
			if d.Check == "pre_embarkation_check" && d.MaxHours != 72 {
				t.Errorf("%s: PEC window %d h, want 72", c.name, d.MaxHours)
			}
		}
		if strings.Join(checks, ",") != strings.Join(c.departure, ",") {
			t.Errorf("%s: departure %v, want %v", c.name, checks, c.departure)
		}
	}
}

// Every required step, outcome, treatment and withheld treatment carries its rule, both reasons,
// a source with a section and a confidence.
func TestEveryAnswerIsCited(t *testing.T) {
	e := engine(t)
	for _, c := range append(ageCases(), clinicalCases()...) {
		p, err := e.Evaluate(context.Background(), c.version, c.facts)
		if err != nil {
			t.Fatal(err)
		}
		check := func(what, rule, reason, reasonFR string, src clinic.Source, conf string) {
			if rule == "" || reason == "" || reasonFR == "" || src.Doc == "" || src.Section == "" || conf == "" || strings.Contains(reason, "{") {
				t.Errorf("%s: %s not fully cited: rule %q reason %q fr %q source %+v confidence %q", c.name, what, rule, reason, reasonFR, src, conf)
			}
		}
		for _, s := range p.Required {
			check("step "+s.Step, s.Rule, s.Reason, s.ReasonFR, s.Source, s.Confidence)
		}
		for _, o := range p.Outcome.Findings {
			check("outcome "+o.Code, o.Rule, o.Reason, o.ReasonFR, o.Source, o.Confidence)
		}
		for _, tr := range append(append([]clinic.Treatment{}, p.Treatments...), p.Withheld...) {
			check("drug "+tr.Drug, tr.Rule, tr.Reason, tr.ReasonFR, tr.Source, tr.Confidence)
		}
		if len(p.OutcomeScale) == 0 {
			t.Errorf("%s: no outcome scale", c.name)
		}
	}
}
