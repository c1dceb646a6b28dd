package clinic

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"time"
)

// ConsentScan is a scan of the signed consent sheet (PDF or JPEG). Every upload is kept.
type ConsentScan struct {
	ID          string
	ApplicantID string
	SiteID      string
	ContentType string // application/pdf | image/jpeg
	Data        []byte // empty in a listing
	SHA256      string
	Size        int
	UploadedBy  string
	UploadedAt  time.Time
}

// MaxConsentScanBytes bounds a scan of the signed sheet.
const MaxConsentScanBytes = 4 << 20

// ConsentSheet is what the printed consent sheet of a person holds.
type ConsentSheet struct {
	Applicant   Applicant
	CaseNumber  string
	Destination string
	Consents    []Consent // as recorded, withdrawn ones included
	PrintedAt   time.Time
}

// ConsentSheetRenderer draws the consent sheet (the pdf package).
type ConsentSheetRenderer interface {
	ConsentSheet(s ConsentSheet) ([]byte, error)
}

// scanType tells the type of an uploaded scan by its first bytes, never by its name.
func scanType(data []byte) (string, error) {
	var p Problems
	switch {
	case len(data) == 0:
		p.Add("file", "required", "Choose the scan of the signed consent sheet (PDF or JPEG).")
	case len(data) > MaxConsentScanBytes:
		p.Add("file", "too_large", "The scan is larger than 4 MiB; scan it at a lower resolution.")
	case bytes.HasPrefix(data, []byte("%PDF-")):
		return "application/pdf", nil
	case bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}):
		return "image/jpeg", nil
	default:
		p.Add("file", "not_pdf_or_jpeg", "The scan must be a PDF or a JPEG image.")
	}
	return "", p.Err()
}

// AttachConsentScan keeps a scan of the person's signed consent sheet.
//
// Errors: forbidden, validation (field file: required, too_large, not_pdf_or_jpeg), not_found
// (no such person at the actor's site).
func (s *Service) AttachConsentScan(ctx context.Context, a Actor, applicantID string, data []byte) (ConsentScan, error) {
	if err := a.May(PermRecordConsent); err != nil {
		return ConsentScan{}, err
	}
	ct, err := scanType(data)
	if err != nil {
		return ConsentScan{}, err
	}
	sum := sha256.Sum256(data)
	sc := ConsentScan{ID: NewID(), ApplicantID: applicantID, SiteID: a.SiteID, ContentType: ct, Data: data,
		SHA256: hex.EncodeToString(sum[:]), Size: len(data), UploadedBy: a.UserID, UploadedAt: s.clock.Now()}
	err = s.store.Tx(ctx, func(tx Tx) error {
		if _, err := tx.ApplicantByID(ctx, a.SiteID, applicantID); err != nil {
			return err
		}
		if err := tx.AddConsentScan(ctx, sc); err != nil {
			return err
		}
		return tx.Audit(ctx, s.audit(a, "consent.scan", "applicant", applicantID))
	})
	sc.Data = nil
	return sc, err
}

// ConsentScans lists the scans of a person's signed sheet, newest first, without their bytes.
//
// Errors: forbidden, not_found (no such person at the actor's site).
func (s *Service) ConsentScans(ctx context.Context, a Actor, applicantID string) ([]ConsentScan, error) {
	if err := a.May(PermReadConsent); err != nil {
		return nil, err
	}
	var out []ConsentScan
	err := s.store.Tx(ctx, func(tx Tx) error {
		if _, err := tx.ApplicantByID(ctx, a.SiteID, applicantID); err != nil {
			return err
		}
		var err error
		if out, err = tx.ConsentScansOf(ctx, applicantID); err != nil {
			return err
		}
		return tx.Audit(ctx, s.audit(a, "consent.scans", "applicant", applicantID))
	})
	return out, err
}

// ConsentScan returns one scan with its bytes.
//
// Errors: forbidden, not_found (no such person at the actor's site, or no such scan of theirs).
func (s *Service) ConsentScan(ctx context.Context, a Actor, applicantID, scanID string) (ConsentScan, error) {
	if err := a.May(PermReadConsent); err != nil {
		return ConsentScan{}, err
	}
	var sc ConsentScan
	err := s.store.Tx(ctx, func(tx Tx) error {
		if _, err := tx.ApplicantByID(ctx, a.SiteID, applicantID); err != nil {
			return err
		}
		var err error
		if sc, err = tx.ConsentScanByID(ctx, applicantID, scanID); err != nil {
			return err
		}
		return tx.Audit(ctx, s.audit(a, "consent.scan_read", "applicant", applicantID))
	})
	return sc, err
}

// ConsentSheetPDF draws the printable consent sheet of a person, to sign.
//
// Errors: forbidden, not_found (no such person at the actor's site), unavailable (no renderer).
func (s *Service) ConsentSheetPDF(ctx context.Context, a Actor, applicantID string) ([]byte, error) {
	if err := a.May(PermReadConsent); err != nil {
		return nil, err
	}
	if s.sheets == nil {
		return nil, Errorf(EUnavailable, "The consent sheet cannot be drawn on this server.")
	}
	var sh ConsentSheet
	err := s.store.Tx(ctx, func(tx Tx) error {
		ap, err := tx.ApplicantByID(ctx, a.SiteID, applicantID)
		if err != nil {
			return err
		}
		c, err := tx.CaseByID(ctx, a.SiteID, ap.CaseID)
		if err != nil {
			return err
		}
		sh = ConsentSheet{Applicant: ap, CaseNumber: c.CaseNumber, Destination: c.Destination, PrintedAt: s.clock.Now()}
		if sh.Consents, err = tx.ConsentsOf(ctx, applicantID); err != nil {
			return err
		}
		return tx.Audit(ctx, s.audit(a, "consent.sheet", "applicant", applicantID))
	})
	if err != nil {
		return nil, err
	}
	b, err := s.sheets.ConsentSheet(sh)
	if err != nil {
		return nil, Internal(err, "draw consent sheet")
	}
	return b, nil
}
