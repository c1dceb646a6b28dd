package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/pdf"
)

type collectRequest struct {
	OrderIDs     []string `json:"order_ids"`
	CollectedAt  string   `json:"collected_at"`  // RFC 3339; "" is now
	EarlyMorning bool     `json:"early_morning"` // sputum
	Observed     bool     `json:"observed"`      // sputum: collection observed
}

type rejectRequest struct {
	Reason string `json:"reason"` // haemolysed | unlabelled | insufficient | leaking | not_read_in_time | other
	Note   string `json:"note"`
}

type labEntryRequest struct {
	Test   string            `json:"test"`   // the catalog code; may be left out when the specimen carries one test
	Values map[string]string `json:"values"` // component code → value (numbers as decimal text)
}

type amendRequest struct {
	Reason string            `json:"reason"`
	Values map[string]string `json:"values"`
}

type specimensResponse = listJSON[specimenJSON]

func (s *Server) labWorklist(c *gin.Context) {
	var p clinic.Problems
	limit := queryLimit(c, &p)
	if p.Err() != nil {
		fail(c, p.Err())
		return
	}
	page, err := s.svc.LabWorklist(c.Request.Context(), actor(c), c.Query("cursor"), limit)
	if err != nil {
		fail(c, err)
		return
	}
	out := make([]labWorkItemJSON, len(page.Items))
	for i, it := range page.Items {
		out[i] = toLabWorkItemJSON(it)
	}
	c.JSON(http.StatusOK, listOf(out, page.Next))
}

func (s *Server) labOverdue(c *gin.Context) {
	items, err := s.svc.OverdueLabOrders(c.Request.Context(), actor(c))
	if err != nil {
		fail(c, err)
		return
	}
	out := make([]labWorkItemJSON, len(items))
	for i, it := range items {
		out[i] = toLabWorkItemJSON(it)
	}
	c.JSON(http.StatusOK, listOf(out, ""))
}

func (s *Server) labCatalog(c *gin.Context) {
	cat, err := s.svc.LabTests(c.Request.Context(), actor(c))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toLabCatalogJSON(cat))
}

func (s *Server) labRecord(c *gin.Context) {
	rec, err := s.svc.LabRecordOf(c.Request.Context(), actor(c), c.Param("id"))
	if err != nil {
		fail(c, err)
		return
	}
	out := labRecordJSON{Orders: []labOrderJSON{}, Specimens: toSpecimensJSON(rec.Specimens), Results: toLabResultsJSON(rec.Results),
		Critical: toLabResultsJSON(rec.Critical)}
	for _, o := range rec.Orders {
		n := 0
		for _, sp := range rec.Specimens {
			for _, id := range sp.OrderIDs {
				if id == o.ID && sp.Status != clinic.SpecimenRejected {
					n++
				}
			}
		}
		out.Orders = append(out.Orders, toLabOrderJSON(o, n))
	}
	c.JSON(http.StatusOK, out)
}

func (s *Server) collectSpecimens(c *gin.Context) {
	var req collectRequest
	if err := bindJSON(c, &req); err != nil {
		fail(c, err)
		return
	}
	var p clinic.Problems
	at := instantField(&p, "collected_at", req.CollectedAt)
	if err := p.Err(); err != nil {
		fail(c, err)
		return
	}
	sps, err := s.svc.CollectSpecimens(c.Request.Context(), actor(c), c.Param("id"), clinic.Collection{OrderIDs: req.OrderIDs,
		CollectedAt: at, EarlyMorning: req.EarlyMorning, Observed: req.Observed})
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, specimensResponse{Items: toSpecimensJSON(sps)})
}

func (s *Server) specimenLabels(c *gin.Context) {
	labels, err := s.svc.SpecimenLabels(c.Request.Context(), actor(c), c.QueryArray("accession"))
	if err != nil {
		fail(c, err)
		return
	}
	file, err := pdf.SpecimenLabels(labels)
	if err != nil {
		fail(c, clinic.Internal(err, "draw the labels"))
		return
	}
	c.Header("Content-Disposition", `inline; filename="specimen-labels.pdf"`)
	c.Data(http.StatusOK, "application/pdf", file)
}

func (s *Server) receiveSpecimen(c *gin.Context) {
	sp, err := s.svc.ReceiveSpecimen(c.Request.Context(), actor(c), c.Param("accession"))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toSpecimenJSON(sp))
}

func (s *Server) rejectSpecimen(c *gin.Context) {
	var req rejectRequest
	if err := bindJSON(c, &req); err != nil {
		fail(c, err)
		return
	}
	sp, err := s.svc.RejectSpecimen(c.Request.Context(), actor(c), c.Param("accession"), req.Reason, req.Note)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toSpecimenJSON(sp))
}

func (s *Server) postLabResult(c *gin.Context) {
	var req labEntryRequest
	if err := bindJSON(c, &req); err != nil {
		fail(c, err)
		return
	}
	r, err := s.svc.RecordLabResult(c.Request.Context(), actor(c), c.Param("accession"), clinic.LabEntry{Test: req.Test, Values: req.Values})
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, toLabResultJSON(r))
}

func (s *Server) amendLabResult(c *gin.Context) {
	var req amendRequest
	if err := bindJSON(c, &req); err != nil {
		fail(c, err)
		return
	}
	r, err := s.svc.AmendLabResult(c.Request.Context(), actor(c), c.Param("id"), req.Reason, req.Values)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, toLabResultJSON(r))
}

func (s *Server) acknowledgeLabResult(c *gin.Context) {
	r, err := s.svc.AcknowledgeCritical(c.Request.Context(), actor(c), c.Param("id"))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toLabResultJSON(r))
}

func (s *Server) getSpecimen(c *gin.Context) {
	sp, err := s.svc.SpecimenOf(c.Request.Context(), actor(c), c.Param("accession"))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toSpecimenJSON(sp))
}
