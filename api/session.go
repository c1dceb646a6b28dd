package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/mhac-clinic/mhac/clinic"
)

type loginRequest struct {
	Username string `json:"username"`
	Password string `json:"password"`
	// Code is the second factor: the authenticator app's six digits or a recovery code.
	Code string `json:"code,omitempty"`
}

type sessionResponse struct {
	User      userJSON `json:"user"`
	CSRFToken string   `json:"csrf_token"`
}

type userJSON struct {
	ID       string      `json:"id"`
	Username string      `json:"username"`
	Name     string      `json:"name"`
	Role     clinic.Role `json:"role"`
	Site     siteJSON    `json:"site"`
	Country  *string     `json:"country"`
	Disabled bool        `json:"disabled"`
	// DeploymentWide: an administrator of every site.
	DeploymentWide bool `json:"deployment_wide"`
	SecondFactor   bool `json:"second_factor"` // logs in with a TOTP code
	// MustEnrol: the role needs a second factor the user has not set up; until then the
	// session may only enrol.
	MustEnrol bool `json:"must_enrol"`
}

type siteJSON struct {
	Code     string `json:"code"`
	Name     string `json:"name"`
	City     string `json:"city"`
	Country  string `json:"country"`
	Timezone string `json:"timezone"`
}

func toSiteJSON(s clinic.Site) siteJSON {
	return siteJSON{Code: s.Code, Name: s.Name, City: s.City, Country: s.Country, Timezone: s.Timezone}
}

func toUserJSON(u clinic.User) userJSON {
	j := userJSON{ID: u.ID, Username: u.Username, Name: u.Name, Role: u.Role, Site: toSiteJSON(u.Site),
		Disabled: u.Disabled, DeploymentWide: u.DeploymentWide, SecondFactor: u.SecondFactor.Enabled, MustEnrol: u.MustEnrol}
	if u.Country != "" {
		j.Country = &u.Country
	}
	return j
}

func (s *Server) login(c *gin.Context) {
	var req loginRequest
	if err := bindJSON(c, &req); err != nil {
		fail(c, err)
		return
	}
	token, sess, u, err := s.svc.LoginCode(c.Request.Context(), req.Username, req.Password, req.Code, c.ClientIP(), requestID(c))
	if err != nil {
		fail(c, err)
		return
	}
	s.setSessionCookie(c, token, int(s.svc.SessionLifetime().Seconds()))
	c.JSON(http.StatusOK, sessionResponse{User: toUserJSON(u), CSRFToken: sess.CSRFToken})
}

func (s *Server) setSessionCookie(c *gin.Context, token string, maxAge int) {
	c.SetSameSite(http.SameSiteStrictMode)
	c.SetCookie(sessionCookie, token, maxAge, "/", "", s.cfg.SecureCookie, true)
}

func (s *Server) me(c *gin.Context) {
	u, _ := c.Get(keyAccount)
	sess, _ := c.Get(keySession)
	c.JSON(http.StatusOK, sessionResponse{User: toUserJSON(u.(clinic.User)), CSRFToken: sess.(clinic.Session).CSRFToken})
}

func (s *Server) logout(c *gin.Context) {
	token, _ := c.Cookie(sessionCookie)
	if err := s.svc.Logout(c.Request.Context(), token); err != nil {
		fail(c, err)
		return
	}
	s.setSessionCookie(c, "", -1)
	c.Status(http.StatusNoContent)
}
