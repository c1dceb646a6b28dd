package api

import (
	"encoding/csv"
	"fmt"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/mhac-clinic/mhac/clinic"
)

// flightClearanceJSON is the clearance against the flight: "expires before the flight" or "expires in
// N days", and whether a re-examination is offered.
type flightClearanceJSON struct {
	Kind      string  `json:"kind"` // unknown | valid | expires_before_flight | expired
	Until     *string `json:"until"`
	DaysLeft  *int    `json:"days_left"`
	Label     string  `json:"label"`
	Reexamine bool    `json:"reexamine"`
}

type flightPassengerJSON struct {
	memberStatusJSON
	CaseID     string              `json:"case_id"`
	CaseNumber string              `json:"case_number"`
	Fitness    string              `json:"fitness"` // fit | not_fit | pending
	AtRisk     bool                `json:"at_risk"`
	Clearance  flightClearanceJSON `json:"clearance"`
}

type flightBoardJSON struct {
	Flight     flightOut             `json:"flight"`
	Passengers []flightPassengerJSON `json:"passengers"`
}

var fitnessWords = map[clinic.Fitness]string{clinic.Fit: "fit", clinic.NotFit: "not fit", clinic.Pending: "pending"}

func clearanceLabel(cv clinic.ClearanceValidity) string {
	switch cv.Kind {
	case clinic.ClearanceBeforeFlight:
		return "expires before the flight"
	case clinic.ClearanceAlreadyExpiry:
		return "expired"
	case clinic.ClearanceValid:
		if cv.DaysLeft == 1 {
			return "expires in 1 day"
		}
		return fmt.Sprintf("expires in %d days", cv.DaysLeft)
	}
	return "not recorded"
}

func toFlightBoardJSON(fb clinic.FlightBoard) flightBoardJSON {
	fb.Flight.Passengers = nil
	out := flightBoardJSON{Flight: toFlightOut(fb.Flight), Passengers: []flightPassengerJSON{}}
	for _, p := range fb.Passengers {
		cj := flightClearanceJSON{Kind: string(p.Clearance.Kind), Until: dateString(p.Clearance.Until), Label: clearanceLabel(p.Clearance),
			Reexamine: p.Clearance.Reexamine}
		if p.Clearance.Until != nil {
			d := p.Clearance.DaysLeft
			cj.DaysLeft = &d
		}
		out.Passengers = append(out.Passengers, flightPassengerJSON{memberStatusJSON: toMemberStatusJSON(p.MemberStatus),
			CaseID: p.CaseID, CaseNumber: p.CaseNumber, Fitness: string(p.Fitness), AtRisk: p.AtRisk, Clearance: cj})
	}
	return out
}

func (s *Server) flightBoard(c *gin.Context) {
	fb, err := s.svc.FlightBoard(c.Request.Context(), actor(c), c.Param("flight"))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toFlightBoardJSON(fb))
}

// flightBoardCSV is the same list as a CSV file, one line per passenger, in the same order.
func (s *Server) flightBoardCSV(c *gin.Context) {
	fb, err := s.svc.FlightBoard(c.Request.Context(), actor(c), c.Param("flight"))
	if err != nil {
		fail(c, err)
		return
	}
	j := toFlightBoardJSON(fb)
	c.Header("Content-Type", "text/csv; charset=utf-8")
	c.Header("Content-Disposition", fmt.Sprintf(`attachment; filename="%s-%s-passengers.csv"`, safeName(j.Flight.Number), j.Flight.Date))
	w := csv.NewWriter(c.Writer)
	_ = w.Write([]string{"flight", "date", "case_number", "name", "fitness", "at_risk", "status", "missing", "by", "holds", "clearance", "valid_until", "reexamine"})
	for _, p := range j.Passengers {
		var holds []string
		for _, h := range p.Holds {
			label := h.Label
			if label == "" {
				label = h.Code
			}
			if h.Earliest != nil {
				label += " (" + *h.Earliest + ")"
			}
			holds = append(holds, label)
		}
		_ = w.Write([]string{j.Flight.Number, j.Flight.Date, p.CaseNumber, p.Name, fitnessWords[clinic.Fitness(p.Fitness)],
			yesNo(p.AtRisk), p.StatusLabel, strings.Join(p.MissingLabels, "; "), orBlank(p.By), strings.Join(holds, "; "),
			p.Clearance.Label, orBlank(p.Clearance.Until), yesNo(p.Clearance.Reexamine)})
	}
	w.Flush()
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func orBlank(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
