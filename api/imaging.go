package api

import (
	"errors"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/interop/hl7v2"
)

// studyJSON is one chest X-ray study as the caller may see it (blind while being read).
type studyJSON struct {
	ID                string        `json:"id"`
	AssessmentID      string        `json:"assessment_id"`
	ApplicantID       string        `json:"applicant_id"`
	Surnames          string        `json:"surnames,omitempty"`
	GivenNames        string        `json:"given_names,omitempty"`
	Accession         string        `json:"accession"`
	Step              string        `json:"step"`
	Rule              string        `json:"rule"`
	Reason            string        `json:"reason"`
	Source            string        `json:"source"`
	Form              string        `json:"form"`
	OrderedBy         string        `json:"ordered_by"`
	OrderedAt         time.Time     `json:"ordered_at"`
	PregnancyAsked    bool          `json:"pregnancy_asked"`
	Pregnancy         string        `json:"pregnancy"` // "" not answered | not_pregnant | shield | defer
	PregnancyBy       string        `json:"pregnancy_by,omitempty"`
	PregnancyAt       *time.Time    `json:"pregnancy_at,omitempty"`
	Status            string        `json:"status"` // ordered | deferred | second_read | third_read | final
	SecondRead        string        `json:"second_read"`
	Final             string        `json:"final"`
	FinalAt           *time.Time    `json:"final_at,omitempty"`
	TurnaroundSeconds *int64        `json:"turnaround_seconds,omitempty"`
	Version           int           `json:"version"`
	Readings          []readingJSON `json:"readings"`
	Hidden            int           `json:"hidden_readings"` // readings by others, hidden until final
	Reports           []reportJSON  `json:"reports"`
	// ReadingForm is the form the study is read on.
	ReadingForm readingFormJSON `json:"reading_form"`
	Can         []string        `json:"can"`
}

// readingJSON is one reading.
type readingJSON struct {
	Seq          int       `json:"seq"`
	Kind         string    `json:"kind"`
	Form         string    `json:"form"`
	Findings     []string  `json:"findings"`
	Grade        string    `json:"grade"`
	Result       string    `json:"result"`
	Remarks      string    `json:"remarks"`
	Participants string    `json:"participants"`
	ReportID     string    `json:"report_id,omitempty"`
	ReportedBy   string    `json:"reported_by,omitempty"`
	Reader       string    `json:"reader"`
	ReadAt       time.Time `json:"read_at"`
}

// reportJSON is one imported teleradiology report.
type reportJSON struct {
	ID         string    `json:"id"`
	ControlID  string    `json:"control_id"`
	Status     string    `json:"status"`
	Reader     string    `json:"reader"`
	ReadAt     time.Time `json:"read_at"`
	Report     string    `json:"report"`
	ReceivedAt time.Time `json:"received_at"`
}

func toStudyJSON(st clinic.ImagingStudy, a clinic.Actor) studyJSON {
	out := studyJSON{ID: st.ID, AssessmentID: st.AssessmentID, ApplicantID: st.ApplicantID, Surnames: st.Surnames,
		GivenNames: st.GivenNames, Accession: st.Accession, Step: st.Step, Rule: st.Rule, Reason: st.Reason,
		Source: st.Source, Form: st.Form, OrderedBy: st.OrderedByName, OrderedAt: st.OrderedAt,
		PregnancyAsked: st.PregnancyAsked, Pregnancy: st.Pregnancy, PregnancyBy: st.PregnancyByName,
		PregnancyAt: st.PregnancyAt, Status: st.Status, SecondRead: st.SecondRead, Final: st.Final, FinalAt: st.FinalAt,
		TurnaroundSeconds: st.TurnaroundSeconds, Version: st.Version, Hidden: st.Hidden,
		Readings: []readingJSON{}, Reports: []reportJSON{}, Can: []string{}}
	for _, r := range st.Readings {
		f := r.Findings
		if f == nil {
			f = []string{}
		}
		out.Readings = append(out.Readings, readingJSON{Seq: r.Seq, Kind: r.Kind, Form: r.Form, Findings: f, Grade: r.Grade,
			Result: r.Result, Remarks: r.Remarks, Participants: r.Participants, ReportID: r.ReportID,
			ReportedBy: r.ReportedBy, Reader: r.ReaderName, ReadAt: r.ReadAt})
	}
	for _, r := range st.Reports {
		out.Reports = append(out.Reports, reportJSON{ID: r.ID, ControlID: r.ControlID, Status: r.Status, Reader: r.Reader,
			ReadAt: r.ReadAt, Report: r.Report, ReceivedAt: r.ReceivedAt})
	}
	if f, ok := clinic.ReadingFormNamed(st.Form); ok {
		out.ReadingForm = toReadingFormJSON(f)
	}
	if a.Role.Has(clinic.PermRecordImaging) && st.Status != clinic.StudyFinal {
		out.Can = append(out.Can, string(clinic.PermRecordImaging))
	}
	if a.Role.Has(clinic.PermCheckIdentity) && st.Status != clinic.StudyFinal {
		out.Can = append(out.Can, string(clinic.PermCheckIdentity)) // the X-ray station's identity check
	}
	return out
}

func studiesJSON(sts []clinic.ImagingStudy, a clinic.Actor) []studyJSON {
	out := make([]studyJSON, len(sts))
	for i, st := range sts {
		out[i] = toStudyJSON(st, a)
	}
	return out
}

// postImagingOrders turns the plan's X-ray steps into studies.
func (s *Server) postImagingOrders(c *gin.Context) {
	a := actor(c)
	sts, err := s.svc.OrderImaging(c.Request.Context(), a, c.Param("id"))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, listOf(studiesJSON(sts, a), ""))
}

func (s *Server) radiologyWorklist(c *gin.Context) {
	a := actor(c)
	limit, _ := strconv.Atoi(c.Query("limit"))
	sts, err := s.svc.RadiologyWorklist(c.Request.Context(), a, limit)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, listOf(studiesJSON(sts, a), ""))
}

func (s *Server) getStudy(c *gin.Context) {
	a := actor(c)
	st, err := s.svc.ImagingStudyByID(c.Request.Context(), a, c.Param("id"))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toStudyJSON(st, a))
}

type pregnancyRequest struct {
	Version int    `json:"version"`
	Answer  string `json:"answer"` // not_pregnant | shield | defer
}

func (s *Server) postPregnancy(c *gin.Context) {
	var req pregnancyRequest
	v, _, ok := bindVersioned(c, &req, &req.Version)
	if !ok {
		return
	}
	a := actor(c)
	st, err := s.svc.AnswerPregnancy(c.Request.Context(), a, c.Param("id"), v, req.Answer)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toStudyJSON(st, a))
}

type readingRequest struct {
	Version      int      `json:"version"`
	Findings     []string `json:"findings"` // DS-3030: the ticked findings
	Grade        string   `json:"grade"`    // the other countries: one grade
	Remarks      string   `json:"remarks"`
	Consensus    bool     `json:"consensus"`    // a consensus instead of a third reader
	Participants string   `json:"participants"` // the readers of a consensus
	ReportID     string   `json:"report_id"`    // the teleradiology report confirmed
}

func (s *Server) postReading(c *gin.Context) {
	var req readingRequest
	v, _, ok := bindVersioned(c, &req, &req.Version)
	if !ok {
		return
	}
	r := clinic.ImagingReading{Findings: req.Findings, Grade: req.Grade, Remarks: req.Remarks,
		Participants: req.Participants, ReportID: req.ReportID}
	if req.Consensus {
		r.Kind = clinic.ReadConsensus
	}
	a := actor(c)
	st, err := s.svc.RecordImagingReading(c.Request.Context(), a, c.Param("id"), v, r)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toStudyJSON(st, a))
}

// readingFormJSON is a reading form: its findings or grades, and its source.
type readingFormJSON struct {
	Form     string                  `json:"form"`
	Kind     string                  `json:"kind"`
	Title    string                  `json:"title"`
	Source   clinic.RefSource        `json:"source"`
	Findings []clinic.ReadingFinding `json:"findings"`
	Grades   []clinic.ReadingGrade   `json:"grades"`
}

func (s *Server) getReadingForm(c *gin.Context) {
	f, err := s.svc.ReadingForm(c.Request.Context(), actor(c), c.Param("country"))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toReadingFormJSON(f))
}

func toReadingFormJSON(f clinic.ReadingForm) readingFormJSON {
	out := readingFormJSON{Form: f.Form, Kind: f.Kind, Title: f.Title, Source: f.Source, Findings: f.Findings, Grades: f.Grades}
	if out.Findings == nil {
		out.Findings = []clinic.ReadingFinding{}
	}
	if out.Grades == nil {
		out.Grades = []clinic.ReadingGrade{}
	}
	return out
}

// postRadiologyReports takes HL7 v2 ORU^R01 messages pushed by a teleradiology system (one or
// more in the body, as text); it answers one line per message, as `mhac import radiology` prints.
func (s *Server) postRadiologyReports(c *gin.Context) {
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, clinic.MaxRadiologyMessage)
	body, err := io.ReadAll(c.Request.Body)
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			fail(c, &clinic.Error{Code: codeTooLarge, Message: "The request body is larger than 1 MiB."})
			return
		}
		fail(c, badJSON("The request body could not be read."))
		return
	}
	msgs := hl7v2.Messages("POST", body)
	if len(msgs) == 0 {
		fail(c, (&clinic.Problems{{Field: "body", Code: "required", Message: "Send at least one HL7 v2 message."}}).Err())
		return
	}
	lines := make([]hl7v2.ImportLine, 0, len(msgs))
	for _, m := range msgs {
		out, err := s.svc.ImportRadiology(c.Request.Context(), actor(c), m)
		if err != nil {
			fail(c, err)
			return
		}
		lines = append(lines, hl7v2.Line(m, out))
	}
	c.JSON(http.StatusOK, listOf(lines, ""))
}

// importErrorJSON is one message kept because it could not be imported.
type importErrorJSON struct {
	ID         string    `json:"id"`
	File       string    `json:"file"`
	ControlID  string    `json:"control_id"`
	Accession  string    `json:"accession"`
	Reason     string    `json:"reason"`
	Message    string    `json:"message"`
	ReceivedAt time.Time `json:"received_at"`
}

func (s *Server) radiologyImportErrors(c *gin.Context) {
	limit, _ := strconv.Atoi(c.Query("limit"))
	errs, err := s.svc.RadiologyImportErrors(c.Request.Context(), actor(c), limit)
	if err != nil {
		fail(c, err)
		return
	}
	out := make([]importErrorJSON, len(errs))
	for i, e := range errs {
		out[i] = importErrorJSON(e)
	}
	c.JSON(http.StatusOK, listOf(out, ""))
}

type secondReadShareJSON struct {
	Percent int `json:"percent"`
}

func (s *Server) putSecondReadShare(c *gin.Context) {
	var req secondReadShareJSON
	if err := bindJSON(c, &req); err != nil {
		fail(c, err)
		return
	}
	if err := s.svc.SetSecondReadShare(c.Request.Context(), actor(c), req.Percent); err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, req)
}

func (s *Server) getSecondReadShare(c *gin.Context) {
	pct, err := s.svc.SecondReadShare(c.Request.Context(), actor(c))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, secondReadShareJSON{Percent: pct})
}
