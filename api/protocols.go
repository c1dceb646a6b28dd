package api

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// protocolSetJSON describes one rule set of the list, as protocols.SetSummary writes it (the
// Protocols adapter answers it; TestAdapterAnswersDescribed keeps the two equal).
type protocolSetJSON struct {
	Country   string   `json:"country"`
	Version   string   `json:"version"`
	Effective string   `json:"effective"`
	Until     string   `json:"until,omitempty"`
	Title     string   `json:"title"`
	Programs  []string `json:"programs"`
	Rules     int      `json:"rules"`
	File      string   `json:"file"`
}

func (s *Server) listProtocols(c *gin.Context) {
	c.JSON(http.StatusOK, listOf(anyItems(s.cfg.Protocols.Summaries()), ""))
}

func (s *Server) getProtocol(c *gin.Context) {
	d, err := s.cfg.Protocols.Detail(c.Param("country"), c.Param("version"))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, d)
}
