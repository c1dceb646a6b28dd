package clinic

import (
	"context"
	"strconv"
	"strings"
	"time"
)

// TBIndicators is one site's monthly TB indicators (after the CDC TB technical instructions'
// indicator table) with the clinic's own throughput, turnaround, forms and PEC outcomes. Every
// number is counted from the records by the ReportStore; an indicator the records cannot give
// yet is nil and named in NotRecorded, never guessed.
type TBIndicators struct {
	SiteCode string
	Month    string    // YYYY-MM
	From, To time.Time // the month's first day and the next month's first day (dates)

	// The cohort: assessments whose exam date falls in the month.
	Screened        int
	ByAge           []Count // under 2, 2–14, 15 and over (age at the exam date)
	ByDestination   []Count
	CXR             int // a chest X-ray study is final (or a chest X-ray result is typed)
	CXRSuggestive   int // its final reading is suggestive of TB
	SputumCollected int // a sputum specimen is collected (or a smear or culture result is typed)
	SmearPositive   int
	CulturePositive int
	DrugResistant   int // the drug-susceptibility test finds resistance
	TBDisease       int // culture-positive, or classified Class A TB or Class B0 TB
	YieldPer100k    *float64
	ClassB          []Count // by outcome code
	// CultureDays is days from the first culture specimen's collection to the last culture read
	// (for cultures typed on the chart: from the record with results pending to the one with none).
	CultureDays  Spread
	DOTCompleted int // the site's DOT courses completed in the month

	// Work done in the month, in the site's time zone.
	Throughput     []StationDay
	SignoffHours   Spread // registration (queued) → sign-off, for sign-offs in the month
	CXRReportHours Spread // chest X-ray order → final report, for studies made final in the month
	FormsIssued    []Count
	PECOutcomes    []Count
	NotRecorded    []string
}

// Count is one labelled count.
type Count struct {
	Key string
	N   int
}

// StationDay is how many assessments a station handled on one day.
type StationDay struct {
	Station string // registration | nurse | lab | radiology | physician | pec
	Day     time.Time
	N       int
}

// Spread is a distribution's size, median and 90th percentile; nil when there is nothing.
type Spread struct {
	N      int
	Median *float64
	P90    *float64
}

// ReportQuery is the site and month a report counts.
type ReportQuery struct {
	SiteID   string
	From, To time.Time // dates: [From, To)
	Zone     *time.Location
}

// ReportStore counts the report's numbers from the records.
type ReportStore interface {
	TBIndicators(ctx context.Context, q ReportQuery) (TBIndicators, error)
	DashboardStore
}

// ParseMonth reads YYYY-MM as the month's first day and the next month's first day.
func ParseMonth(s string) (from, to time.Time, ok bool) {
	t, err := time.Parse("2006-01", strings.TrimSpace(s))
	if err != nil {
		return time.Time{}, time.Time{}, false
	}
	return t, t.AddDate(0, 1, 0), true
}

// TBIndicators counts one site's monthly TB indicators. A user sees their own site; an
// administrator may name any site (siteCode "" is their own). Each report is audited.
//
// Errors: forbidden (another site's report for a user who is not an administrator), validation
// (the month is not YYYY-MM), not_found (no such site).
func (s *Service) TBIndicators(ctx context.Context, a Actor, siteCode, month string) (TBIndicators, error) {
	if err := a.May(PermReadReports); err != nil {
		return TBIndicators{}, err
	}
	from, to, ok := ParseMonth(month)
	if !ok {
		return TBIndicators{}, (&Problems{{Field: "month", Code: "invalid", Message: "Give the month as YYYY-MM, e.g. 2026-11."}}).Err()
	}
	siteCode = strings.ToUpper(strings.TrimSpace(siteCode))
	if siteCode == "" {
		siteCode = a.SiteCode
	}
	if siteCode != a.SiteCode && a.Role != RoleAdmin {
		return TBIndicators{}, Errorf(EForbidden, "Your role (%s) may see the reports of its own site only.", a.Role)
	}
	var out TBIndicators
	var siteID string
	err := s.readLagging(ctx, func(tx Tx) error {
		site, err := tx.SiteByCode(ctx, siteCode)
		if err != nil {
			return err
		}
		out, err = tx.TBIndicators(ctx, ReportQuery{SiteID: site.ID, From: from, To: to, Zone: site.Location()})
		if err != nil {
			return err
		}
		out.SiteCode, out.Month, out.From, out.To = site.Code, from.Format("2006-01"), from, to
		if out.Screened > 0 {
			y := float64(out.TBDisease) * 100000 / float64(out.Screened)
			out.YieldPer100k = &y
		}
		out.NotRecorded = notRecordedIndicators(out)
		siteID = site.ID
		return nil
	}, func() AuditEntry { return s.audit(a, "report.tb_indicators", "site", siteID) })
	return out, err
}

func notRecordedIndicators(r TBIndicators) []string {
	out := []string{}
	if r.CXR > r.CXRReportHours.N {
		out = append(out, "X-ray order to final report: chest X-ray results typed on the chart, without an X-ray study, carry no order time and are left out of the turnaround")
	}
	return out
}

// Rows are the report as a table (indicator, key, value), the CSV's lines after its heading. A
// value the records cannot give is "not recorded".
func (r TBIndicators) Rows() [][]string {
	rows := [][]string{{"site", "", r.SiteCode}, {"month", "", r.Month}, {"screened", "", itoa(r.Screened)}}
	counts := func(name string, cs []Count) {
		for _, c := range cs {
			rows = append(rows, []string{name, c.Key, itoa(c.N)})
		}
	}
	spread := func(name string, s Spread) {
		rows = append(rows, []string{name, "n", itoa(s.N)}, []string{name, "median", fmtOpt(s.Median)}, []string{name, "p90", fmtOpt(s.P90)})
	}
	counts("screened_by_age", r.ByAge)
	counts("screened_by_destination", r.ByDestination)
	for _, x := range []struct {
		name string
		n    int
	}{{"cxr", r.CXR}, {"cxr_suggestive", r.CXRSuggestive}, {"sputum_collected", r.SputumCollected},
		{"smear_positive", r.SmearPositive}, {"culture_positive", r.CulturePositive}} {
		rows = append(rows, []string{x.name, "", itoa(x.n)})
	}
	rows = append(rows, []string{"drug_resistant", "", itoa(r.DrugResistant)})
	rows = append(rows, []string{"tb_disease", "", itoa(r.TBDisease)}, []string{"yield_per_100000", "", fmtOpt(r.YieldPer100k)})
	counts("class_b", r.ClassB)
	spread("culture_days", r.CultureDays)
	rows = append(rows, []string{"dot_completed", "", itoa(r.DOTCompleted)})
	for _, d := range r.Throughput {
		rows = append(rows, []string{"throughput", d.Station + " " + d.Day.Format(time.DateOnly), itoa(d.N)})
	}
	spread("turnaround_signoff_hours", r.SignoffHours)
	spread("turnaround_cxr_hours", r.CXRReportHours)
	counts("forms_issued", r.FormsIssued)
	counts("pec_outcome", r.PECOutcomes)
	return rows
}

func itoa(n int) string { return strconv.Itoa(n) }

func fmtOpt(f *float64) string {
	if f == nil {
		return "not recorded"
	}
	return strconv.FormatFloat(*f, 'f', 1, 64)
}
