package api

import (
	"archive/zip"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/interop/fhir"
	"github.com/mhac-clinic/mhac/interop/submission"
)

// The audit actions of the exports.
const (
	auditFHIR     = "assessment.fhir"
	auditFHIRBulk = "assessment.fhir_bulk"
	auditPackage  = "assessment.package"
)

// fhirDocument answers one signed assessment as a FHIR R4 document Bundle.
func (s *Server) fhirDocument(c *gin.Context) {
	rec, err := s.svc.ExportAssessment(c.Request.Context(), actor(c), c.Param("id"), auditFHIR, false)
	if err != nil {
		fail(c, err)
		return
	}
	doc, err := fhir.Map(rec)
	if err != nil {
		fail(c, clinic.Internal(err, "map to FHIR"))
		return
	}
	js, err := doc.JSON()
	if err != nil {
		fail(c, clinic.Internal(err, "encode FHIR"))
		return
	}
	c.Header("Content-Disposition", `attachment; filename="`+safeName(rec.Snapshot.Applicant.CaseNumber)+"_"+rec.AssessmentID[:8]+`_fhir.json"`)
	c.Header("Cache-Control", "private, no-store")
	c.Data(http.StatusOK, "application/fhir+json", js)
}

// exportFilter reads ?flight= or ?from=&to= (sign-off dates).
func exportFilter(c *gin.Context) (clinic.ExportFilter, error) {
	var p clinic.Problems
	f := clinic.ExportFilter{Flight: strings.ToUpper(strings.TrimSpace(c.Query("flight")))}
	if d := dateField(&p, "from", c.Query("from")); !d.IsZero() {
		f.From = &d
	}
	if d := dateField(&p, "to", c.Query("to")); !d.IsZero() {
		f.To = &d
	}
	return f, p.Err()
}

// fhirBulk answers a flight's or a date range's signed assessments as FHIR Bulk Data NDJSON
// files and their manifest, in a ZIP written as it is made.
func (s *Server) fhirBulk(c *gin.Context) {
	f, err := exportFilter(c)
	if err != nil {
		fail(c, err)
		return
	}
	// The NDJSON files wait in a temporary directory until the ZIP is written: a date range
	// may hold thousands of people (about 30 KB each).
	tmp, err := os.MkdirTemp("", "mhac-fhir-export-")
	if err != nil {
		fail(c, clinic.Internal(err, "temporary directory"))
		return
	}
	defer os.RemoveAll(tmp)
	bulk, err := fhir.NewBulkIn(tmp)
	if err != nil {
		fail(c, clinic.Internal(err, "temporary directory"))
		return
	}
	defer bulk.Close()
	err = s.svc.ExportAssessments(c.Request.Context(), actor(c), f, auditFHIRBulk, false, func(rec clinic.ExportRecord) error {
		doc, err := fhir.Map(rec)
		if err != nil {
			return clinic.Internal(err, "map to FHIR")
		}
		if err := bulk.Add(doc); err != nil {
			return clinic.Internal(err, "write NDJSON")
		}
		return nil
	})
	if err != nil {
		fail(c, err)
		return
	}
	name := "fhir-export"
	if f.Flight != "" {
		name = safeName(f.Flight) + "-fhir"
	}
	c.Header("Content-Disposition", `attachment; filename="`+name+`.zip"`)
	c.Header("Cache-Control", "private, no-store")
	c.Header("Content-Type", "application/zip")
	c.Status(http.StatusOK)
	m := bulk.Manifest(s.svc.Now(), c.Request.URL.RequestURI(), true)
	if err := bulk.WriteZip(c.Writer, m); err != nil {
		slog.Error("fhir export cut short", "request_id", requestID(c), "err", logSafe(err))
	}
}

// personPackage answers one person's submission package.
func (s *Server) personPackage(c *gin.Context) {
	rec, err := s.svc.ExportAssessment(c.Request.Context(), actor(c), c.Param("id"), auditPackage, true)
	if err != nil {
		fail(c, err)
		return
	}
	doc, err := fhir.Map(rec)
	if err != nil {
		fail(c, clinic.Internal(err, "map to FHIR"))
		return
	}
	c.Header("Content-Disposition", fmt.Sprintf(`attachment; filename="%s_%s_package.zip"`, safeName(rec.Snapshot.Applicant.CaseNumber), rec.AssessmentID[:8]))
	c.Header("Cache-Control", "private, no-store")
	c.Header("Content-Type", "application/zip")
	c.Status(http.StatusOK)
	zw := zip.NewWriter(c.Writer)
	_, err = submission.Person(zw, "", rec, doc)
	if err == nil {
		err = zw.Close()
	}
	if err != nil {
		slog.Error("package cut short", "request_id", requestID(c), "err", logSafe(err))
	}
}

// flightPackages answers every person of a flight as a folder of one ZIP, written person by
// person; the answer starts with the first person, so a flight with nobody is still a problem.
func (s *Server) flightPackages(c *gin.Context) {
	flight := strings.ToUpper(c.Param("flight"))
	var pkg *submission.Flight
	err := s.svc.ExportAssessments(c.Request.Context(), actor(c), clinic.ExportFilter{Flight: flight}, auditPackage, true, func(rec clinic.ExportRecord) error {
		doc, err := fhir.Map(rec)
		if err != nil {
			return clinic.Internal(err, "map to FHIR")
		}
		if pkg == nil {
			c.Header("Content-Disposition", `attachment; filename="`+safeName(flight)+`-packages.zip"`)
			c.Header("Cache-Control", "private, no-store")
			c.Header("Content-Type", "application/zip")
			c.Status(http.StatusOK)
			pkg = submission.NewFlight(c.Writer, flight)
		}
		return pkg.Add(rec, doc)
	})
	switch {
	case err != nil && pkg == nil:
		fail(c, err)
	case err != nil:
		slog.Error("flight package cut short", "request_id", requestID(c), "err", logSafe(err))
	default:
		if err := pkg.Close(); err != nil {
			slog.Error("flight package cut short", "request_id", requestID(c), "err", logSafe(err))
		}
	}
}

// codeSystem publishes one of the project's FHIR code systems at its canonical URL.
func (s *Server) codeSystem(c *gin.Context) {
	cs, ok := fhir.CodeSystemOf(s.svc.PublicURL(), c.Param("name"))
	if !ok {
		fail(c, clinic.NotFound("code system"))
		return
	}
	c.Header("Cache-Control", "public, max-age=3600")
	c.Render(http.StatusOK, fhirJSON{cs})
}

// fhirJSON renders a value as application/fhir+json.
type fhirJSON struct{ v any }

func (r fhirJSON) Render(w http.ResponseWriter) error {
	r.WriteContentType(w)
	return json.NewEncoder(w).Encode(r.v)
}

func (r fhirJSON) WriteContentType(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/fhir+json")
}
