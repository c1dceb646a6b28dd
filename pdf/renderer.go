package pdf

import (
	"context"
	"errors"
	"strings"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/pdf/pades"
)

// Renderer implements clinic.FormRenderer: it draws a form with gofpdf and signs it with the
// site's key.
type Renderer struct {
	// Sites, when set, signs each form with the key of its own site (the snapshot's site code);
	// a site without a key gets no form rather than another site's signature.
	Sites *pades.SiteSigners
	// Signer signs every form when Sites is nil (one key named in the configuration).
	Signer *pades.Signer
	Clock  clinic.Clock
}

// Render draws and signs one form.
func (r Renderer) Render(ctx context.Context, snap clinic.FormSnapshot, formType, verifyURL string) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	signer := r.Signer
	if r.Sites != nil {
		var err error
		if signer, err = r.Sites.For(snap.Site.Code); err != nil {
			return nil, err // retried: the key may be installed meanwhile
		}
	}
	b, err := RenderSigned(snap, formType, verifyURL, signer, SignInfoFor(snap, formType, r.Clock.Now()))
	if errors.Is(err, ErrMissingData) || errors.Is(err, ErrUnknownForm) {
		// The same snapshot will always lack it: say so in words, and do not retry.
		return nil, &clinic.CannotDraw{Reason: plainReason(err)}
	}
	return b, err
}

// plainReason keeps the part of a drawing error a person can act on: "form 502 prints a chest
// X-ray reading and the snapshot has none".
func plainReason(err error) string {
	msg := err.Error()
	for _, sep := range []string{ErrMissingData.Error() + ": ", ErrUnknownForm.Error()} {
		if i := strings.LastIndex(msg, sep); i >= 0 {
			return strings.TrimSpace(strings.Replace(msg[i:], ErrMissingData.Error()+": ", "", 1))
		}
	}
	return msg
}
