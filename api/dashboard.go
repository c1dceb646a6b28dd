package api

import (
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/mhac-clinic/mhac/clinic"
)

type stationQueueJSON struct {
	Station       string   `json:"station"`
	Waiting       int      `json:"waiting"`
	LongestMin    *float64 `json:"longest_minutes"` // null when nobody waits
	MedianWaitMin *float64 `json:"median_minutes"`
}

type notYetFitJSON struct {
	ApplicantID string `json:"applicant_id"`
	CaseID      string `json:"case_id"`
	CaseNumber  string `json:"case_number"`
	Name        string `json:"name"`
	State       string `json:"state"`
}

type flightReadinessJSON struct {
	ID         string          `json:"id"`
	Number     string          `json:"number"`
	Date       string          `json:"date"`
	Passengers int             `json:"passengers"`
	NotYetFit  []notYetFitJSON `json:"not_yet_fit"`
}

// alertJSON is one thing on the dashboard someone must act on.
type alertJSON struct {
	Kind         string     `json:"kind"` // critical_result | identity_mismatch | form_failed | culture_overdue | pec_window
	AssessmentID string     `json:"assessment_id"`
	CaseNumber   string     `json:"case_number"`
	Name         string     `json:"name"`
	What         string     `json:"what"`
	Since        time.Time  `json:"since"`
	Due          *time.Time `json:"due"` // null for a critical item
}

type dashboardJSON struct {
	At          time.Time             `json:"at"`
	Queues      []stationQueueJSON    `json:"queues"`
	Critical    []alertJSON           `json:"critical"`
	Overdue     []alertJSON           `json:"overdue"`
	Flights     []flightReadinessJSON `json:"flights"`
	NotRecorded []string              `json:"not_recorded"`
}

func toAlertsJSON(as []clinic.Alert) []alertJSON {
	out := make([]alertJSON, 0, len(as))
	for _, a := range as {
		out = append(out, alertJSON{Kind: a.Kind, AssessmentID: a.AssessmentID, CaseNumber: a.CaseNumber,
			Name: strings.ToUpper(a.Surnames) + ", " + a.GivenNames, What: a.What, Since: a.Since, Due: a.Due})
	}
	return out
}

func (s *Server) dashboard(c *gin.Context) {
	d, err := s.svc.Dashboard(c.Request.Context(), actor(c))
	if err != nil {
		fail(c, err)
		return
	}
	out := dashboardJSON{At: d.At, Queues: []stationQueueJSON{}, Critical: toAlertsJSON(d.Critical), Overdue: toAlertsJSON(d.Overdue),
		Flights: []flightReadinessJSON{}, NotRecorded: nonNil(d.NotRecorded)}
	for _, q := range d.Queues {
		out.Queues = append(out.Queues, stationQueueJSON{Station: string(q.Station), Waiting: q.Waiting, LongestMin: q.LongestMin, MedianWaitMin: q.MedianWaitMin})
	}
	for _, f := range d.Flights {
		fj := flightReadinessJSON{ID: f.Flight.ID, Number: f.Flight.Number, Date: f.Flight.Date.Format(time.DateOnly), Passengers: f.Passengers,
			NotYetFit: []notYetFitJSON{}}
		for _, p := range f.NotYetFit {
			fj.NotYetFit = append(fj.NotYetFit, notYetFitJSON{ApplicantID: p.ApplicantID, CaseID: p.CaseID, CaseNumber: p.CaseNumber,
				Name: strings.ToUpper(p.Surnames) + ", " + p.GivenNames, State: string(p.State)})
		}
		out.Flights = append(out.Flights, fj)
	}
	c.JSON(http.StatusOK, out)
}
