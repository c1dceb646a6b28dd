package main

import (
	"crypto/x509"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/pdf/pades"
)

// verifier checks uploaded PDFs against the deployment's trust anchors for the verification page.
type verifier struct{ roots *x509.CertPool }

func (v verifier) VerifyPDF(pdf []byte) (clinic.SignatureCheck, error) {
	r, err := pades.Verify(pdf, v.roots)
	return clinic.SignatureCheck{Valid: r.Valid, WholeDocument: r.WholeDocument, Signer: r.Name, SignedAt: r.SignedAt, Problem: r.Problem}, err
}
