package hl7v2

import (
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

// Messages cuts a file (or a pushed body) into messages and reads each as a radiology report;
// a message that cannot be read carries its ParseError, so that the clinic keeps it.
func Messages(file string, data []byte) []clinic.RadiologyMessage {
	var out []clinic.RadiologyMessage
	for _, raw := range Split(data) {
		m := clinic.RadiologyMessage{File: file, Raw: raw}
		r, err := ReadReport(raw)
		m.Report = r
		if err != nil {
			m.ParseError = err.Error()
		}
		out = append(out, m)
	}
	return out
}

// ImportLine is what `mhac import radiology` prints for each message (one JSON line), and what
// the push endpoint answers per message.
type ImportLine struct {
	File      string `json:"file"`
	ControlID string `json:"control_id"` // MSH-10
	Accession string `json:"accession"`
	Status    string `json:"status"` // F | P | C
	Reader    string `json:"reader"`
	ReadAt    string `json:"read_at"` // RFC 3339
	Report    string `json:"report"`
	Matched   bool   `json:"matched"`
	Error     string `json:"error"`
}

// Line describes one message and what became of it.
func Line(m clinic.RadiologyMessage, out clinic.RadiologyImported) ImportLine {
	l := ImportLine{File: m.File, ControlID: m.Report.ControlID, Accession: m.Report.Accession, Status: m.Report.Status,
		Reader: m.Report.Reader, Report: m.Report.Report, Matched: out.Matched, Error: out.Error}
	if !m.Report.ReadAt.IsZero() {
		l.ReadAt = m.Report.ReadAt.UTC().Format(time.RFC3339)
	}
	if m.ParseError != "" {
		l.Error = m.ParseError
	}
	return l
}
