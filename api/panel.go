package api

import (
	"archive/zip"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/mhac-clinic/mhac/clinic"
)

type panelApplicantJSON struct {
	ApplicantID   string     `json:"applicant_id"`
	AssessmentID  string     `json:"assessment_id"` // of the latest form: its FHIR document and package
	Name          string     `json:"name"`
	BirthDate     string     `json:"birth_date"`
	Estimated     bool       `json:"birth_date_estimated"`
	Sex           string     `json:"sex"`
	CaseNumber    string     `json:"case_number"`
	Program       string     `json:"program"`
	FlightNumber  string     `json:"flight_number"`
	DepartureDate *string    `json:"departure_date"`
	State         string     `json:"state"`
	Forms         []formJSON `json:"forms"`
	// Incomplete is true when the examination was signed with required steps not done; NotDone
	// names them with the physician's reasons.
	Incomplete bool               `json:"incomplete"`
	NotDone    []deferredStepJSON `json:"not_done"`
	// ConsentMissing: the person has no standing consent to share results with the panel's
	// country; no form is listed or downloadable.
	ConsentMissing bool `json:"consent_missing"`
}

// panelResponse is one page of the list: Next is the cursor of the next page (?cursor=), absent
// at the end.
type panelResponse = listJSON[panelApplicantJSON]

func (s *Server) panelApplicants(c *gin.Context) {
	var p clinic.Problems
	f := clinic.PanelFilter{Flight: c.Query("flight")}
	if d := dateField(&p, "from", c.Query("from")); !d.IsZero() {
		f.From = &d
	}
	if d := dateField(&p, "to", c.Query("to")); !d.IsZero() {
		f.To = &d
	}
	if v := c.Query("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > clinic.PanelPageMax {
			p.Add("limit", "out_of_range", fmt.Sprintf("Ask for 1 to %d cases a page.", clinic.PanelPageMax))
		}
		f.Limit = n
	}
	if err := p.Err(); err != nil {
		fail(c, err)
		return
	}
	if v := c.Query("cursor"); v != "" {
		k, err := clinic.ParsePanelCursor(v)
		if err != nil {
			fail(c, err)
			return
		}
		f.After = k
	}
	page, err := s.svc.PanelApplicants(c.Request.Context(), actor(c), f)
	if err != nil {
		fail(c, err)
		return
	}
	out := panelResponse{Items: []panelApplicantJSON{}}
	out.Next = page.Next
	for _, r := range page.Rows {
		pj := panelApplicantJSON{ApplicantID: r.ApplicantID, Name: r.Name, BirthDate: r.BirthDate.Format(time.DateOnly),
			Estimated: r.Estimated, Sex: r.Sex, CaseNumber: r.CaseNumber, Program: r.Program, FlightNumber: r.FlightNumber,
			DepartureDate: dateString(r.DepartureDate), State: string(r.State), Forms: []formJSON{},
			Incomplete: len(r.NotDone) > 0, NotDone: []deferredStepJSON{}, ConsentMissing: r.ConsentMissing}
		for _, d := range r.NotDone {
			pj.NotDone = append(pj.NotDone, deferredStepJSON{Step: d.Step, Label: d.Label, Reason: d.Reason, Rule: d.Rule,
				HoldsTravel: d.HoldsTravel, Then: d.Then})
		}
		for _, fm := range r.Forms {
			pj.Forms = append(pj.Forms, s.toFormJSON(fm))
			pj.AssessmentID = fm.AssessmentID
		}
		out.Items = append(out.Items, pj)
	}
	c.JSON(http.StatusOK, out)
}

// flightZip answers a ZIP of every current form of one flight's applicants bound for the
// panel's country (?new=1: only those issued since the user's last download of the flight). The
// ZIP is written to the response as each form is read, so it is never whole in memory; an error
// after the first form can only cut the response short.
func (s *Server) flightZip(c *gin.Context) {
	flight := strings.ToUpper(c.Param("flight"))
	onlyNew, ok := newParam(c)
	if !ok {
		return
	}
	streamZip(c, safeName(flight)+"-forms.zip", func(each func(clinic.Form, clinic.PanelRow, []byte) error) error {
		_, err := s.svc.FlightForms(c.Request.Context(), actor(c), flight, onlyNew, each)
		return err
	})
}

// rangeZip is every current form of the panel's applicants departing in ?from=&to= (dates,
// both included), as one ZIP; ?new=1 for those new since the last download of the same range.
func (s *Server) rangeZip(c *gin.Context) {
	var p clinic.Problems
	from := dateField(&p, "from", c.Query("from"))
	to := dateField(&p, "to", c.Query("to"))
	if c.Query("from") == "" {
		p.Add("from", "required", "Give the first departure date (YYYY-MM-DD).")
	}
	if c.Query("to") == "" {
		p.Add("to", "required", "Give the last departure date (YYYY-MM-DD).")
	}
	if err := p.Err(); err != nil {
		fail(c, err)
		return
	}
	onlyNew, ok := newParam(c)
	if !ok {
		return
	}
	name := "departures-" + from.Format(time.DateOnly) + "-" + to.Format(time.DateOnly) + "-forms.zip"
	streamZip(c, name, func(each func(clinic.Form, clinic.PanelRow, []byte) error) error {
		_, err := s.svc.RangeForms(c.Request.Context(), actor(c), from, to, onlyNew, each)
		return err
	})
}

// newParam reads ?new=1|0; on anything else it answers 422 and says false.
func newParam(c *gin.Context) (onlyNew, ok bool) {
	switch c.Query("new") {
	case "", "0", "false":
		return false, true
	case "1", "true":
		return true, true
	}
	fail(c, (&clinic.Problems{{Field: "new", Code: "not_allowed", Message: "new is 1 (only forms new since your last download) or 0."}}).Err())
	return false, false
}

// streamZip writes the forms run hands over into a ZIP as they come (no whole ZIP in memory).
// An error before the first form is a problem answer; after it, the client sees a cut ZIP and
// the log the cause.
func streamZip(c *gin.Context, name string, run func(each func(clinic.Form, clinic.PanelRow, []byte) error) error) {
	var zw *zip.Writer
	start := func() {
		c.Header("Content-Type", "application/zip")
		c.Header("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"`, name))
		c.Header("Cache-Control", "private, no-store")
		c.Status(http.StatusOK)
		zw = zip.NewWriter(c.Writer)
	}
	err := run(func(f clinic.Form, r clinic.PanelRow, pdf []byte) error {
		if zw == nil {
			start()
		}
		w, err := zw.Create(safeName(r.CaseNumber+"_"+r.Name) + "_" + formFileName(f))
		if err == nil {
			_, err = w.Write(pdf)
		}
		return err
	})
	switch {
	case err != nil && zw == nil:
		fail(c, err)
	case err != nil:
		_ = c.Error(err)
	default:
		if zw == nil {
			start() // nothing (new) to send: an empty ZIP
		}
		if err := zw.Close(); err != nil {
			_ = c.Error(err)
		}
	}
}

func safeName(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-':
			return r
		}
		return '_'
	}, s)
}
