package clinic

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// RadiologyReport is one teleradiology report (an HL7 v2 ORU^R01 message, read by
// interop/hl7v2), kept with the study it matched until a radiologist confirms its findings.
type RadiologyReport struct {
	ID         string
	StudyID    string
	ControlID  string // MSH-10
	Accession  string // OBR-3 or ORC-3
	Status     string // F (final) | P (preliminary) | C (correction)
	Reader     string // OBR-32
	ReadAt     time.Time
	Report     string // the OBX text lines, in order
	File       string // where it came from: a file name, "POST"
	ReceivedAt time.Time
}

// RadiologyImportError is a message that could not be imported, kept whole for an admin with
// the reason: it did not parse, or it matched no study.
type RadiologyImportError struct {
	ID         string
	File       string
	ControlID  string
	Accession  string
	Reason     string
	Message    string // the message as received
	ReceivedAt time.Time
}

// RadiologyMessage is one message to import: its raw text, and what the HL7 reader made of it
// (Report), or why it could not read it (ParseError).
type RadiologyMessage struct {
	File       string
	Raw        []byte
	Report     RadiologyReport
	ParseError string
	// DryRun finds what would become of the message and keeps nothing.
	DryRun bool
}

// RadiologyImported is what became of one message.
type RadiologyImported struct {
	Matched   bool
	Duplicate bool   // the same message (control id) was kept for the study before
	StudyID   string // when matched
	Error     string // why it was not matched (kept in the error list)
}

// MaxRadiologyMessage bounds one kept message.
const MaxRadiologyMessage = 1 << 20

// ImportRadiology imports one teleradiology message: a report that matches a study by its
// accession number is kept with the study for a radiologist to confirm; a message that does not
// parse or matches nothing goes to the admins' error list with the reason. Nothing is lost, and
// the same message imported twice is kept once.
//
// Errors: forbidden, validation (an empty or oversized message).
func (s *Service) ImportRadiology(ctx context.Context, a Actor, m RadiologyMessage) (RadiologyImported, error) {
	if err := a.May(PermImportRadiology); err != nil {
		return RadiologyImported{}, err
	}
	return s.importRadiology(ctx, a, m)
}

// ImportRadiologyInbox is ImportRadiology for the worker that watches the inbox directory; it
// is recorded under the worker's name.
//
// Errors: validation (an empty or oversized message), unavailable, internal.
func (s *Service) ImportRadiologyInbox(ctx context.Context, m RadiologyMessage) (RadiologyImported, error) {
	return s.importRadiology(ctx, Actor{Username: "worker:radiology-inbox"}, m)
}

func (s *Service) importRadiology(ctx context.Context, a Actor, m RadiologyMessage) (RadiologyImported, error) {
	if len(m.Raw) == 0 || len(m.Raw) > MaxRadiologyMessage {
		return RadiologyImported{}, (&Problems{{Field: "message", Code: "size", Message: "Send one HL7 message of at most 1 MiB."}}).Err()
	}
	var out RadiologyImported
	err := s.tx(ctx, func(tx Tx) error {
		now := s.clock.Now()
		keep := func(reason string) error {
			out.Error = reason
			if m.DryRun {
				return nil
			}
			e := RadiologyImportError{ID: NewID(), File: m.File, ControlID: m.Report.ControlID, Accession: m.Report.Accession,
				Reason: reason, Message: strings.ToValidUTF8(string(m.Raw), "\uFFFD"), ReceivedAt: now}
			if err := tx.AddImportError(ctx, e); err != nil {
				return err
			}
			return tx.Audit(ctx, s.audit(a, "imaging.import_error", "radiology_import_error", e.ID))
		}
		if m.ParseError != "" {
			return keep(m.ParseError)
		}
		st, err := tx.StudyByAccession(ctx, m.Report.Accession)
		if ErrorOf(err).Code == ENotFound {
			return keep("no X-ray has the accession number " + clipText(m.Report.Accession, 40))
		}
		if err != nil {
			return err
		}
		if m.DryRun {
			out.Matched, out.StudyID = true, st.ID
			return nil
		}
		rep := m.Report
		rep.ID, rep.StudyID, rep.File, rep.ReceivedAt = NewID(), st.ID, m.File, now
		added, err := tx.AddRadiologyReport(ctx, rep)
		if err != nil {
			return err
		}
		out.Matched, out.Duplicate, out.StudyID = true, !added, st.ID
		if !added {
			return nil
		}
		return tx.Audit(ctx, s.audit(a, "imaging.import", "imaging_study", st.ID))
	})
	return out, err
}

func clipText(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

// RadiologyImportErrors lists the messages that could not be imported, newest first.
//
// Errors: forbidden.
func (s *Service) RadiologyImportErrors(ctx context.Context, a Actor, limit int) ([]RadiologyImportError, error) {
	if err := a.May(PermReadImportErrors); err != nil {
		return nil, err
	}
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	var out []RadiologyImportError
	err := s.store.Tx(ctx, func(tx Tx) error {
		var err error
		if out, err = tx.ImportErrors(ctx, limit); err != nil {
			return err
		}
		return tx.Audit(ctx, s.audit(a, "imaging.import_errors", "radiology_import_error", ""))
	})
	return out, err
}
