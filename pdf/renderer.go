package pdf

import (
	"context"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/pdf/pades"
)

// Renderer implements clinic.FormRenderer: it draws a form with gofpdf and signs it with the
// site's key.
type Renderer struct {
	Signer *pades.Signer
	Clock  clinic.Clock
}

// Render draws and signs one form.
func (r Renderer) Render(ctx context.Context, snap clinic.FormSnapshot, formType, verifyURL string) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return RenderSigned(snap, formType, verifyURL, r.Signer, SignInfoFor(snap, formType, r.Clock.Now()))
}
