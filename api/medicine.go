package api

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/mhac-clinic/mhac/clinic"
)

type batchRequest struct {
	Drug         string  `json:"drug"` // a drug code, or "vaccine" for a vaccine lot
	CVX          string  `json:"cvx"`  // a vaccine lot: the vaccine's CVX code
	MVX          string  `json:"mvx"`  // a vaccine lot: the manufacturer's MVX code
	Lot          string  `json:"lot"`
	Strength     float64 `json:"strength"`      // drug in one unit, e.g. 400
	StrengthUnit string  `json:"strength_unit"` // mg | tablet
	Form         string  `json:"form"`          // tablet | chewable_tablet | suspension
	ExpiresOn    string  `json:"expires_on"`    // YYYY-MM-DD
	Received     float64 `json:"received"`      // units received
}

type batchJSON struct {
	ID           string    `json:"id"`
	Drug         string    `json:"drug"`
	CVX          string    `json:"cvx"`
	MVX          string    `json:"mvx"`
	Lot          string    `json:"lot"`
	Strength     float64   `json:"strength"`
	StrengthUnit string    `json:"strength_unit"`
	Form         string    `json:"form"`
	ExpiresOn    string    `json:"expires_on"`
	Received     float64   `json:"received"`
	Remaining    float64   `json:"remaining"`
	ReceivedBy   string    `json:"received_by"`
	ReceivedAt   time.Time `json:"received_at"`
}

type batchesResponse = listJSON[batchJSON]

func toBatchJSON(b clinic.MedicineBatch) batchJSON {
	return batchJSON{ID: b.ID, Drug: b.Drug, CVX: b.CVX, MVX: b.MVX, Lot: b.Lot, Strength: b.Strength, StrengthUnit: b.StrengthUnit, Form: b.Form,
		ExpiresOn: b.ExpiresOn.Format(time.DateOnly), Received: b.Received, Remaining: b.Remaining,
		ReceivedBy: b.ReceivedName, ReceivedAt: b.ReceivedAt}
}

func (s *Server) postBatch(c *gin.Context) {
	var req batchRequest
	if err := bindJSON(c, &req); err != nil {
		fail(c, err)
		return
	}
	var p clinic.Problems
	expires := dateField(&p, "expires_on", req.ExpiresOn)
	if err := p.Err(); err != nil {
		fail(c, err)
		return
	}
	b, err := s.svc.ReceiveBatch(c.Request.Context(), actor(c), clinic.MedicineBatch{Drug: req.Drug, CVX: req.CVX, MVX: req.MVX, Lot: req.Lot,
		Strength: req.Strength, StrengthUnit: req.StrengthUnit, Form: req.Form, ExpiresOn: expires, Received: req.Received})
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, toBatchJSON(b))
}

func (s *Server) listBatches(c *gin.Context) {
	bs, err := s.svc.Batches(c.Request.Context(), actor(c), c.Query("drug"))
	if err != nil {
		fail(c, err)
		return
	}
	out := batchesResponse{Items: make([]batchJSON, len(bs))}
	for i, b := range bs {
		out.Items[i] = toBatchJSON(b)
	}
	c.JSON(http.StatusOK, out)
}
