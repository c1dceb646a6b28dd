// Package wiring holds the small adapters that plug the pdf and protocols packages into the
// clinic and the API; cmd/mhac and the integration tests share them.
package wiring

import (
	"crypto/x509"
	"errors"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/pdf/pades"
	"github.com/mhac-clinic/mhac/protocols"
)

// Verifier checks PDFs against the deployment's trust anchors, for the verification page.
type Verifier struct{ Roots *x509.CertPool }

// VerifyPDF implements clinic.FormVerifier.
func (v Verifier) VerifyPDF(pdf []byte) (clinic.SignatureCheck, error) {
	r, err := pades.Verify(pdf, v.Roots)
	return clinic.SignatureCheck{Valid: r.Valid, WholeDocument: r.WholeDocument, Signer: r.Name, SignedAt: r.SignedAt, Problem: r.Problem}, err
}

// Catalog shows the engine's rule sets to the API.
type Catalog struct{ E *protocols.Engine }

// Summaries lists the rule sets.
func (c Catalog) Summaries() any { return c.E.Sets() }

// Detail is one rule set.
func (c Catalog) Detail(country, version string) (any, error) {
	d, err := c.E.Set(country, version)
	var ie clinic.AssessorInputError
	if errors.As(err, &ie) {
		return nil, clinic.NotFound("protocol " + country + " " + version)
	}
	return d, err
}
