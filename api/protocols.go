package api

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

func (s *Server) listProtocols(c *gin.Context) {
	c.JSON(http.StatusOK, s.cfg.Protocols.Summaries())
}

func (s *Server) getProtocol(c *gin.Context) {
	d, err := s.cfg.Protocols.Detail(c.Param("country"), c.Param("version"))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, d)
}
