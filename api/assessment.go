package api

import (
	"bytes"
	"encoding/json"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/mhac-clinic/mhac/clinic"
)

type historyRequest struct {
	Version  int          `json:"version"`
	Answers  []answerJSON `json:"answers"`
	Findings findingsJSON `json:"findings"`
}

type vitalsRequest struct {
	Version int `json:"version"`
	measurementsJSON
}

type resultRequest struct {
	Version int             `json:"version"`
	Step    string          `json:"step"`
	Value   json.RawMessage `json:"value"`
}

type classificationRequest struct {
	Version        int      `json:"version"`
	Codes          []string `json:"codes"`
	Notes          string   `json:"notes"`
	OverrideReason string   `json:"override_reason"`
}

type signoffRequest struct {
	Version int `json:"version"`
	// Deferrals gives a reason for each missing step a protocol rule allows to be deferred.
	Deferrals []deferralRequest `json:"deferrals"`
}

type deferralRequest struct {
	Step   string `json:"step"`
	Reason string `json:"reason"`
}

type addendumRequest struct {
	Version int    `json:"version"`
	Text    string `json:"text"`
}

func (s *Server) getChart(c *gin.Context) {
	ch, err := s.svc.Chart(c.Request.Context(), actor(c), c.Param("id"))
	s.answerChart(c, ch, err, false)
}

func (s *Server) answerChart(c *gin.Context, ch clinic.Chart, err error, ifMatch bool) {
	if err != nil {
		fail(c, stale(err, ifMatch))
		return
	}
	etag(c, ch.Assessment.Version)
	c.JSON(http.StatusOK, s.toChartJSON(ch, actor(c)))
}

// write binds a versioned request and runs one chart change with the version the client read.
func write(s *Server, c *gin.Context, req any, ver *int, do func(v int) (clinic.Chart, error)) {
	v, ifMatch, ok := bindVersioned(c, req, ver)
	if !ok {
		return
	}
	ch, err := do(v)
	s.answerChart(c, ch, err, ifMatch)
}

func (s *Server) putHistory(c *gin.Context) {
	var req historyRequest
	write(s, c, &req, &req.Version, func(v int) (clinic.Chart, error) {
		answers := make([]clinic.HistoryAnswer, len(req.Answers))
		for i, a := range req.Answers {
			answers[i] = clinic.HistoryAnswer{Code: a.Code, Yes: a.Answer, Details: a.Details, Date: a.Date}
		}
		return s.svc.RecordHistory(c.Request.Context(), actor(c), c.Param("id"), v, answers, clinic.Findings(req.Findings))
	})
}

func (s *Server) putVitals(c *gin.Context) {
	var req vitalsRequest
	write(s, c, &req, &req.Version, func(v int) (clinic.Chart, error) {
		return s.svc.RecordVitals(c.Request.Context(), actor(c), c.Param("id"), v, req.domain())
	})
}

func (s *Server) postResult(c *gin.Context) {
	var req resultRequest
	write(s, c, &req, &req.Version, func(v int) (clinic.Chart, error) {
		r, err := decodeValue(req.Step, req.Value)
		if err != nil {
			return clinic.Chart{}, err
		}
		return s.svc.RecordResult(c.Request.Context(), actor(c), c.Param("id"), v, r)
	})
}

// decodeValue reads a result value that is a word, a number or a list of words.
func decodeValue(step string, raw json.RawMessage) (clinic.Result, error) {
	r := clinic.Result{Step: step}
	raw = bytes.TrimSpace(raw)
	bad := (&clinic.Problems{{Field: "value", Code: "wrong_type", Message: "Give a word, a number, or a list of words."}}).Err()
	if len(raw) == 0 || string(raw) == "null" {
		return r, (&clinic.Problems{{Field: "value", Code: "required", Message: "Give the result."}}).Err()
	}
	switch raw[0] {
	case '"':
		if json.Unmarshal(raw, &r.Text) != nil {
			return r, bad
		}
	case '[':
		if json.Unmarshal(raw, &r.List) != nil {
			return r, bad
		}
	default:
		var n float64
		if json.Unmarshal(raw, &n) != nil {
			return r, bad
		}
		r.Number = &n
	}
	return r, nil
}

func (s *Server) putClassification(c *gin.Context) {
	var req classificationRequest
	write(s, c, &req, &req.Version, func(v int) (clinic.Chart, error) {
		return s.svc.Classify(c.Request.Context(), actor(c), c.Param("id"), v,
			clinic.Classification{Codes: req.Codes, Notes: req.Notes, OverrideReason: req.OverrideReason})
	})
}

func (s *Server) postSignoff(c *gin.Context) {
	var req signoffRequest
	write(s, c, &req, &req.Version, func(v int) (clinic.Chart, error) {
		d := make(map[string]string, len(req.Deferrals))
		for _, x := range req.Deferrals {
			d[x.Step] = x.Reason
		}
		return s.svc.SignOff(c.Request.Context(), actor(c), c.Param("id"), v, clinic.SignoffRequest{Deferrals: d})
	})
}

func (s *Server) postAddendum(c *gin.Context) {
	var req addendumRequest
	write(s, c, &req, &req.Version, func(v int) (clinic.Chart, error) {
		return s.svc.AddAddendum(c.Request.Context(), actor(c), c.Param("id"), v, req.Text)
	})
}
