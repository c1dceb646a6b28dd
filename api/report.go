package api

import (
	"encoding/csv"
	"fmt"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/pdf"
)

type countJSON struct {
	Key string `json:"key"`
	N   int    `json:"n"`
}

type spreadJSON struct {
	N      int      `json:"n"`
	Median *float64 `json:"median"` // null when nothing was counted
	P90    *float64 `json:"p90"`
}

type stationDayJSON struct {
	Station string `json:"station"`
	Day     string `json:"day"`
	N       int    `json:"n"`
}

// TBIndicatorsJSON is the monthly report as the API and `mhac report tb-indicators` give it.
// A null number is one the records cannot give yet (see not_recorded).
type TBIndicatorsJSON struct {
	Site            string           `json:"site"`
	Month           string           `json:"month"`
	Screened        int              `json:"screened"`
	ByAge           []countJSON      `json:"screened_by_age"`
	ByDestination   []countJSON      `json:"screened_by_destination"`
	CXR             int              `json:"cxr"`
	CXRSuggestive   int              `json:"cxr_suggestive"`
	SputumCollected int              `json:"sputum_collected"`
	SmearPositive   int              `json:"smear_positive"`
	CulturePositive int              `json:"culture_positive"`
	DrugResistant   int              `json:"drug_resistant"`
	TBDisease       int              `json:"tb_disease"`
	YieldPer100k    *float64         `json:"yield_per_100000"`
	ClassB          []countJSON      `json:"class_b"`
	CultureDays     spreadJSON       `json:"culture_days"`
	DOTCompleted    int              `json:"dot_completed"`
	Throughput      []stationDayJSON `json:"throughput"`
	SignoffHours    spreadJSON       `json:"turnaround_signoff_hours"`
	CXRHours        spreadJSON       `json:"turnaround_cxr_hours"`
	FormsIssued     []countJSON      `json:"forms_issued"`
	PECOutcomes     []countJSON      `json:"pec_outcomes"`
	NotRecorded     []string         `json:"not_recorded"`
}

// ToTBIndicatorsJSON is the report's wire form.
func ToTBIndicatorsJSON(r clinic.TBIndicators) TBIndicatorsJSON {
	counts := func(cs []clinic.Count) []countJSON {
		out := make([]countJSON, len(cs))
		for i, c := range cs {
			out[i] = countJSON{c.Key, c.N}
		}
		return out
	}
	spread := func(s clinic.Spread) spreadJSON { return spreadJSON{s.N, s.Median, s.P90} }
	j := TBIndicatorsJSON{Site: r.SiteCode, Month: r.Month, Screened: r.Screened, ByAge: counts(r.ByAge),
		ByDestination: counts(r.ByDestination), CXR: r.CXR, CXRSuggestive: r.CXRSuggestive, SputumCollected: r.SputumCollected,
		SmearPositive: r.SmearPositive, CulturePositive: r.CulturePositive, DrugResistant: r.DrugResistant, TBDisease: r.TBDisease,
		YieldPer100k: r.YieldPer100k, ClassB: counts(r.ClassB), CultureDays: spread(r.CultureDays), DOTCompleted: r.DOTCompleted,
		Throughput: make([]stationDayJSON, len(r.Throughput)), SignoffHours: spread(r.SignoffHours), CXRHours: spread(r.CXRReportHours),
		FormsIssued: counts(r.FormsIssued), PECOutcomes: counts(r.PECOutcomes), NotRecorded: nonNil(r.NotRecorded)}
	for i, d := range r.Throughput {
		j.Throughput[i] = stationDayJSON{d.Station, d.Day.Format(time.DateOnly), d.N}
	}
	return j
}

// WriteTBIndicatorsCSV writes the report as CSV: indicator, key, value.
func WriteTBIndicatorsCSV(w *csv.Writer, r clinic.TBIndicators) error {
	if err := w.Write([]string{"indicator", "key", "value"}); err != nil {
		return err
	}
	if err := w.WriteAll(r.Rows()); err != nil {
		return err
	}
	return w.Error()
}

func (s *Server) report(c *gin.Context) (clinic.TBIndicators, bool) {
	r, err := s.svc.TBIndicators(c.Request.Context(), actor(c), c.Query("site"), c.Query("month"))
	if err != nil {
		fail(c, err)
		return r, false
	}
	return r, true
}

func (s *Server) tbIndicators(c *gin.Context) {
	if r, ok := s.report(c); ok {
		c.JSON(http.StatusOK, ToTBIndicatorsJSON(r))
	}
}

func (s *Server) tbIndicatorsCSV(c *gin.Context) {
	r, ok := s.report(c)
	if !ok {
		return
	}
	c.Header("Content-Type", "text/csv; charset=utf-8")
	c.Header("Content-Disposition", fmt.Sprintf(`attachment; filename="tb-indicators-%s-%s.csv"`, safeName(r.SiteCode), r.Month))
	_ = WriteTBIndicatorsCSV(csv.NewWriter(c.Writer), r)
}

func (s *Server) tbIndicatorsPDF(c *gin.Context) {
	r, ok := s.report(c)
	if !ok {
		return
	}
	doc, err := pdf.TBIndicatorsReport(r, time.Now().UTC())
	if err != nil {
		fail(c, clinic.Internal(err, "draw the report"))
		return
	}
	c.Header("Content-Disposition", fmt.Sprintf(`attachment; filename="tb-indicators-%s-%s.pdf"`, safeName(r.SiteCode), r.Month))
	c.Header("Cache-Control", "private, no-store")
	c.Data(http.StatusOK, "application/pdf", doc)
}
