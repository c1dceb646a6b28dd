package pdf

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/pdf/pades"
)

// RenderSigned draws the form and signs it (PAdES B-B, an incremental update over Render's bytes).
// The drawn content is deterministic; the signature is not (ECDSA signatures are randomised), so
// store the first signed file of a snapshot and serve that one.
func RenderSigned(snap clinic.FormSnapshot, form, verifyURL string, signer *pades.Signer, info pades.SignInfo) ([]byte, error) {
	if signer == nil {
		return nil, errors.New("pdf: no signer given")
	}
	doc, err := Render(snap, form, verifyURL)
	if err != nil {
		return nil, err
	}
	signed, err := pades.Sign(doc, signer, info)
	if err != nil {
		return nil, fmt.Errorf("pdf: sign %s: %w", form, err)
	}
	return signed, nil
}

// SignInfoFor is the signature dictionary of a form: the signing physician, what the signature
// means and where. at is the moment of signing, which must fall inside the certificate's validity.
func SignInfoFor(snap clinic.FormSnapshot, form string, at time.Time) pades.SignInfo {
	return pades.SignInfo{
		Name:     snap.Physician.Name,
		Reason:   "Medical form " + form + " signed off by " + snap.Physician.Name + " (" + snap.Physician.RegistrationID + ")",
		Location: strings.Join(nonEmpty(snap.Site.Name, cityCountry(snap.Site)), ", "),
		Time:     at,
	}
}
