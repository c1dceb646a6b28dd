package cdsi

import (
	"strings"
	"testing"
)

// riskCase is one patient with underlying conditions and what the specification, applied to
// supporting data 4.64, says the vaccine group's forecast and the doses' statuses must be. Each
// expected value is worked out in the comment of its case from the series' data.
type riskCase struct {
	name   string
	dob    string
	assess string
	gender string
	obs    []string // "code" or "code@YYYY-MM-DD"
	doses  []string // "YYYY-MM-DD:CVX"
	group  string
	// want: the group's status, dose number and earliest / recommended / past-due dates ("" for none)
	status, doseNo, earliest, recommended, pastDue string
	series                                         string // series type of the forecast
	doseStatus                                     []string
}

func (c riskCase) patient() Patient {
	p := Patient{DOB: day(c.dob), Gender: c.gender}
	if p.Gender == "" {
		p.Gender = "F"
	}
	for _, o := range c.obs {
		code, date, _ := strings.Cut(o, "@")
		po := PatientObservation{Code: code}
		if date != "" {
			po.Date = day(date)
		}
		p.Observations = append(p.Observations, po)
	}
	for _, d := range c.doses {
		date, cvx, _ := strings.Cut(d, ":")
		p.Doses = append(p.Doses, Dose{Date: day(date), CVX: cvx})
	}
	return p
}

func runRiskCases(t *testing.T, cases []riskCase) {
	t.Helper()
	eng, err := NewDefault()
	if err != nil {
		t.Fatal(err)
	}
	runRiskCasesOn(t, eng, cases)
}

// runRiskCasesOn runs the cases on a given engine (supporting data other than the embedded).
func runRiskCasesOn(t *testing.T, eng *Engine, cases []riskCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, err := eng.Evaluate(c.patient(), day(c.assess))
			if err != nil {
				t.Fatal(err)
			}
			gf, ok := res.Group(c.group, "")
			if !ok {
				t.Fatalf("no %s forecast", c.group)
			}
			got := []string{gf.Status, gf.DoseNumber, fmtDate(gf.Earliest), fmtDate(gf.Recommended), fmtDate(gf.PastDue)}
			want := []string{c.status, c.doseNo, c.earliest, c.recommended, c.pastDue}
			for i, what := range []string{"status", "dose number", "earliest", "recommended", "past due"} {
				if got[i] != want[i] {
					t.Errorf("%s = %q, want %q", what, got[i], want[i])
				}
			}
			if c.series != "" && gf.SeriesType != c.series {
				t.Errorf("forecast from a %s series, want %s", gf.SeriesType, c.series)
			}
			for i, want := range c.doseStatus {
				if got := GroupDoseStatus(res.Doses[i].Evaluations, c.group); got != want {
					t.Errorf("dose %d: %q, want %q (%+v)", i+1, got, want, res.Doses[i].Evaluations)
				}
			}
		})
	}
}

// TestRiskSeriesSelection: tables 5-4 and 5-5. A risk series is relevant when the patient has
// one of its indications' observations at an age inside the indication's window, and then its
// forecast is the group's answer.
func TestRiskSeriesSelection(t *testing.T) {
	runRiskCases(t, []riskCase{
		// Hib risk 3-dose series (004, 6 weeks+): dose 1 is measured from the transplant date
		// (171): minimum and earliest recommended interval 6 months, latest 12 months.
		{name: "stem cell transplant, Hib from the transplant date", dob: "2010-08-14", assess: "2014-09-01",
			obs: []string{"004", "171@2014-03-23"}, group: "Hib",
			status: SeriesNotComplete, doseNo: "1", earliest: "2014-09-23", recommended: "2014-09-23", pastDue: "2015-03-22", series: "Risk"},
		// Without 004 the transplant date alone makes nothing relevant: with no valid dose and
		// no scorable series, the default standard series (start at 2 months) answers (table
		// 8-3): minimum age 6 weeks, earliest recommended 2 months, latest 3 months + 4 weeks.
		{name: "transplant date without the transplant indication", dob: "2010-08-14", assess: "2014-09-01",
			obs: []string{"171@2014-03-23"}, group: "Hib",
			status: SeriesNotComplete, doseNo: "1", earliest: "2010-09-25", recommended: "2010-10-14", pastDue: "2010-12-11", series: "Standard"},
		// Pertussis risk 1-dose series (007, female): one Tdap per pregnancy, 27 to 36 weeks
		// after the onset (170). The Tdap of 2020 counts in the standard series but not for this
		// pregnancy.
		{name: "pregnancy, Tdap from the onset", dob: "1990-01-01", assess: "2025-03-01",
			obs: []string{"007", "170@2025-01-10"}, doses: []string{"2020-05-05:115"}, group: "DTaP/Tdap/Td",
			status: SeriesNotComplete, doseNo: "1", earliest: "2025-07-18", recommended: "2025-07-18", pastDue: "2025-09-18", series: "Risk",
			doseStatus: []string{StatusValid}},
		// The series requires a female (or unknown) patient: a man's answer is the standard
		// adult catch-up, dose 2 four weeks after the Tdap.
		// Two pregnancies: the interval counts from the most recent onset (CALCDTINT-9), and the
		// Tdap of the first pregnancy counts for the standard series only.
		{name: "second pregnancy, Tdap from the latest onset", dob: "1990-01-01", assess: "2025-03-01",
			obs: []string{"007", "170@2025-01-10", "170@2022-02-01"}, doses: []string{"2022-08-20:115"}, group: "DTaP/Tdap/Td",
			status: SeriesNotComplete, doseNo: "1", earliest: "2025-07-18", recommended: "2025-07-18", pastDue: "2025-09-18", series: "Risk",
			doseStatus: []string{StatusValid}},
		{name: "pregnancy series needs a female patient", dob: "1990-01-01", assess: "2025-03-01", gender: "M",
			obs: []string{"007", "170@2025-01-10"}, doses: []string{"2020-05-05:115"}, group: "DTaP/Tdap/Td",
			status: SeriesNotComplete, doseNo: "2", earliest: "2020-06-02", recommended: "2020-06-02", pastDue: "2020-06-02",
			series: "Standard", doseStatus: []string{StatusValid}},
		// Measles, mumps and rubella risk 2-dose ART series (026): dose 1 at least 6 months after
		// the start of antiretroviral therapy (120); the MMR given before does not count there.
		{name: "perinatal HIV, MMR again after ART", dob: "2015-01-01", assess: "2020-05-01",
			obs: []string{"026", "120@2020-03-01"}, doses: []string{"2016-01-01:03"}, group: "MMR",
			status: SeriesNotComplete, doseNo: "1", earliest: "2020-09-01", recommended: "2020-09-01", series: "Risk",
			doseStatus: []string{StatusValid}},
		// Measles risk 1-dose series (048, 6 to 12 months): an infant who travels gets a dose
		// from 6 months (earliest recommended age 6 months, latest 12 months).
		{name: "infant traveller, MMR from 6 months", dob: "2016-02-28", assess: "2016-09-15",
			obs: []string{"048"}, group: "MMR",
			status: SeriesNotComplete, doseNo: "1", earliest: "2016-08-28", recommended: "2016-08-28", pastDue: "2017-02-27", series: "Risk"},
		// At 2 months the indication (from 6 months) does not apply yet, and at 13 months no
		// longer: the standard series answers (dose 1 at 12 months, latest 16 months + 4 weeks).
		{name: "traveller before the indication's begin age", dob: "2016-02-28", assess: "2016-05-01",
			obs: []string{"048"}, group: "MMR", series: "Standard",
			status: SeriesNotComplete, doseNo: "1", earliest: "2017-02-28", recommended: "2017-02-28", pastDue: "2017-07-25"},
		{name: "traveller past the indication's end age", dob: "2016-02-28", assess: "2017-03-28",
			obs: []string{"048"}, group: "MMR", series: "Standard",
			status: SeriesNotComplete, doseNo: "1", earliest: "2017-02-28", recommended: "2017-02-28", pastDue: "2017-07-25"},
		// Polio risk adult series (054, 18 years+): a laboratory worker with no dose needs 3 doses
		// of IPV; dose 1 is due at once (minimum age 18 years).
		{name: "laboratory worker handling polioviruses", dob: "1990-03-01", assess: "2025-03-01",
			obs: []string{"054"}, group: "Polio",
			status: SeriesNotComplete, doseNo: "1", earliest: "2008-03-01", recommended: "2008-03-01", series: "Risk"},
		// The conditional skips of the same series: a complete standard series (group 1) skips
		// doses 1 and 2; dose 3, the adult booster, has no skip. It is the first dose satisfied
		// in this series, so its forecast dose number is 1 (FORECASTDN-1); the childhood doses
		// stay valid (they count in the standard series, a best series too).
		{name: "laboratory worker with a complete childhood series", dob: "1990-03-01", assess: "2025-03-01",
			obs: []string{"054"}, doses: []string{"1990-05-01:10", "1990-07-01:10", "1991-03-01:10", "1994-03-01:10"}, group: "Polio",
			status: SeriesNotComplete, doseNo: "1", earliest: "2008-03-01", recommended: "2008-03-01", pastDue: "2008-03-01",
			series: "Risk", doseStatus: []string{StatusValid, StatusValid, StatusValid, StatusValid}},
	})
}

// TestObservationCodeDigits: an observation code written without its leading zeros ("7") is
// the same code ("007").
func TestObservationCodeDigits(t *testing.T) {
	eng, _ := NewDefault()
	for _, code := range []string{"7", "07", "007"} {
		p := Patient{DOB: day("1990-01-01"), Gender: "F", Observations: []PatientObservation{{Code: code}, {Code: "170", Date: day("2025-01-10")}}}
		res, err := eng.Evaluate(p, day("2025-03-01"))
		if err != nil {
			t.Fatalf("%q: %v", code, err)
		}
		if _, ok := res.Group("DTaP/Tdap/Td", "Risk"); !ok {
			t.Errorf("%q: no pregnancy series", code)
		}
	}
}

// TestRiskOnlyGroups: dengue and orthopoxvirus have no standard series; with the indication's
// observation the group is forecast even before the indication's begin age, from the series'
// minimum age.
func TestRiskOnlyGroups(t *testing.T) {
	runRiskCases(t, []riskCase{
		// Dengue risk 3-dose series (211, 9 to 17 years): minimum age 9 years.
		{name: "previous dengue infection at 7", dob: "2018-05-01", assess: "2025-06-01",
			obs: []string{"211"}, group: "Dengue", series: "Risk",
			status: SeriesNotComplete, doseNo: "1", earliest: "2027-05-01", recommended: "2027-05-01"},
		// Dose 3 six months after dose 2; dose 3 has no maximum age.
		{name: "previous dengue infection at 19, third dose", dob: "2006-05-01", assess: "2025-06-01",
			obs: []string{"211"}, doses: []string{"2022-06-01:56", "2022-12-05:56"}, group: "Dengue", series: "Risk",
			status: SeriesNotComplete, doseNo: "3", earliest: "2023-06-05", recommended: "2023-06-05",
			doseStatus: []string{StatusValid, StatusValid}},
		// Dose 1 has a maximum age of 17 years.
		{name: "previous dengue infection at 19, no dose", dob: "2006-05-01", assess: "2025-06-01",
			obs: []string{"211"}, group: "Dengue", series: "Risk", status: SeriesAgedOut},
		// Orthopoxvirus risk pre-exposure 2-dose series (247, 18 years+): dose 1 at 18.
		{name: "orthopoxvirus pre-exposure at 15", dob: "2010-05-01", assess: "2025-06-01",
			obs: []string{"247"}, group: "Orthopoxvirus", series: "Risk",
			status: SeriesNotComplete, doseNo: "1", earliest: "2028-05-01", recommended: "2028-05-01"},
	})
	eng, _ := NewDefault()
	res, err := eng.Evaluate(Patient{DOB: day("2010-05-01"), Gender: "M"}, day("2025-06-01"))
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range []string{"Dengue", "Orthopoxvirus"} {
		if gf, ok := res.Group(g, ""); ok {
			t.Errorf("%s forecast without any indication: %+v", g, gf)
		}
	}
}

// TestDoseJudgedBy: a dose's status comes from the series that answers for the group (a risk
// best series when there is one), and a dose valid in any best series is valid.
func TestDoseJudgedBy(t *testing.T) {
	runRiskCases(t, []riskCase{
		// Asplenia at 3 years with four infant PCV13 doses (complete standard series) and a
		// PPSV23 at 2 years + 1 month. Pneumococcal risk 2-5 years 4-dose series: doses 1 and 2
		// skipped (complete standard series and 3 or more doses before 24 months); the PPSV23
		// satisfies dose 3, 8 weeks after the last PCV; dose 4 (PPSV23 or PCV20) 5 years later.
		// One target dose satisfied: forecast dose number 2 (FORECASTDN-1). The PPSV23 finishes
		// nothing in the complete childhood series (extraneous there) but is valid in the risk
		// series; the PCV13 doses, too young for the risk series, are valid in the standard one.
		{name: "asplenia, PPSV23 after a complete PCV series", dob: "2020-01-15", assess: "2023-03-01",
			obs: []string{"160"}, doses: []string{"2020-03-15:133", "2020-05-15:133", "2020-07-15:133", "2021-01-20:133", "2022-03-01:33"},
			group: "Pneumococcal", series: "Risk",
			status: SeriesNotComplete, doseNo: "2", earliest: "2027-03-01", recommended: "2027-03-01",
			doseStatus: []string{StatusValid, StatusValid, StatusValid, StatusValid, StatusValid}},
		// Asplenia at 2 years 1 month, one Hib dose at that age (sample 2016-UC-0055): the
		// standard 1-dose catch-up is complete, the Hib risk child 2-dose series (12 months to
		// 5 years) wants dose 2 eight weeks later.
		{name: "asplenia, second Hib dose", dob: "2014-07-15", assess: "2016-08-15",
			obs: []string{"160"}, doses: []string{"2016-08-15:48"}, group: "Hib", series: "Risk",
			status: SeriesNotComplete, doseNo: "2", earliest: "2016-10-10", recommended: "2016-10-10",
			doseStatus: []string{StatusValid}},
	})
	eng, _ := NewDefault()
	c := riskCase{dob: "2020-01-15", obs: []string{"160"},
		doses: []string{"2020-03-15:133", "2020-05-15:133", "2020-07-15:133", "2021-01-20:133", "2022-03-01:33"}}
	res, err := eng.Evaluate(c.patient(), day("2023-03-01"))
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Doses[4].Evaluations[0].Series; !strings.Contains(got, "risk") {
		t.Errorf("PPSV23 judged by %q, want the risk series", got)
	}
	if got := res.Doses[0].Evaluations[0].Series; strings.Contains(got, "risk") {
		t.Errorf("infant PCV13 judged by %q, want the standard series", got)
	}
}
