package api

import (
	"encoding/base64"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/skip2/go-qrcode"

	"github.com/mhac-clinic/mhac/clinic"
)

// enrolmentJSON is a second factor being set up: the secret as text, its otpauth:// URL, and
// that URL as a QR code (a PNG data URL) for the authenticator app to scan.
type enrolmentJSON struct {
	Secret     string `json:"secret"`
	OTPAuthURL string `json:"otpauth_url"`
	QRCode     string `json:"qr_code"`
}

type codeRequest struct {
	Code string `json:"code"`
}

// recoveryCodesJSON are shown once, when the second factor is turned on.
type recoveryCodesJSON struct {
	RecoveryCodes []string `json:"recovery_codes"`
}

type policyJSON struct {
	Roles []clinic.Role `json:"roles"`
}

func (s *Server) beginSecondFactor(c *gin.Context) {
	e, err := s.svc.BeginSecondFactor(c.Request.Context(), actor(c))
	if err != nil {
		fail(c, err)
		return
	}
	png, err := qrcode.Encode(e.URL, qrcode.Medium, 256)
	if err != nil {
		fail(c, clinic.Internal(err, "qr code"))
		return
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, enrolmentJSON{Secret: e.Secret, OTPAuthURL: e.URL,
		QRCode: "data:image/png;base64," + base64.StdEncoding.EncodeToString(png)})
}

func (s *Server) confirmSecondFactor(c *gin.Context) {
	var req codeRequest
	if err := bindJSON(c, &req); err != nil {
		fail(c, err)
		return
	}
	codes, err := s.svc.ConfirmSecondFactor(c.Request.Context(), actor(c), req.Code)
	if err != nil {
		fail(c, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, recoveryCodesJSON{RecoveryCodes: codes})
}

func (s *Server) resetSecondFactor(c *gin.Context) {
	if err := s.svc.ResetSecondFactor(c.Request.Context(), actor(c), c.Param("id")); err != nil {
		fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

func (s *Server) secondFactorPolicy(c *gin.Context) {
	roles, err := s.svc.SecondFactorPolicy(c.Request.Context(), actor(c))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, policyJSON{Roles: nonNilRoles(roles)})
}

func (s *Server) setSecondFactorPolicy(c *gin.Context) {
	var req policyJSON
	if err := bindJSON(c, &req); err != nil {
		fail(c, err)
		return
	}
	roles, err := s.svc.SetSecondFactorPolicy(c.Request.Context(), actor(c), req.Roles)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, policyJSON{Roles: nonNilRoles(roles)})
}

func nonNilRoles(rs []clinic.Role) []clinic.Role {
	if rs == nil {
		return []clinic.Role{}
	}
	return rs
}
