package cdsi

import "testing"

// The table tests below take healthy patients (no observation) to the boundaries of the date
// rules, the maximum ages and the live-virus conflicts, checking the vaccine group's forecast
// and the doses' statuses against the specification (v2.1 chapter 3 for the date rules, v4.5
// chapters 6, 7 and 9 for the rest) applied to supporting data 4.64. Each expected value is
// worked out in the case's comment from the series' own data, not taken from CDC's answers.
// Every case sits at a boundary, paired with the case on the other side of it.

// TestHealthyMonthEnd: CALCDT-1 to CALCDT-6 for dates counted from a birth date at the end of
// a month. Years, then months, holding the day; a date that does not exist moves to the first of
// the next month (CALCDT-5); days and weeks are added last, as a count of days (CALCDT-3,
// CALCDT-6). The forecast dates are those of FORECASTDTCAN-1 and FORECASTDT-2 to 6.
func TestHealthyMonthEnd(t *testing.T) {
	runRiskCases(t, []riskCase{
		// Hib 4-dose series (default; no valid dose, so 8.2 takes it), dose 1, born 31 Dec:
		// minimum age 42 days: 2024-02-11 (CALCDT-3). Earliest recommended age 2 months:
		// 31 Feb 2024 does not exist, so 2024-03-01 (CALCDT-2, CALCDT-5). Latest recommended
		// age 3 months + 28 days: 2024-03-31, then 28 days, 2024-04-28 (CALCDT-6); the past-due
		// date is the day before (FORECASTDT-3): 2024-04-27.
		{name: "Hib dose 1, born 31 December", dob: "2023-12-31", assess: "2024-01-20", group: "Hib",
			status: SeriesNotComplete, doseNo: "1", earliest: "2024-02-11", recommended: "2024-03-01", pastDue: "2024-04-27"},
		// MMR 2-dose series, dose 1, born 29 Feb 2024: minimum and earliest recommended age
		// 12 months: 29 Feb 2025 does not exist, so 2025-03-01 (CALCDT-5). Latest recommended
		// age 16 months + 28 days: 2025-06-29 + 28 days = 2025-07-27; past due 2025-07-26.
		{name: "MMR dose 1, born 29 February", dob: "2024-02-29", assess: "2025-01-15", group: "MMR",
			status: SeriesNotComplete, doseNo: "1", earliest: "2025-03-01", recommended: "2025-03-01", pastDue: "2025-07-26"},
		// HPV 2-dose series (default, female), dose 1, born 29 Feb 2012, ages in years
		// (CALCDT-1): minimum age 9 years, 29 Feb 2021 -> 2021-03-01; earliest recommended
		// age 11 years, 29 Feb 2023 -> 2023-03-01; latest recommended 13 years + 28 days:
		// 29 Feb 2025 -> 2025-03-01, + 28 days = 2025-03-29; past due 2025-03-28.
		{name: "HPV dose 1, born 29 February", dob: "2012-02-29", assess: "2020-06-01", group: "HPV",
			status: SeriesNotComplete, doseNo: "1", earliest: "2021-03-01", recommended: "2023-03-01", pastDue: "2025-03-28"},
		// Months counted from a dose on the 31st (CALCDTINT-4 to 6 add to the reference dose
		// date as CALCDT-2 does). HPV 2-dose series, dose 1 at 12 years on 2024-08-31; dose 2's
		// interval from the previous dose: minimum 5 months, 2025-01-31; earliest recommended
		// 6 months, 31 Feb 2025 -> 2025-03-01; latest recommended 13 months + 28 days: 31 Sep
		// 2025 -> 2025-10-01, + 28 days = 2025-10-29; past due 2025-10-28. Dose 2 has no age
		// of its own, so the interval dates are the forecast's (FORECASTDT-2, -3). Whether the
		// forecast skip of dose 2 ("5 months since dose 1", at the earliest date, 7.6) moves
		// the forecast to dose 3 or not, dose 3 counts 5 / 6 / 13 months + 28 days from target
		// dose 1 (CALCDTINT-2), the same dose: the dates hold, and one dose is satisfied, so
		// the forecast dose number is 2 (FORECASTDN-1).
		{name: "HPV dose 2, dose 1 on the 31st", dob: "2012-08-31", assess: "2024-10-01", group: "HPV",
			doses:  []string{"2024-08-31:165"},
			status: SeriesNotComplete, doseNo: "2", earliest: "2025-01-31", recommended: "2025-03-01", pastDue: "2025-10-28",
			doseStatus: []string{StatusValid}},
	})
}

// TestHealthyWeeks: CALCDT-3, an interval in weeks is a count of days, whatever the months it
// crosses: 4 weeks from 1 February is 29 February in a leap year, 1 March otherwise.
func TestHealthyWeeks(t *testing.T) {
	runRiskCases(t, []riskCase{
		// DTaP dose 1 at 2 months (2024-02-01, valid). Dose 2: minimum age 70 days
		// (2024-02-09), minimum interval 4 weeks from dose 1: 2024-02-29 (leap year), the
		// later of the two (FORECASTDTCAN-1). Earliest recommended age 4 months: 2024-04-01
		// (the age comes before the interval in FORECASTDT-2). Latest recommended age 5 months
		// + 4 weeks: 2024-05-01 + 28 days = 2024-05-29; past due 2024-05-28. The three
		// antigens of the group agree, no interval has priority: MULTIANTVG-1 gives the latest
		// earliest date, the same.
		{name: "DTaP dose 2, 4 weeks across a leap February", dob: "2023-12-01", assess: "2024-02-15", group: "DTaP/Tdap/Td",
			doses:  []string{"2024-02-01:20"},
			status: SeriesNotComplete, doseNo: "2", earliest: "2024-02-29", recommended: "2024-04-01", pastDue: "2024-05-28",
			doseStatus: []string{StatusValid}},
		// The same a year earlier: 2023-02-01 + 28 days = 2023-03-01; 4 months 2023-04-01;
		// 2023-05-01 + 28 days - 1 day = 2023-05-28.
		{name: "DTaP dose 2, 4 weeks across a common February", dob: "2022-12-01", assess: "2023-02-15", group: "DTaP/Tdap/Td",
			doses:  []string{"2023-02-01:20"},
			status: SeriesNotComplete, doseNo: "2", earliest: "2023-03-01", recommended: "2023-04-01", pastDue: "2023-05-28"},
	})
}

// TestHealthyGracePeriod: table 6-18. A dose given on or after the absolute minimum interval
// date (4 weeks - 4 days = 24 days for DTaP dose 2) but before the minimum interval date is
// valid ("Grace period"); a day earlier it is not valid ("Too soon"). Either way the next
// forecast counts from that dose: CALCDTINT-1 takes the immediate previous dose whose status
// is "Valid" or "Not Valid", and CALCDTINT-4 adds the minimum interval (not the absolute
// minimum) for the forecast (FORECASTDTCAN-1).
func TestHealthyGracePeriod(t *testing.T) {
	runRiskCases(t, []riskCase{
		// Dose 1 2024-03-01 (2 months), dose 2 2024-03-25 = dose 1 + 24 days: valid, grace
		// period (age 84 days > minimum 70). Dose 3: minimum age 98 days = 2024-04-08; minimum
		// interval 28 days from dose 2 = 2024-04-22, the later. Earliest recommended age
		// 6 months = 2024-07-01; latest recommended age 7 months + 28 days = 2024-08-29, past
		// due 2024-08-28.
		{name: "DTaP dose 2 at 4 weeks - 4 days", dob: "2024-01-01", assess: "2024-04-01", group: "DTaP/Tdap/Td",
			doses:  []string{"2024-03-01:20", "2024-03-25:20"},
			status: SeriesNotComplete, doseNo: "3", earliest: "2024-04-22", recommended: "2024-07-01", pastDue: "2024-08-28",
			doseStatus: []string{StatusValid, StatusValid}},
		// Dose 2 on 2024-03-24 = dose 1 + 23 days: before the absolute minimum interval date,
		// not valid; target dose 2 is still open. Its interval counts from the not valid dose
		// (CALCDTINT-1): 2024-03-24 + 28 days = 2024-04-21, later than the minimum age
		// (70 days, 2024-03-11). Earliest recommended age 4 months = 2024-05-01; latest
		// recommended 5 months + 28 days = 2024-06-29, past due 2024-06-28.
		{name: "DTaP dose 2 at 4 weeks - 5 days", dob: "2024-01-01", assess: "2024-04-01", group: "DTaP/Tdap/Td",
			doses:  []string{"2024-03-01:20", "2024-03-24:20"},
			status: SeriesNotComplete, doseNo: "2", earliest: "2024-04-21", recommended: "2024-05-01", pastDue: "2024-06-28",
			doseStatus: []string{StatusValid, StatusNotValid}},
		// Table 6-15, the same for the age: MMR dose 1 at 12 months - 4 days (absolute minimum
		// age) is valid; dose 2's minimum interval, 28 days, counts from it (2025-02-08) and so
		// does the conflict of a valid MMR, 24 days (2025-02-04); dose 2's minimum age, 13 months
		// (2025-02-15), is the latest. Earliest recommended age 4 years = 2028-01-15; latest
		// recommended 7 years + 28 days = 2031-02-12, past due 2031-02-11.
		{name: "MMR dose 1 at 12 months - 4 days", dob: "2024-01-15", assess: "2025-01-20", group: "MMR",
			doses:  []string{"2025-01-11:03"},
			status: SeriesNotComplete, doseNo: "2", earliest: "2025-02-15", recommended: "2028-01-15", pastDue: "2031-02-11",
			doseStatus: []string{StatusValid}},
		// A day earlier, 12 months - 5 days: too young, not valid; dose 1 again. Minimum age
		// 12 months = 2025-01-15; the dose given opens a live-virus conflict for the next MMR
		// dose, and since it is not valid the conflict end interval, 28 days, applies
		// (CALCDTCONFLICT-2): 2025-01-10 + 28 days = 2025-02-07, the later (FORECASTDTCAN-1).
		// Recommended: 12 months is before the earliest date, so the earliest date
		// (FORECASTDT-5); past due 16 months + 28 days - 1 day = 2025-06-11.
		{name: "MMR dose 1 at 12 months - 5 days", dob: "2024-01-15", assess: "2025-01-20", group: "MMR",
			doses:  []string{"2025-01-10:03"},
			status: SeriesNotComplete, doseNo: "1", earliest: "2025-02-07", recommended: "2025-02-07", pastDue: "2025-06-11",
			doseStatus: []string{StatusNotValid}},
	})
}

// TestHealthyLiveVirusConflict: CALCDTCONFLICT-1 and 2 and CONFLICT-3. A live vaccine given on
// or after the conflict begin date (1 day) and before the conflict end date of an earlier live
// vaccine is not valid; the end date counts the minimum conflict end interval from a valid
// earlier dose and the conflict end interval from one that is not. In the data, MMR (03) after
// MMR is 24 / 28 days; varicella (21) after MMR is 28 / 28 days. The forecast waits for the
// latest conflict end date (FORECASTDTCAN-1).
func TestHealthyLiveVirusConflict(t *testing.T) {
	runRiskCases(t, []riskCase{
		// Valid MMR at 12 months (2025-01-15); varicella forecast 10 days later: dose 1,
		// minimum age 12 months (2025-01-15), conflict end 2025-01-15 + 28 days = 2025-02-12,
		// the later. Recommended 12 months, adjusted to the earliest date (FORECASTDT-5); past
		// due 16 months + 28 days - 1 day = 2025-06-11.
		{name: "varicella forecast after MMR", dob: "2024-01-15", assess: "2025-01-25", group: "Varicella",
			doses:  []string{"2025-01-15:03"},
			status: SeriesNotComplete, doseNo: "1", earliest: "2025-02-12", recommended: "2025-02-12", pastDue: "2025-06-11"},
		// Varicella 27 days after MMR: the day before the conflict end, not valid; dose 1 again,
		// after the 28 days of the varicella dose's own conflict (21 after 21, 28 days from a
		// dose not valid): 2025-02-11 + 28 days = 2025-03-11.
		{name: "varicella 27 days after MMR", dob: "2024-01-15", assess: "2025-02-20", group: "Varicella",
			doses:  []string{"2025-01-15:03", "2025-02-11:21"},
			status: SeriesNotComplete, doseNo: "1", earliest: "2025-03-11", recommended: "2025-03-11", pastDue: "2025-06-11",
			doseStatus: []string{"", StatusNotValid}},
		// Varicella 28 days after MMR, the conflict end date: valid. Dose 2 of the childhood
		// series: minimum age 15 months (2025-04-15), minimum interval 84 days from dose 1
		// (2025-02-12 + 84 days = 2025-05-07), the later; the varicella dose is valid, so the
		// 21-after-21 conflict ends 24 days after it (passed). Earliest recommended age 4 years
		// = 2028-01-15; past due 7 years + 28 days - 1 day = 2031-02-11.
		{name: "varicella 28 days after MMR", dob: "2024-01-15", assess: "2025-02-20", group: "Varicella",
			doses:  []string{"2025-01-15:03", "2025-02-12:21"},
			status: SeriesNotComplete, doseNo: "2", earliest: "2025-05-07", recommended: "2028-01-15", pastDue: "2031-02-11",
			doseStatus: []string{"", StatusValid}},
		// MMR after MMR: a valid dose 1 (2025-01-15) ends its conflict after 24 days, and a not
		// valid one after 28 (CALCDTCONFLICT-2). Dose 2 minimum interval 28 days, minimum age
		// 13 months: an MMR dose 2 on 2025-02-15 (31 days, 13 months) is valid; the series is
		// complete.
		{name: "MMR dose 2 at 13 months, 31 days after dose 1", dob: "2024-01-15", assess: "2025-03-01", group: "MMR",
			doses:  []string{"2025-01-15:03", "2025-02-15:03"},
			status: SeriesComplete, doseStatus: []string{StatusValid, StatusValid}},
		// A not valid MMR (12 months - 5 days, 2025-01-10) and another 27 days later
		// (2025-02-06): at least 12 months old, but the earlier dose is not valid, so the
		// conflict lasts 28 days, to 2025-02-07: not valid either. Dose 1 again, after the
		// second dose's own conflict: 2025-02-06 + 28 days = 2025-03-06.
		{name: "MMR 27 days after a not valid MMR", dob: "2024-01-15", assess: "2025-02-20", group: "MMR",
			doses:  []string{"2025-01-10:03", "2025-02-06:03"},
			status: SeriesNotComplete, doseNo: "1", earliest: "2025-03-06", recommended: "2025-03-06", pastDue: "2025-06-11",
			doseStatus: []string{StatusNotValid, StatusNotValid}},
		// The same 28 days later (2025-02-07), the conflict end date: valid, dose 1 satisfied.
		// Dose 2: minimum age 13 months (2025-02-15), minimum interval 28 days (2025-03-07),
		// the later; the 24 days of the valid dose's conflict end before. Earliest recommended
		// age 4 years (2028-01-15) and interval 3 years (2028-02-07): the age decides
		// (FORECASTDT-2); past due 7 years + 28 days - 1 day = 2031-02-11.
		{name: "MMR 28 days after a not valid MMR", dob: "2024-01-15", assess: "2025-02-20", group: "MMR",
			doses:  []string{"2025-01-10:03", "2025-02-07:03"},
			status: SeriesNotComplete, doseNo: "2", earliest: "2025-03-07", recommended: "2028-01-15", pastDue: "2031-02-11",
			doseStatus: []string{StatusNotValid, StatusValid}},
	})
}

// TestHealthyMaximumAge: table 7-10. The patient should receive another dose while the
// assessment date is before the maximum age date of the target dose (CALCDTAGE-1), and while the
// candidate earliest date is before it; otherwise the series is "Aged Out". The latest date is
// the maximum age date minus one day (FORECASTDT-4), so the day before the maximum age is still
// "Not Complete", and the day itself is "Aged Out".
func TestHealthyMaximumAge(t *testing.T) {
	runRiskCases(t, []riskCase{
		// Hib 4-dose series (default), no dose, maximum age 5 years: 2025-06-15. Dose 1:
		// 42 days = 2020-07-27, 2 months = 2020-08-15, 3 months + 28 days - 1 day = 2020-10-12.
		{name: "Hib, no dose, the day before 5 years", dob: "2020-06-15", assess: "2025-06-14", group: "Hib",
			status: SeriesNotComplete, doseNo: "1", earliest: "2020-07-27", recommended: "2020-08-15", pastDue: "2020-10-12"},
		{name: "Hib, no dose, at 5 years", dob: "2020-06-15", assess: "2025-06-15", group: "Hib",
			status: SeriesAgedOut},
		// Pneumococcal 4-dose series (default of series group 1), the same ages; the
		// 50-and-over series cannot start before 50 years.
		{name: "PCV, no dose, the day before 5 years", dob: "2020-06-15", assess: "2025-06-14", group: "Pneumococcal",
			status: SeriesNotComplete, doseNo: "1", earliest: "2020-07-27", recommended: "2020-08-15", pastDue: "2020-10-12"},
		{name: "PCV, no dose, at 5 years", dob: "2020-06-15", assess: "2025-06-15", group: "Pneumococcal",
			status: SeriesAgedOut},
		// Maximum age on a date that does not exist: born 29 Feb 2020, 5 years is 1 March 2025
		// (CALCDT-1, CALCDT-5): Not Complete on 28 February, Aged Out on 1 March.
		{name: "Hib, born 29 February, 28 February at 5", dob: "2020-02-29", assess: "2025-02-28", group: "Hib",
			status: SeriesNotComplete, doseNo: "1", earliest: "2020-04-11", recommended: "2020-04-29", pastDue: "2020-06-25"},
		{name: "Hib, born 29 February, 1 March at 5", dob: "2020-02-29", assess: "2025-03-01", group: "Hib",
			status: SeriesAgedOut},
		// MenACWY 2-dose series, no dose, at 21: dose 1 is skipped for the forecast (16 years or
		// older at the assessment date, 7.1), leaving dose 2: minimum and earliest recommended age
		// 16 years (2019-05-10), latest recommended 17 years + 28 days - 1 day = 2020-06-06,
		// maximum age 22 years (2025-05-10). No target dose is satisfied: dose number 1.
		{name: "MenACWY, no dose, the day before 22 years", dob: "2003-05-10", assess: "2025-05-09", group: "Meningococcal",
			status: SeriesNotComplete, doseNo: "1", earliest: "2019-05-10", recommended: "2019-05-10", pastDue: "2020-06-06"},
		{name: "MenACWY, no dose, at 22 years", dob: "2003-05-10", assess: "2025-05-10", group: "Meningococcal",
			status: SeriesAgedOut},
		// HPV 2-dose series (default, female), no dose: dose 1's maximum age is 46 years
		// (2026-03-01). 9 years = 1989-03-01, 11 years = 1991-03-01, 13 years + 28 days - 1 day
		// = 1993-03-28.
		{name: "HPV, no dose, the day before 46 years", dob: "1980-03-01", assess: "2026-02-28", group: "HPV",
			status: SeriesNotComplete, doseNo: "1", earliest: "1989-03-01", recommended: "1991-03-01", pastDue: "1993-03-28"},
		{name: "HPV, no dose, at 46 years", dob: "1980-03-01", assess: "2026-03-01", group: "HPV",
			status: SeriesAgedOut},
		// Rotavirus 3-dose series (default), no dose: dose 1's maximum age is 105 days
		// (2024-04-15). 42 days = 2024-02-12; 2 months = 2024-03-01; no latest recommended age,
		// so no past-due date (FORECASTDT-3).
		{name: "rotavirus, no dose, at 104 days", dob: "2024-01-01", assess: "2024-04-14", group: "Rotavirus",
			status: SeriesNotComplete, doseNo: "1", earliest: "2024-02-12", recommended: "2024-03-01"},
		{name: "rotavirus, no dose, at 105 days", dob: "2024-01-01", assess: "2024-04-15", group: "Rotavirus",
			status: SeriesAgedOut},
		// The candidate earliest date against the maximum age (last rule of table 7-10). A first
		// RotaTeq (116) dose after 15 weeks is valid only in the late-start 3-dose series (the
		// only scorable series, 8.1). Its dose 2: minimum interval 28 days, maximum age
		// 8 months + 1 day (2024-09-02). Dose 1 on 2024-08-04: earliest 2024-09-01, before the
		// maximum age: Not Complete; the earliest recommended age (4 months) and the past-due
		// date (5 months + 28 days - 1 day) are before the earliest date, so both are the
		// earliest date (FORECASTDT-5, -6).
		{name: "rotavirus dose 2 due the day before 8 months + 1 day", dob: "2024-01-01", assess: "2024-08-10", group: "Rotavirus",
			doses:  []string{"2024-08-04:116"},
			status: SeriesNotComplete, doseNo: "2", earliest: "2024-09-01", recommended: "2024-09-01", pastDue: "2024-09-01",
			doseStatus: []string{StatusValid}},
		// Dose 1 a day later, 2024-08-05: earliest 2024-09-02, the maximum age date: the
		// patient cannot finish the series, Aged Out, though the assessment date is before it.
		{name: "rotavirus dose 2 due at 8 months + 1 day", dob: "2024-01-01", assess: "2024-08-10", group: "Rotavirus",
			doses:  []string{"2024-08-05:116"},
			status: SeriesAgedOut, doseStatus: []string{StatusValid}},
	})
}
