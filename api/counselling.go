package api

import (
	"time"

	"github.com/gin-gonic/gin"

	"github.com/mhac-clinic/mhac/clinic"
)

type counsellingRequest struct {
	Version         int    `json:"version"`
	Topic           string `json:"topic"` // hiv | tb | syphilis | class_a
	Stage           string `json:"stage"` // pre_test | post_test
	Language        string `json:"language"`
	Interpreter     bool   `json:"interpreter"`
	ResultDisclosed bool   `json:"result_disclosed"`
	Referral        string `json:"referral"`
	Notes           string `json:"notes"`
}

type counsellingJSON struct {
	ID              string    `json:"id"`
	Topic           string    `json:"topic"`
	Stage           string    `json:"stage"`
	Label           string    `json:"label"`
	Language        string    `json:"language"`
	Interpreter     bool      `json:"interpreter"`
	ResultDisclosed bool      `json:"result_disclosed"`
	Referral        string    `json:"referral"`
	Notes           string    `json:"notes"`
	By              string    `json:"by"`
	At              time.Time `json:"at"`
}

func toCounsellingJSON(cs []clinic.Counselling) []counsellingJSON {
	out := []counsellingJSON{}
	for _, c := range cs {
		out = append(out, counsellingJSON{ID: c.ID, Topic: c.Topic, Stage: c.Stage, Label: clinic.CounsellingLabel(c), Language: c.Language,
			Interpreter: c.Interpreter, ResultDisclosed: c.ResultDisclosed, Referral: c.Referral, Notes: c.Notes, By: c.CounsellorName, At: c.At})
	}
	return out
}

// postCounselling records a counselling session at the examination.
func (s *Server) postCounselling(c *gin.Context) {
	var req counsellingRequest
	write(s, c, &req, &req.Version, func(v int) (clinic.Chart, error) {
		return s.svc.RecordCounselling(c.Request.Context(), actor(c), c.Param("id"), v, clinic.Counselling{Topic: req.Topic, Stage: req.Stage,
			Language: req.Language, Interpreter: req.Interpreter, ResultDisclosed: req.ResultDisclosed, Referral: req.Referral, Notes: req.Notes})
	})
}
