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
	Code     string  `json:"code"` // results_expected | check_before_departure | on_hold | exam_expires_before_departure
	Label    string  `json:"label"`
	Earliest *string `json:"earliest"`
}

type boardCaseJSON struct {
	caseHeadJSON
	Members []memberStatusJSON `json:"members"`
}

func (s *Server) board(c *gin.Context) {
	f, err := caseFilter(c)
	if err != nil {
		fail(c, err)
		return
	}
	page, err := s.svc.Board(c.Request.Context(), actor(c), f)
	if err != nil {
		fail(c, err)
		return
	}
	out := []boardCaseJSON{}
	for _, bc := range page.Items {
		b := boardCaseJSON{caseHeadJSON: toCaseHeadJSON(bc.Case), Members: []memberStatusJSON{}}
		for _, m := range bc.Members {
			mj := toMemberStatusJSON(m)
			b.Members = append(b.Members, mj)
		}
		out = append(out, b)
	}
	c.JSON(http.StatusOK, listOf(out, page.Next))
}

// toMemberStatusJSON is one person's status as the board and the flight page show it.
func toMemberStatusJSON(m clinic.MemberStatus) memberStatusJSON {
	mj := memberStatusJSON{ApplicantID: m.ApplicantID, Name: m.Name, Status: string(m.Status),
		StatusLabel: m.Status.Label(), Missing: nonNil(m.Missing), MissingLabels: []string{},
		By: dateString(m.By), ValidUntil: dateString(m.ValidUntil)}
	for _, st := range m.Missing {
		mj.MissingLabels = append(mj.MissingLabels, clinic.MissingLabel(st))
	}
	mj.Holds = []holdJSON{}
	for _, h := range m.Holds {
		mj.Holds = append(mj.Holds, holdJSON{Code: h.Code, Label: clinic.HoldLabel(h.Code), Earliest: dateString(h.Earliest)})
	}
	return mj
}
