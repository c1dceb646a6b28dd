package cdsi

import "testing"

// The table tests below take one patient per kind of underlying condition and check the
// series selection of chapters 5 and 8 against the supporting data 4.64. Each expected value is
// worked out in the case's comment from the series' own data (ages, intervals, conditional
// skips, priorities, equivalent groups), not taken from CDC's answers.

// TestRiskPriority: SELECTSCORE-2 (table 8-2). Among the relevant risk series of one series
// group only those of the highest priority are scorable, so a patient with several conditions
// gets the series of the most demanding one.
func TestRiskPriority(t *testing.T) {
	runRiskCases(t, []riskCase{
		// Cochlear implant (011) at 65: the only relevant pneumococcal risk series are the
		// "CSF leaks or cochlear implants" ones (priority B); no valid dose, so table 8-11
		// scores them even (both start at 19 years, both completable, neither a product path)
		// and the series preference picks PCV-PPSV: dose 1 from 19 years.
		{name: "cochlear implant, adult", dob: "1960-01-01", assess: "2025-03-01", gender: "M",
			obs: []string{"011"}, group: "Pneumococcal", series: "Risk",
			status: SeriesNotComplete, doseNo: "1", earliest: "1979-01-01", recommended: "1979-01-01"},
		// Dialysis (032, immunocompromised: priority A), cochlear implant (011: B) and diabetes
		// (014: chronic condition, C) together: only the priority-A immunocompromised series
		// are scorable; dose 1 of PCV-PPSV-PPSV (preference 1) from 19 years.
		{name: "dialysis, cochlear implant and diabetes", dob: "1990-01-01", assess: "2025-03-01", gender: "M",
			obs: []string{"032", "011", "014"}, group: "Pneumococcal", series: "Risk",
			status: SeriesNotComplete, doseNo: "1", earliest: "2009-01-01", recommended: "2009-01-01"},
		// Dialysis (032) at 45 with no HepB dose: the dialysis series (priority A, default,
		// from 20 years) rather than the standard adult series; dose 1 at 20 years.
		{name: "dialysis, no hepatitis B dose", dob: "1980-01-01", assess: "2025-03-01", gender: "M",
			obs: []string{"032"}, group: "HepB", series: "Risk",
			status: SeriesNotComplete, doseNo: "1", earliest: "2000-01-01", recommended: "2000-01-01"},
	})
}

// TestRiskCompletedSeriesSkip: table 6-7 (a "completed series" condition is met when a relevant
// series of the named series group is complete) and table 8-14.
func TestRiskCompletedSeriesSkip(t *testing.T) {
	runRiskCases(t, []riskCase{
		// Dialysis (032) after a complete infant HepB series: doses 1 to 4 of the dialysis
		// series are skipped (standard series group 1 complete), leaving the recurring
		// booster, dose 5, one year after the last dose. No dose satisfied a target dose of
		// this series, so the forecast dose number is 1 (FORECASTDN-1). The infant doses are
		// valid: the complete standard series is a best series too (table 8-14, rule 1).
		{name: "dialysis after a complete infant series", dob: "1980-01-01", assess: "2025-03-01", gender: "M",
			obs: []string{"032"}, doses: []string{"1980-01-02:08", "1980-03-01:08", "1980-07-01:08"}, group: "HepB", series: "Risk",
			status: SeriesNotComplete, doseNo: "1", earliest: "1981-07-01", recommended: "1981-07-01",
			doseStatus: []string{StatusValid, StatusValid, StatusValid}},
		// Laboratory work with polioviruses (054) after three childhood IPV doses: the standard
		// 4-dose series is not complete, so the adult risk series skips nothing and starts
		// again at dose 1 (minimum age 18 years); the childhood doses count in the standard
		// series.
		{name: "poliovirus laboratory worker, childhood series incomplete", dob: "1990-01-01", assess: "2025-03-01", gender: "M",
			obs: []string{"054"}, doses: []string{"1990-03-01:10", "1990-05-01:10", "1990-09-01:10"}, group: "Polio", series: "Risk",
			status: SeriesNotComplete, doseNo: "1", earliest: "2008-01-01", recommended: "2008-01-01",
			doseStatus: []string{StatusValid, StatusValid, StatusValid}},
		// Asplenia (160) at 10 years after a complete infant Hib series: the Hib risk 1-dose
		// series (group 2) names group 1 as equivalent, and the prioritized series there is
		// complete, so the risk series is not a best series (table 8-14): Complete.
		{name: "asplenia at 10 after a complete infant Hib series", dob: "2015-01-01", assess: "2025-03-01", gender: "M",
			obs: []string{"160"}, doses: []string{"2015-03-01:48", "2015-05-01:48", "2015-07-01:48", "2016-01-05:48"},
			group: "Hib", series: "Standard", status: SeriesComplete,
			doseStatus: []string{StatusValid, StatusValid, StatusValid, StatusValid}},
		// The same child never vaccinated: every standard series is aged out and the risk
		// 1-dose series (indication from 5 years) is best; dose 1 from 15 months.
		{name: "asplenia at 10, no Hib dose", dob: "2015-01-01", assess: "2025-03-01", gender: "M",
			obs: []string{"160"}, group: "Hib", series: "Risk",
			status: SeriesNotComplete, doseNo: "1", earliest: "2016-04-01", recommended: "2016-04-01"},
	})
}

// TestRiskObservationDates: CALCDTINT-9, intervals counted from an observation's date rather
// than from the birth date, and indications that restart a series.
func TestRiskObservationDates(t *testing.T) {
	runRiskCases(t, []riskCase{
		// RSV risk pregnant 1-dose series (007): minimum and earliest recommended interval
		// 224 days (32 weeks) from the onset of pregnancy (170), latest recommended 259 days
		// (37 weeks) less one day for the past-due date.
		{name: "pregnancy, RSV from the onset", dob: "1995-01-01", assess: "2025-10-15",
			obs: []string{"007", "170@2025-03-01"}, group: "RSV", series: "Risk",
			status: SeriesNotComplete, doseNo: "1", earliest: "2025-10-11", recommended: "2025-10-11", pastDue: "2025-11-14"},
		// Stem cell transplant (004) with its date (171), four infant Hib doses: in the Hib
		// risk 3-dose series dose 1 counts from the transplant (6 months), so the infant doses,
		// given before it, satisfy nothing there; the standard series is complete (best too),
		// so they stay valid. Forecast: 6 to 12 months after the transplant.
		{name: "stem cell transplant after a complete infant Hib series", dob: "2015-01-01", assess: "2025-03-01", gender: "M",
			obs: []string{"004", "171@2024-06-01"}, doses: []string{"2015-03-01:48", "2015-05-01:48", "2015-07-01:48", "2016-01-05:48"},
			group: "Hib", series: "Risk", status: SeriesNotComplete, doseNo: "1", earliest: "2024-12-01", recommended: "2024-12-01", pastDue: "2025-05-31",
			doseStatus: []string{StatusValid, StatusValid, StatusValid, StatusValid}},
		// RSV risk 50-74 years series (chronic kidney disease 015 among its indications): one
		// dose from 50 years, where the healthy standard series starts at 75.
		{name: "chronic kidney disease at 60, RSV", dob: "1965-01-01", assess: "2025-10-15",
			obs: []string{"015"}, group: "RSV", series: "Risk",
			status: SeriesNotComplete, doseNo: "1", earliest: "2015-01-01", recommended: "2015-01-01"},
	})
}

// TestRiskMeningococcal: meningococcal B risk series for asplenia and complement deficiency,
// from 10 years (indication begin age).
func TestRiskMeningococcal(t *testing.T) {
	runRiskCases(t, []riskCase{
		// Asplenia (160) at 10 years, no dose: the two product risk series tie in table 8-11
		// (same start, both completable, both product paths) and in preference (99): the
		// first in the data, MenB-4C, whose dose 1 is due at 10 years.
		{name: "asplenia at 10, no MenB dose", dob: "2006-03-28", assess: "2016-09-28", gender: "M",
			obs: []string{"160"}, group: "Meningococcal B", series: "Risk",
			status: SeriesNotComplete, doseNo: "1", earliest: "2016-03-28", recommended: "2016-03-28"},
		// Complement deficiency (151) at 21, two MenB-FHbp doses at 20 years: the FHbp risk
		// series is in process (two valid doses); dose 3 at least 4 months after dose 2 and
		// 6 months after dose 1.
		{name: "complement deficiency, third MenB-FHbp dose", dob: "1995-09-02", assess: "2017-03-02", gender: "M",
			obs: []string{"151"}, doses: []string{"2016-01-10:162", "2016-02-10:162"}, group: "Meningococcal B", series: "Risk",
			status: SeriesNotComplete, doseNo: "3", earliest: "2016-07-10", recommended: "2016-07-10",
			doseStatus: []string{StatusValid, StatusValid}},
	})
}
