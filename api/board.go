package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/mhac-clinic/mhac/clinic"
)

type memberStatusJSON struct {
	ApplicantID   string     `json:"applicant_id"`
	Name          string     `json:"name"`
	Status        string     `json:"status"`
	StatusLabel   string     `json:"status_label"`
	Missing       []string   `json:"missing"`
	MissingLabels []string   `json:"missing_labels"`
	By            *string    `json:"by"`
	ValidUntil    *string    `json:"valid_until"`
	Holds         []holdJSON `json:"holds"`
}

// holdJSON is one thing that stops travel, without clinical detail.
type holdJSON struct {
	Code     string  `json:"code"` // culture_pending | outcome_holds_travel | departure_check | exam_expires_before_departure
	Step     string  `json:"step,omitempty"`
	Check    string  `json:"check,omitempty"`
	Label    string  `json:"label"`
	Earliest *string `json:"earliest"`
}

type boardCaseJSON struct {
	caseHeadJSON
	Members []memberStatusJSON `json:"members"`
}

type boardResponse struct {
	Cases []boardCaseJSON `json:"cases"`
}

func (s *Server) board(c *gin.Context) {
	cases, err := s.svc.Board(c.Request.Context(), actor(c), clinic.CaseFilter{Query: c.Query("q"), Flight: c.Query("flight")})
	if err != nil {
		fail(c, err)
		return
	}
	out := boardResponse{Cases: []boardCaseJSON{}}
	for _, bc := range cases {
		b := boardCaseJSON{caseHeadJSON: toCaseHeadJSON(bc.Case), Members: []memberStatusJSON{}}
		for _, m := range bc.Members {
			mj := memberStatusJSON{ApplicantID: m.ApplicantID, Name: m.Name, Status: string(m.Status),
				StatusLabel: m.Status.Label(), Missing: nonNil(m.Missing), MissingLabels: []string{},
				By: dateString(m.By), ValidUntil: dateString(m.ValidUntil)}
			for _, st := range m.Missing {
				mj.MissingLabels = append(mj.MissingLabels, clinic.MissingLabel(st))
			}
			mj.Holds = []holdJSON{}
			for _, h := range m.Holds {
				mj.Holds = append(mj.Holds, holdJSON{Code: h.Code, Step: h.Step, Check: h.Check,
					Label: clinic.StepLabel(h.Step + h.Check), Earliest: dateString(h.Earliest)})
			}
			b.Members = append(b.Members, mj)
		}
		out.Cases = append(out.Cases, b)
	}
	c.JSON(http.StatusOK, out)
}
