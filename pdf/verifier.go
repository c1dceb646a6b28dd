package pdf

import (
	"context"
	"crypto/x509"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/pdf/pades"
)

// Verifier checks PDFs against the deployment's trust anchors, for the verification page.
type Verifier struct{ Roots *x509.CertPool }

// VerifyPDF implements clinic.FormVerifier.
func (v Verifier) VerifyPDF(ctx context.Context, pdf []byte) (clinic.SignatureCheck, error) {
	r, err := pades.VerifyContext(ctx, pdf, v.Roots)
	return clinic.SignatureCheck{Valid: r.Valid, WholeDocument: r.WholeDocument, Signer: r.Name, SignedAt: r.SignedAt, Problem: r.Problem}, err
}
