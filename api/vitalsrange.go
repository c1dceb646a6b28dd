package api

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// getVitalsRanges answers the ranges that flag vitals (clinic/reference/vitals-ranges.json).
func (s *Server) getVitalsRanges(c *gin.Context) {
	r, err := s.svc.VitalsRanges(actor(c))
	if err != nil {
		fail(c, err)
		return
	}
	c.Header("Cache-Control", "private, max-age=3600")
	c.JSON(http.StatusOK, r)
}
