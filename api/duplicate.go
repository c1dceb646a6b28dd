package api

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/mhac-clinic/mhac/clinic"
)

// duplicateChoiceJSON is the registrar's decision on the possible duplicates of one new member.
type duplicateChoiceJSON struct {
	Member   int    `json:"member"`   // index in members
	Decision string `json:"decision"` // same_person | different_person
	OtherID  string `json:"other_id"` // same_person: the person it is
	Reason   string `json:"reason"`   // different_person: why
}

// duplicateJSON is a registered person who may be the person being registered; the photo is
// GET /api/applicants/{id}/photo when has_photo.
type duplicateJSON struct {
	ID                 string  `json:"id"`
	Surnames           string  `json:"surnames"`
	GivenNames         string  `json:"given_names"`
	BirthDate          string  `json:"birth_date"`
	BirthDateEstimated bool    `json:"birth_date_estimated"`
	Sex                string  `json:"sex"`
	DocumentType       string  `json:"document_type"`
	DocumentNumber     string  `json:"document_number"`
	CaseNumber         string  `json:"case_number"`
	Match              string  `json:"match"` // same_document | similar_name
	Similarity         float64 `json:"similarity"`
	HasPhoto           bool    `json:"has_photo"`
}

func duplicateChoices(p *clinic.Problems, in []duplicateChoiceJSON, members int) map[int]clinic.DuplicateChoice {
	if len(in) == 0 {
		return nil
	}
	out := map[int]clinic.DuplicateChoice{}
	for i, d := range in {
		f := fmt.Sprintf("duplicates[%d].member", i)
		if d.Member < 0 || d.Member >= members {
			p.Add(f, "not_allowed", "Name a member of this case by its index.")
			continue
		}
		if _, dup := out[d.Member]; dup {
			p.Add(f, "duplicate", "One decision per member.")
			continue
		}
		out[d.Member] = clinic.DuplicateChoice{Decision: d.Decision, OtherID: d.OtherID, Reason: d.Reason}
	}
	return out
}

// findDuplicates lists the registered people who may be the person being registered.
func (s *Server) findDuplicates(c *gin.Context) {
	var p clinic.Problems
	q := clinic.DuplicateQuery{Surnames: c.Query("surnames"), GivenNames: c.Query("given_names"), DocumentNumber: c.Query("document_number")}
	if b := strings.TrimSpace(c.Query("birth_date")); b != "" {
		q.BirthDate = dateField(&p, "birth_date", b)
	}
	if err := p.Err(); err != nil {
		fail(c, err)
		return
	}
	found, err := s.svc.FindDuplicates(c.Request.Context(), actor(c), q)
	if err != nil {
		fail(c, err)
		return
	}
	out := []duplicateJSON{}
	for _, d := range found {
		a := d.Person
		out = append(out, duplicateJSON{ID: a.ID, Surnames: a.Surnames, GivenNames: a.GivenNames, BirthDate: a.BirthDate.Format(time.DateOnly),
			BirthDateEstimated: a.BirthDateEstimated, Sex: a.Sex, DocumentType: a.DocumentType, DocumentNumber: a.DocumentNumber,
			CaseNumber: d.CaseNumber, Match: d.Match, Similarity: d.Similarity, HasPhoto: d.HasPhoto})
	}
	c.JSON(http.StatusOK, listOf(out, ""))
}
