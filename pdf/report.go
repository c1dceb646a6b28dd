package pdf

import (
	"bytes"
	"fmt"
	"strconv"
	"time"

	"github.com/jung-kurt/gofpdf"

	"github.com/mhac-clinic/mhac/clinic"
)

// TBIndicatorsReport draws the monthly TB indicators as a printable A4 page (or more): the
// indicator table, then throughput per station and day. It prints what the report holds; a
// number the records cannot give says "not recorded". The report is not a signed form.
func TBIndicatorsReport(r clinic.TBIndicators, printed time.Time) (out []byte, err error) {
	defer func() {
		if x := recover(); x != nil {
			out, err = nil, fmt.Errorf("pdf: drawing the report failed: %v", x)
		}
	}()
	p := gofpdf.New("P", "mm", "A4", "")
	p.SetCreationDate(printed)
	p.SetModificationDate(printed)
	p.SetTitle("TB indicators "+r.SiteCode+" "+r.Month, true)
	p.SetCreator("MHAC clinic system", true)
	tr := p.UnicodeTranslatorFromDescriptor("")
	p.SetMargins(15, 15, 15)
	p.SetAutoPageBreak(true, 15)
	p.SetFooterFunc(func() {
		p.SetY(-12)
		p.SetFont("Helvetica", "", 7)
		p.CellFormat(0, 4, tr(fmt.Sprintf("Site %s, %s. Counted from the records; printed %s UTC. Page %d",
			r.SiteCode, r.Month, printed.Format("2006-01-02 15:04"), p.PageNo())), "", 0, "C", false, 0, "")
	})
	p.AddPage()
	p.SetFont("Helvetica", "B", 14)
	p.CellFormat(0, 8, tr("Monthly TB indicators: site "+r.SiteCode+", "+r.Month), "", 1, "L", false, 0, "")
	p.SetFont("Helvetica", "", 8)
	p.MultiCell(0, 4, tr("After the CDC TB technical instructions' indicator table. The cohort is the assessments whose exam date falls in the month; work done (throughput, turnaround, forms, pre-embarkation checks) is counted by its time in the site's time zone."), "", "L", false)
	p.Ln(2)
	head := func(title string) {
		p.Ln(2)
		p.SetFont("Helvetica", "B", 10)
		p.SetFillColor(225, 228, 232)
		p.CellFormat(0, 6, tr(title), "", 1, "L", true, 0, "")
		p.SetFont("Helvetica", "", 9)
	}
	line := func(label, value string) {
		p.CellFormat(120, 5.5, tr(label), "B", 0, "L", false, 0, "")
		p.CellFormat(0, 5.5, tr(value), "B", 1, "R", false, 0, "")
	}
	head("TB indicators")
	line("People screened", strconv.Itoa(r.Screened))
	for _, c := range r.ByAge {
		line("  aged "+ageLabel(c.Key), strconv.Itoa(c.N))
	}
	for _, c := range r.ByDestination {
		line("  bound for "+c.Key, strconv.Itoa(c.N))
	}
	line("Chest X-rays", strconv.Itoa(r.CXR))
	line("Chest X-rays suggestive of TB", strconv.Itoa(r.CXRSuggestive))
	line("Sputum collected", strconv.Itoa(r.SputumCollected))
	line("Smear-positive", strconv.Itoa(r.SmearPositive))
	line("Culture-positive", strconv.Itoa(r.CulturePositive))
	line("Drug-resistant", strconv.Itoa(r.DrugResistant))
	line("TB disease diagnosed", strconv.Itoa(r.TBDisease))
	line("Yield per 100,000 screened", optNum(r.YieldPer100k))
	for _, c := range r.ClassB {
		line("Class B: "+outcomeLabel(c.Key), strconv.Itoa(c.N))
	}
	line("Days to culture result: median / 90th percentile (n)", spreadText(r.CultureDays))
	line("DOT completed", strconv.Itoa(r.DOTCompleted))
	head("Turnaround, forms and pre-embarkation checks")
	line("Registration to sign-off, hours: median / 90th percentile (n)", spreadText(r.SignoffHours))
	line("Chest X-ray order to final report, hours: median / 90th percentile (n)", spreadText(r.CXRReportHours))
	for _, c := range r.FormsIssued {
		line("Forms issued: "+c.Key, strconv.Itoa(c.N))
	}
	for _, c := range r.PECOutcomes {
		line("Pre-embarkation checks: "+clinic.PECOutcome(c.Key).Label(), strconv.Itoa(c.N))
	}
	head("Throughput: assessments per station per day")
	if len(r.Throughput) == 0 {
		line("No work recorded in the month", "")
	}
	for _, d := range r.Throughput {
		line(d.Day.Format("2006-01-02")+"  "+d.Station, strconv.Itoa(d.N))
	}
	if len(r.NotRecorded) > 0 {
		head("Not recorded")
		for _, n := range r.NotRecorded {
			p.MultiCell(0, 4.5, tr("- "+n), "", "L", false)
		}
	}
	if err := p.Error(); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := p.Output(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func ageLabel(key string) string {
	switch key {
	case "under_2":
		return "under 2"
	case "2_14":
		return "2 to 14"
	case "15_plus":
		return "15 and over"
	}
	return key
}

func optNum(f *float64) string {
	if f == nil {
		return "not recorded"
	}
	return strconv.FormatFloat(*f, 'f', 1, 64)
}

func spreadText(s clinic.Spread) string {
	if s.N == 0 {
		return "none (0)"
	}
	return fmt.Sprintf("%s / %s (%d)", optNum(s.Median), optNum(s.P90), s.N)
}
