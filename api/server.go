// Package api serves the clinic over HTTP with Gin: one route table, session auth with CSRF
// protection, role checks, strict binding and problem+json errors. Handlers bind, make one call
// into clinic, and write the answer.
package api

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/mhac-clinic/mhac/clinic"
)

// Protocols is what the API shows of the protocol engine's rule sets.
type Protocols interface {
	Summaries() any
	Detail(country, version string) (any, error)
}

// Jobs lets admins see and retry background work that failed.
type Jobs interface {
	// Failed and Retry see only the actor's site's tasks unless the actor is deployment-wide.
	Failed(ctx context.Context, a clinic.Actor) (any, error)
	Retry(ctx context.Context, a clinic.Actor, id string) error
}

// Config is what the server needs from cmd/mhac.
type Config struct {
	Service   *clinic.Service
	Protocols Protocols
	Jobs      Jobs // nil: the admin jobs routes answer 503
	RedisPing func(context.Context) error
	// ReplicaState, when set, tells the read replica's state: "ok" (the reads that may lag go to
	// it), "lagging" or "unavailable" (they go to the primary). nil: no replica is configured.
	ReplicaState func() string
	UI           http.Handler // the embedded web app; nil serves nothing
	QueueMonitor http.Handler // asynqmon, mounted under /admin/queues for admins
	SecureCookie bool         // set the Secure flag (behind HTTPS)
	// TrustedProxies lists the addresses or CIDR ranges of the reverse proxies whose
	// X-Forwarded-For is believed. Empty: none is, and the client address is the peer's.
	TrustedProxies []string
	// RequestTimeout bounds every request, its queries included (DefaultRequestTimeout when 0).
	RequestTimeout time.Duration
	// ObserveRequest, when set, is told of every answered request: its route pattern ("" when no
	// route matched), method, status and duration (the metrics package records them).
	ObserveRequest func(route, method string, status int, d time.Duration)
}

// DefaultRequestTimeout is the deadline of a request when the configuration names none.
const DefaultRequestTimeout = 30 * time.Second

// Server is the HTTP API.
type Server struct {
	cfg           Config
	svc           *clinic.Service
	engine        *gin.Engine
	monitorPolicy string // the queue dashboard's Content-Security-Policy
}

// CheckTrustedProxies tells whether every entry is an IP address or a CIDR range.
// Every command reads the configuration, so gin is put in release mode first: in debug mode
// gin.New prints a warning on standard output, which would corrupt the commands' JSON output.
func CheckTrustedProxies(proxies []string) error {
	gin.SetMode(gin.ReleaseMode)
	return gin.New().SetTrustedProxies(proxies)
}

// New builds the server and its routes. Trusted proxies that CheckTrustedProxies refuses are
// logged and none is trusted.
func New(cfg Config) *Server {
	gin.SetMode(gin.ReleaseMode)
	if cfg.RequestTimeout <= 0 {
		cfg.RequestTimeout = DefaultRequestTimeout
	}
	s := &Server{cfg: cfg, svc: cfg.Service, engine: gin.New()}
	s.engine.HandleMethodNotAllowed = true
	s.engine.ContextWithFallback = true
	// Gin believes X-Forwarded-For from every peer unless told otherwise: only the configured
	// proxies are trusted, so a client cannot choose the address in audit rows and login limits.
	if err := s.engine.SetTrustedProxies(cfg.TrustedProxies); err != nil {
		slog.Error("trusted proxies refused; trusting none", "err", err)
		_ = s.engine.SetTrustedProxies(nil)
	}
	if cfg.QueueMonitor != nil {
		s.monitorPolicy = monitorPolicyOf(cfg.QueueMonitor)
	}
	s.engine.Use(s.requestID, s.logRequests, s.recoverPanics, s.securityHeaders, s.deadline)
	for _, r := range s.routes() {
		if !r.Public && clinic.RolesOf(r.Perm) == nil {
			panic("api: route " + r.Method + " " + r.Path + " names no permission of clinic.Permissions")
		}
		if r.Public {
			s.engine.Handle(r.Method, r.Path, s.guard(r), r.handle)
		} else {
			s.engine.Handle(r.Method, r.Path, s.guard(r), s.idempotent, r.handle)
		}
	}
	if cfg.QueueMonitor != nil {
		mon := queueMonitor(cfg.QueueMonitor)
		admin := route{Perm: clinic.PermManageJobs}
		s.engine.Any(queueMonitorPath+"/*rest", s.guard(admin), mon)
	}
	s.engine.NoMethod(func(c *gin.Context) {
		fail(c, &clinic.Error{Code: codeMethod, Message: "This method is not allowed on " + c.Request.URL.Path + "."})
	})
	s.engine.NoRoute(s.noRoute)
	return s
}

// queueMonitorPath is where asynqmon is mounted.
const queueMonitorPath = "/admin/queues"

// Handler returns the http.Handler to serve.
func (s *Server) Handler() http.Handler { return s.engine }

// noRoute answers unknown /api paths with problem+json and everything else with the web app.
func (s *Server) noRoute(c *gin.Context) {
	p := c.Request.URL.Path
	if len(p) >= 4 && p[:4] == "/api" || s.cfg.UI == nil || (c.Request.Method != http.MethodGet && c.Request.Method != http.MethodHead) {
		fail(c, clinic.NotFound("route "+c.Request.Method+" "+p))
		return
	}
	s.cfg.UI.ServeHTTP(c.Writer, c.Request)
}

func (s *Server) healthz(c *gin.Context) {
	c.JSON(http.StatusOK, gin.H{"status": "ok"})
}

// Routes lists the routes the engine serves as "METHOD /path/{param}", for the test that keeps
// the OpenAPI description true. The queue monitor's wildcard is left out: it is asynqmon's.
func (s *Server) Routes() []string {
	var out []string
	for _, r := range s.engine.Routes() {
		if strings.HasPrefix(r.Path, queueMonitorPath) {
			continue
		}
		out = append(out, r.Method+" "+openAPIPath(r.Path))
	}
	return out
}
