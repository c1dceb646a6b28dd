package pdf

import (
	"context"
	"errors"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/pdf/pades"
)

// SiteKeys implements clinic.SiteKeys over the keys directory of `mhac keys init`, with the same
// code (pades.InitKeys, pades.RotateKeys). Every process that signs reads the same directory
// (pades.SiteSigners), so a key made or rotated here is used from the next form on.
type SiteKeys struct {
	Dir     string
	KeyType pades.KeyType // of rotated keys; pades.DefaultKeyType when empty
}

// Ensure implements clinic.SiteKeys.
func (k SiteKeys) Ensure(ctx context.Context, code, name string) (clinic.SiteCertificate, bool, error) {
	if err := ctx.Err(); err != nil {
		return clinic.SiteCertificate{}, false, err
	}
	_, created, err := pades.EnsureSiteKeys(k.Dir, code, name)
	if err != nil {
		return clinic.SiteCertificate{}, false, err
	}
	cert, err := k.Certificate(ctx, code)
	return cert, created, err
}

// Rotate implements clinic.SiteKeys.
func (k SiteKeys) Rotate(ctx context.Context, code string) (clinic.SiteCertificate, error) {
	if err := ctx.Err(); err != nil {
		return clinic.SiteCertificate{}, err
	}
	kt := k.KeyType
	if kt == "" {
		kt = pades.DefaultKeyType
	}
	if _, err := pades.RotateKeys(k.Dir, code, kt); err != nil {
		if _, infoErr := pades.SiteCertInfo(k.Dir, code); errors.Is(infoErr, pades.ErrNoSiteKey) {
			return clinic.SiteCertificate{}, clinic.Errorf(clinic.EInvalidState, "Site %s has no signing key to rotate; run `mhac keys init --site %s` on the server.", code, code)
		}
		return clinic.SiteCertificate{}, clinic.Internal(err, "rotate the site's key")
	}
	return k.Certificate(ctx, code)
}

// Certificate implements clinic.SiteKeys.
func (k SiteKeys) Certificate(ctx context.Context, code string) (clinic.SiteCertificate, error) {
	info, err := pades.SiteCertInfo(k.Dir, code)
	if errors.Is(err, pades.ErrNoSiteKey) {
		return clinic.SiteCertificate{}, clinic.NotFound("Signing certificate")
	} else if err != nil {
		return clinic.SiteCertificate{}, clinic.Internal(err, "read the site's certificate")
	}
	return clinic.SiteCertificate{Subject: info.Subject, Issuer: info.Issuer, Serial: info.Serial, Fingerprint: info.Fingerprint,
		NotBefore: info.NotBefore, NotAfter: info.NotAfter, KeyType: info.KeyType, Retired: info.Retired}, nil
}
