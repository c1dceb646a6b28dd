package api

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/mhac-clinic/mhac/clinic"
)

type mentalHealthRequest struct {
	Version          int    `json:"version"`
	Language         string `json:"language"` // en | fr | rw
	Interpreter      bool   `json:"interpreter"`
	Items            []int  `json:"items"`       // RHS-15 items 1–14, each 0–4
	Thermometer      int    `json:"thermometer"` // item 15, 0–10
	Assessment       string `json:"assessment"`
	Disorder         string `json:"disorder"` // the disorder the physician diagnoses; "" none
	HarmfulBehaviour bool   `json:"harmful_behaviour"`
	HarmfulDetails   string `json:"harmful_details"`
	Referral         string `json:"referral"`
}

type mentalHealthJSON struct {
	Instrument       string    `json:"instrument"`
	Language         string    `json:"language"`
	Interpreter      bool      `json:"interpreter"`
	Items            []int     `json:"items"`
	Thermometer      int       `json:"thermometer"`
	Score            int       `json:"score"`
	Positive         bool      `json:"positive"`
	Assessment       string    `json:"assessment"`
	Disorder         string    `json:"disorder"`
	HarmfulBehaviour bool      `json:"harmful_behaviour"`
	HarmfulDetails   string    `json:"harmful_details"`
	Referral         string    `json:"referral"`
	RecordedBy       string    `json:"recorded_by"`
	RecordedAt       time.Time `json:"recorded_at"`
}

func toMentalHealthJSON(m *clinic.MentalHealth) *mentalHealthJSON {
	if m == nil {
		return nil
	}
	return &mentalHealthJSON{Instrument: m.Instrument, Language: m.Language, Interpreter: m.Interpreter, Items: m.Items,
		Thermometer: m.Thermometer, Score: m.Score, Positive: m.Positive, Assessment: m.Assessment, Disorder: m.Disorder,
		HarmfulBehaviour: m.HarmfulBehaviour, HarmfulDetails: m.HarmfulDetails, Referral: m.Referral,
		RecordedBy: m.RecordedName, RecordedAt: m.RecordedAt}
}

func (s *Server) putMentalHealth(c *gin.Context) {
	var req mentalHealthRequest
	write(s, c, &req, &req.Version, func(v int) (clinic.Chart, error) {
		return s.svc.RecordMentalHealth(c.Request.Context(), actor(c), c.Param("id"), v, clinic.MentalHealth{
			Language: req.Language, Interpreter: req.Interpreter, Items: req.Items, Thermometer: req.Thermometer,
			Assessment: req.Assessment, Disorder: req.Disorder, HarmfulBehaviour: req.HarmfulBehaviour, HarmfulDetails: req.HarmfulDetails,
			Referral: req.Referral})
	})
}

// getScreen answers the RHS-15's definition: items in each language, scale, cut-offs, source.
func (s *Server) getScreen(c *gin.Context) {
	screen, err := s.svc.MentalHealthScreen(actor(c))
	if err != nil {
		fail(c, err)
		return
	}
	c.Header("Cache-Control", "private, max-age=3600")
	c.JSON(http.StatusOK, screen)
}
