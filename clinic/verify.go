package clinic

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
)

// VerifyToken returns what the QR code's page shows. Unknown tokens are not found. The read is
// audited without a user.
//
// Errors: not_found (no form has this token).
func (s *Service) VerifyToken(ctx context.Context, token, requestID, ip string) (Form, error) {
	if len(token) < 8 || len(token) > 64 {
		return Form{}, NotFound("form")
	}
	var f Form
	err := s.store.Tx(ctx, func(tx Tx) error {
		var err error
		if f, err = tx.FormByToken(ctx, token); err != nil {
			return err
		}
		if f.Status == FormPending || f.Status == FormFailed {
			return NotFound("form")
		}
		return tx.Audit(ctx, AuditEntry{At: s.clock.Now(), Action: "form.verify", Record: "form", RecordID: f.ID, RequestID: requestID, IP: ip})
	})
	return f, err
}

// UploadCheck is the answer to "is this PDF that form, unaltered?".
type UploadCheck struct {
	Matches   bool
	Status    FormStatus
	Reason    string
	Signature SignatureCheck
}

// VerifyUpload checks an uploaded PDF against the form of a token: the same bytes as issued, and
// a valid signature over the whole document. The SHA-256 of the file is compared with the stored
// form's first: the same bytes are the form as issued and signed, and are answered without
// parsing them. Other files are read by the verifier (bounded, and stopped with ctx) only to
// say whose signature, if any, they carry.
//
// Errors: validation (no file), not_found (no form has this token).
func (s *Service) VerifyUpload(ctx context.Context, token string, pdf []byte, requestID, ip string) (UploadCheck, error) {
	f, err := s.VerifyToken(ctx, token, requestID, ip)
	if err != nil {
		return UploadCheck{}, err
	}
	if len(pdf) == 0 {
		return UploadCheck{}, (&Problems{{Field: "file", Code: "required", Message: "Choose the PDF file to check."}}).Err()
	}
	sum := sha256.Sum256(pdf)
	out := UploadCheck{Status: f.Status}
	if hex.EncodeToString(sum[:]) == f.SHA256 {
		out.Matches = true
		out.Signature = SignatureCheck{Valid: true, WholeDocument: true, Signer: f.SignerName}
		out.Reason = "This is the form as issued, unaltered, and it is valid."
		if f.Status != FormValid {
			out.Reason = "This is the form as issued, but it has been " + string(f.Status) + "."
		}
		return out, nil
	}
	out.Reason = "This file is not the form this code was issued for, or it was changed after signing."
	if s.verifier != nil {
		if out.Signature, err = s.verifier.VerifyPDF(ctx, pdf); err != nil {
			if ctx.Err() != nil {
				return UploadCheck{}, Errorf(EUnavailable, "The check was stopped before it ended.")
			}
			out.Signature = SignatureCheck{Problem: err.Error()}
		}
	}
	return out, nil
}
