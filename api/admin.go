package api

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/mhac-clinic/mhac/clinic"
)

type newUserRequest struct {
	Username       string `json:"username"`
	Name           string `json:"name"`
	Role           string `json:"role"`
	SiteCode       string `json:"site_code"`
	Country        string `json:"country"`
	RegistrationID string `json:"registration_id"`
	Password       string `json:"password"`
	DeploymentWide bool   `json:"deployment_wide"`
}

type disabledRequest struct {
	Disabled bool `json:"disabled"`
}

type passwordRequest struct {
	Password string `json:"password"`
}

type changePasswordRequest struct {
	CurrentPassword string `json:"current_password"`
	NewPassword     string `json:"new_password"`
}

func (s *Server) listUsers(c *gin.Context) {
	users, err := s.svc.Users(c.Request.Context(), actor(c))
	if err != nil {
		fail(c, err)
		return
	}
	out := make([]userJSON, len(users))
	for i, u := range users {
		out[i] = toUserJSON(u)
	}
	c.JSON(http.StatusOK, listOf(out, ""))
}

func (s *Server) createUser(c *gin.Context) {
	var req newUserRequest
	if err := bindJSON(c, &req); err != nil {
		fail(c, err)
		return
	}
	u, err := s.svc.CreateUser(c.Request.Context(), actor(c), clinic.NewUser{Username: req.Username, Name: req.Name,
		Role: clinic.Role(req.Role), SiteCode: req.SiteCode, Country: req.Country, RegistrationID: req.RegistrationID, Password: req.Password,
		DeploymentWide: req.DeploymentWide})
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, toUserJSON(u))
}

func (s *Server) setUserDisabled(c *gin.Context) {
	var req disabledRequest
	if err := bindJSON(c, &req); err != nil {
		fail(c, err)
		return
	}
	u, err := s.svc.SetUserDisabled(c.Request.Context(), actor(c), c.Param("id"), req.Disabled)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toUserJSON(u))
}

func (s *Server) resetPassword(c *gin.Context) {
	var req passwordRequest
	if err := bindJSON(c, &req); err != nil {
		fail(c, err)
		return
	}
	if err := s.svc.ResetPassword(c.Request.Context(), actor(c), c.Param("id"), req.Password); err != nil {
		fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

func (s *Server) changePassword(c *gin.Context) {
	var req changePasswordRequest
	if err := bindJSON(c, &req); err != nil {
		fail(c, err)
		return
	}
	sess, _ := c.Get(keySession)
	if err := s.svc.ChangePassword(c.Request.Context(), actor(c), sess.(clinic.Session).Hash, req.CurrentPassword, req.NewPassword); err != nil {
		fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

// failedJobJSON describes one failed job, as the Jobs adapter (workers.FailedJob) writes it;
// TestAdapterAnswersDescribed keeps the two equal.
type failedJobJSON struct {
	ID        string    `json:"id"`
	Type      string    `json:"type"`
	State     string    `json:"state"` // archived (gave up) | retry (will try again)
	Error     string    `json:"error"`
	Retried   int       `json:"retried"`
	MaxRetry  int       `json:"max_retry"`
	FailedAt  time.Time `json:"failed_at"`
	NextRetry time.Time `json:"next_retry,omitempty"`
	// What the task was for, in words, with the ids to open it, and the form's own problem.
	Subject      string `json:"subject,omitempty"`
	Problem      string `json:"problem,omitempty"`
	FormType     string `json:"form_type,omitempty"`
	Person       string `json:"person,omitempty"`
	CaseNumber   string `json:"case_number,omitempty"`
	AssessmentID string `json:"assessment_id,omitempty"`
}

func (s *Server) failedJobs(c *gin.Context) {
	if s.cfg.Jobs == nil {
		fail(c, clinic.Errorf(clinic.EUnavailable, "The job queue is not configured."))
		return
	}
	jobs, err := s.cfg.Jobs.Failed(c.Request.Context(), actor(c))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, listOf(anyItems(jobs), ""))
}

func (s *Server) retryJob(c *gin.Context) {
	if s.cfg.Jobs == nil {
		fail(c, clinic.Errorf(clinic.EUnavailable, "The job queue is not configured."))
		return
	}
	if err := s.cfg.Jobs.Retry(c.Request.Context(), actor(c), c.Param("id")); err != nil {
		fail(c, err)
		return
	}
	c.Status(http.StatusAccepted)
}
