package api

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/mhac-clinic/mhac/clinic"
)

// siteEntryJSON is a clinic location with its signing certificate.
type siteEntryJSON struct {
	Code         string               `json:"code"`
	Name         string               `json:"name"`
	City         string               `json:"city"`
	Country      string               `json:"country"`
	Timezone     string               `json:"timezone"`
	Organisation string               `json:"organisation,omitempty"`
	Certificate  *siteCertificateJSON `json:"certificate,omitempty"` // absent: no key of its own (one configured key signs)
}

// siteCertificateJSON describes a site's current signing certificate.
type siteCertificateJSON struct {
	Subject     string    `json:"subject"`
	Issuer      string    `json:"issuer"`
	Serial      string    `json:"serial"`
	Fingerprint string    `json:"fingerprint_sha256"` // as `openssl x509 -noout -fingerprint -sha256` prints it
	NotBefore   time.Time `json:"not_before"`
	NotAfter    time.Time `json:"not_after"`
	KeyType     string    `json:"key_type"`
	Retired     int       `json:"retired"` // earlier certificates of the site, still trusted for old forms
}

type newSiteRequest struct {
	Code         string `json:"code"`
	Name         string `json:"name"`
	City         string `json:"city"`
	Country      string `json:"country"`
	Timezone     string `json:"timezone"`
	Organisation string `json:"organisation"`
}

func toSiteEntryJSON(e clinic.SiteEntry) siteEntryJSON {
	s := e.Site
	j := siteEntryJSON{Code: s.Code, Name: s.Name, City: s.City, Country: s.Country, Timezone: s.Timezone, Organisation: s.Organisation}
	if c := e.Certificate; c != nil {
		j.Certificate = &siteCertificateJSON{Subject: c.Subject, Issuer: c.Issuer, Serial: c.Serial, Fingerprint: c.Fingerprint,
			NotBefore: c.NotBefore, NotAfter: c.NotAfter, KeyType: c.KeyType, Retired: c.Retired}
	}
	return j
}

func (s *Server) listSites(c *gin.Context) {
	sites, err := s.svc.Sites(c.Request.Context(), actor(c))
	if err != nil {
		fail(c, err)
		return
	}
	out := make([]siteEntryJSON, len(sites))
	for i, st := range sites {
		out[i] = toSiteEntryJSON(st)
	}
	c.JSON(http.StatusOK, listOf(out, ""))
}

// createSite adds a site and its signing key and certificate.
//
// Errors: 403 forbidden (not a deployment-wide administrator), 422 validation (code, name,
// country, timezone), 409 duplicate (the code is taken).
func (s *Server) createSite(c *gin.Context) {
	var req newSiteRequest
	if err := bindJSON(c, &req); err != nil {
		fail(c, err)
		return
	}
	e, err := s.svc.CreateSite(c.Request.Context(), actor(c), clinic.NewSite{Code: req.Code, Name: req.Name, City: req.City,
		Country: req.Country, Timezone: req.Timezone, Organisation: req.Organisation})
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, toSiteEntryJSON(e))
}

// rotateSiteKey gives a site a new signing key; forms signed before keep verifying.
//
// Errors: 403 forbidden (not a deployment-wide administrator), 404 not_found (no such site),
// 409 invalid_state (the site has no key to rotate), 503 unavailable (one configured key).
func (s *Server) rotateSiteKey(c *gin.Context) {
	e, err := s.svc.RotateSiteKey(c.Request.Context(), actor(c), c.Param("code"))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toSiteEntryJSON(e))
}
