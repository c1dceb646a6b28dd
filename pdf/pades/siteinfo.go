package pades

import (
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// CertInfo describes a site's current signing certificate, for the administrator's list of sites
// and `mhac keys show`.
type CertInfo struct {
	Subject     string
	Issuer      string
	Serial      string // hex
	Fingerprint string // SHA-256 of the certificate, as `openssl x509 -noout -fingerprint -sha256` prints it
	NotBefore   time.Time
	NotAfter    time.Time
	KeyType     string // e.g. "ECDSA P-256"
	Retired     int    // the site's earlier certificates, kept in DIR/retired so old forms verify
}

// ErrNoSiteKey is returned for a site with no certificate in the keys directory.
var ErrNoSiteKey = errors.New("no signing certificate for the site")

// SiteCertInfo describes the current certificate of a site in dir.
func SiteCertInfo(dir, siteCode string) (CertInfo, error) {
	if !siteCodeRE.MatchString(siteCode) {
		return CertInfo{}, fmt.Errorf("site code %q: want 2 to 10 capital letters or digits", siteCode)
	}
	p, err := KeyPaths(dir, siteCode)
	if err != nil {
		return CertInfo{}, err
	}
	certs, err := ReadCerts(p.SiteCert)
	if errors.Is(err, os.ErrNotExist) {
		return CertInfo{}, fmt.Errorf("%w %s in %s", ErrNoSiteKey, siteCode, dir)
	} else if err != nil {
		return CertInfo{}, err
	}
	info := Describe(certs[0])
	prefix := filepath.Join(dir, "retired", "site-"+siteCode+"-")
	for _, r := range p.Retired {
		if strings.HasPrefix(r, prefix) {
			info.Retired++
		}
	}
	return info, nil
}

// Describe summarises a certificate.
func Describe(c *x509.Certificate) CertInfo {
	sum := sha256.Sum256(c.Raw)
	hexes := make([]string, len(sum))
	for i, b := range sum {
		hexes[i] = fmt.Sprintf("%02X", b)
	}
	return CertInfo{Subject: c.Subject.String(), Issuer: c.Issuer.String(), Serial: fmt.Sprintf("%x", c.SerialNumber),
		Fingerprint: strings.Join(hexes, ":"), NotBefore: c.NotBefore.UTC(), NotAfter: c.NotAfter.UTC(), KeyType: KeyDescription(c)}
}

// KeyDescription names the kind of a certificate's public key, e.g. "ECDSA P-256" or "RSA 3072".
func KeyDescription(c *x509.Certificate) string {
	switch k := c.PublicKey.(type) {
	case *ecdsa.PublicKey:
		return "ECDSA " + k.Curve.Params().Name
	case *rsa.PublicKey:
		return fmt.Sprintf("RSA %d", k.N.BitLen())
	}
	return c.PublicKeyAlgorithm.String()
}

// EnsureSiteKeys gives a new site its signing key and certificate under the deployment CA, as
// `mhac keys init` does (InitKeys; the CA is made if the directory has none). A site whose key
// and certificate are already in dir (made beforehand with `mhac keys init`) keeps them: created
// is then false. Half a key pair is refused rather than replaced.
func EnsureSiteKeys(dir, siteCode, siteName string) (p Paths, created bool, err error) {
	if !siteCodeRE.MatchString(siteCode) {
		return Paths{}, false, fmt.Errorf("site code %q: want 2 to 10 capital letters or digits", siteCode)
	}
	p, err = KeyPaths(dir, siteCode)
	if err != nil {
		return Paths{}, false, err
	}
	if exists(p.SiteCert) || exists(p.SiteKey) {
		if _, err := LoadSigner(p.SiteCert, p.SiteKey); err != nil {
			return Paths{}, false, fmt.Errorf("%s holds an unusable key pair for site %s: %w", dir, siteCode, err)
		}
		return p, false, nil
	}
	p, err = InitKeys(dir, siteCode, siteName, false)
	return p, err == nil, err
}
