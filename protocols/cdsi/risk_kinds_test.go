package cdsi

import (
	"io/fs"
	"testing"
)

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

// TestRiskMMRPastDue: FORECASTDT-3 in the MMR risk 2-dose series. Its dose 2 has a minimum and
// an earliest recommended interval (4 weeks from dose 1) but no latest recommended age and no
// latest recommended interval, so the past-due date is blank; only the standard series' dose 2
// has a latest recommended interval (6 years + 4 weeks), and that series does not forecast for
// an adult.
func TestRiskMMRPastDue(t *testing.T) {
	runRiskCases(t, []riskCase{
		// Health care personnel (055) born in 1950, one MMR dose at 70. Born before 1957, but
		// 055 is an exclusion of the birth-date evidence of immunity, so not immune (7.2). The
		// standard 2-dose series is complete: dose 1 valid, dose 2 skipped from 19 years - 4
		// days (context Both). The risk 2-dose series (indication 055 from 18 years) counts the
		// dose as dose 1 (absolute minimum age 12 months - 4 days) and forecasts dose 2: minimum
		// and earliest recommended interval 4 weeks, 2020-07-13 (FORECASTDTCAN-1, FORECASTDT-2);
		// no latest recommended age or interval, so no past-due date (FORECASTDT-3, -6).
		{name: "health care personnel born before 1957, one MMR dose", dob: "1950-03-10", assess: "2020-06-15",
			obs: []string{"055"}, doses: []string{"2020-06-15:03"}, group: "MMR", series: "Risk",
			status: SeriesNotComplete, doseNo: "2", earliest: "2020-07-13", recommended: "2020-07-13",
			doseStatus: []string{StatusValid}},
		// The same person without 055: born before 1957 is evidence of immunity (immunity
		// birth date 01/01/1957, no exclusion applies), and no risk series is relevant.
		{name: "born before 1957, no indication", dob: "1950-03-10", assess: "2020-06-15",
			group: "MMR", series: "Standard", status: SeriesImmune},
	})
}

// TestRiskRSVSeason: table 7-10 with the seasonal recommendation of the RSV risk under 20 months
// series (cystic fibrosis, 200, from birth to 20 months). Dose 1: minimum and earliest
// recommended age 0 days, maximum age 20 months, season 2025-10-01 to 2026-03-31 in the data
// 4.64; the season start enters the candidate earliest date (FORECASTDTCAN-1).
func TestRiskRSVSeason(t *testing.T) {
	runRiskCases(t, []riskCase{
		// Born in the season: earliest = later of the birth date (minimum age 0 days) and the
		// season start = the birth date; recommended the same (earliest recommended age 0
		// days); no latest recommended age, no past-due date.
		{name: "newborn with cystic fibrosis in the 2025-26 season", dob: "2025-10-10", assess: "2025-10-15",
			obs: []string{"200"}, group: "RSV", series: "Risk",
			status: SeriesNotComplete, doseNo: "1", earliest: "2025-10-10", recommended: "2025-10-10"},
		// Born on 2023-11-03 and assessed against the same data: the candidate earliest date
		// is the season start 2025-10-01, not before the maximum age date 2025-07-03 (20
		// months), so the last rule of table 7-10: Aged Out. (The standard series ages out
		// too: maximum age 8 months, 2024-07-03.)
		{name: "newborn with cystic fibrosis in 2023, season data 2025-26", dob: "2023-11-03", assess: "2023-11-08",
			obs: []string{"200"}, group: "RSV", series: "Risk", status: SeriesAgedOut},
	})
	// The same 2023 newborn against the data with its RSV seasons two years earlier (2023-10-01
	// to 2024-03-31), as a release in force in 2023 would have them: the season start is
	// before the birth date, so earliest and recommended are the birth date, as in the first
	// case. The aged-out answer above comes from the season dates alone.
	sub, err := fs.Sub(embedded, "data")
	if err != nil {
		t.Fatal(err)
	}
	d, err := Load(sub)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range d.Antigens["RSV"].Series {
		for _, sd := range s.Doses {
			if sd.Season != nil {
				sd.Season = &Season{Start: sd.Season.Start.AddDate(-2, 0, 0), End: sd.Season.End.AddDate(-2, 0, 0)}
			}
		}
	}
	runRiskCasesOn(t, New(d), []riskCase{
		{name: "newborn with cystic fibrosis in the 2023-24 season", dob: "2023-11-03", assess: "2023-11-08",
			obs: []string{"200"}, group: "RSV", series: "Risk",
			status: SeriesNotComplete, doseNo: "1", earliest: "2023-11-03", recommended: "2023-11-03"},
	})
}
