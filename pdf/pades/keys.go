package pades

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"time"
)

// A deployment has one CA, kept in DIR/ca.{crt,key}, which issues one signing certificate per site
// (DIR/site-KGL.{crt,key}). Certificates replaced by a rotation move to DIR/retired/ and stay in
// the trust pool, so forms signed before the rotation still verify; retired keys are deleted.

// KeyType names the kind of key to generate.
type KeyType string

const (
	ECDSAP256 KeyType = "ecdsa-p256"
	RSA3072   KeyType = "rsa-3072"
	// DefaultKeyType is ECDSA P-256: it signs a form about 25 times faster than RSA-3072 (see
	// docs/bench/pades.md) and pdfsig verifies it.
	DefaultKeyType = ECDSAP256
)

const (
	caValidity   = 20 * 365 * 24 * time.Hour
	siteValidity = 5 * 365 * 24 * time.Hour
	organization = "MHAC"
)

// oidDocumentSigning is id-kp-documentSigning (RFC 9336).
var oidDocumentSigning = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 3, 36}

var siteCodeRE = regexp.MustCompile(`^[A-Z0-9]{2,10}$`)

// Paths are the files of a deployment's keys.
type Paths struct {
	CACert, CAKey     string
	SiteCert, SiteKey string
	Retired           []string // retired certificates, still trusted for verification
}

// TrustFiles are the certificate files Verify's pool should hold: the CA and every retired cert.
func (p Paths) TrustFiles() []string {
	return append([]string{p.CACert}, p.Retired...)
}

// KeyPaths names the files for a site in dir, whether or not they exist yet.
func KeyPaths(dir, siteCode string) (Paths, error) {
	retired, err := filepath.Glob(filepath.Join(dir, "retired", "*.crt"))
	if err != nil {
		return Paths{}, err
	}
	sort.Strings(retired)
	return Paths{
		CACert:   filepath.Join(dir, "ca.crt"),
		CAKey:    filepath.Join(dir, "ca.key"),
		SiteCert: filepath.Join(dir, "site-"+siteCode+".crt"),
		SiteKey:  filepath.Join(dir, "site-"+siteCode+".key"),
		Retired:  retired,
	}, nil
}

// InitKeys creates the deployment CA (unless dir already has one) and the site's signing key and
// certificate, with DefaultKeyType. It refuses to replace an existing site key unless force is
// set; with force it makes a new CA and site key and retires the old certificates.
func InitKeys(dir, siteCode, siteName string, force bool) (Paths, error) {
	return InitKeysOfType(dir, siteCode, siteName, DefaultKeyType, force)
}

// InitKeysOfType is InitKeys with a chosen key type.
func InitKeysOfType(dir, siteCode, siteName string, kt KeyType, force bool) (Paths, error) {
	if !siteCodeRE.MatchString(siteCode) {
		return Paths{}, fmt.Errorf("site code %q: want 2 to 10 capital letters or digits", siteCode)
	}
	if siteName == "" {
		return Paths{}, errors.New("site name is required")
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return Paths{}, err
	}
	p, _ := KeyPaths(dir, siteCode)
	if exists(p.SiteKey) || exists(p.SiteCert) {
		if !force {
			return Paths{}, fmt.Errorf("%s already has keys for site %s: use --force to replace them", dir, siteCode)
		}
		if err := retire(p.SiteCert, p.SiteKey, dir); err != nil {
			return Paths{}, err
		}
	}
	if force && exists(p.CACert) {
		if err := retire(p.CACert, p.CAKey, dir); err != nil {
			return Paths{}, err
		}
	}
	if !exists(p.CACert) {
		if err := makeCA(p, kt); err != nil {
			return Paths{}, err
		}
	}
	if err := issueSite(p, siteCode, siteName, kt); err != nil {
		return Paths{}, err
	}
	return KeyPaths(dir, siteCode)
}

// RotateKeys gives the site a new key and certificate from the same CA, retiring the old one.
func RotateKeys(dir, siteCode string, kt KeyType) (Paths, error) {
	p, err := KeyPaths(dir, siteCode)
	if err != nil {
		return Paths{}, err
	}
	old, err := ReadCerts(p.SiteCert)
	if err != nil {
		return Paths{}, fmt.Errorf("no current key for site %s to rotate: %w", siteCode, err)
	}
	// Check the CA key and the key type before retiring anything: a failed rotation must leave
	// the site with its old key rather than none.
	if _, err := readKey(p.CAKey); err != nil {
		return Paths{}, fmt.Errorf("the CA key is needed to issue a site certificate: %w", err)
	}
	if kt != ECDSAP256 && kt != RSA3072 {
		return Paths{}, fmt.Errorf("key type %q: want %s or %s", kt, ECDSAP256, RSA3072)
	}
	if err := retire(p.SiteCert, p.SiteKey, dir); err != nil {
		return Paths{}, err
	}
	if err := issueSite(p, siteCode, old[0].Subject.CommonName, kt); err != nil {
		return Paths{}, err
	}
	return KeyPaths(dir, siteCode)
}

func makeCA(p Paths, kt KeyType) error {
	key, err := generateKey(kt)
	if err != nil {
		return err
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		Subject:               pkix.Name{CommonName: "MHAC Deployment CA", Organization: []string{organization}},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(caValidity),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
		BasicConstraintsValid: true,
		IsCA:                  true,
		MaxPathLenZero:        true, // the CA signs site certificates only
	}
	return issue(tmpl, nil, key, key, p.CACert, p.CAKey)
}

func issueSite(p Paths, siteCode, siteName string, kt KeyType) error {
	caCerts, err := ReadCerts(p.CACert)
	if err != nil {
		return err
	}
	caKey, err := readKey(p.CAKey)
	if err != nil {
		return fmt.Errorf("the CA key is needed to issue a site certificate: %w", err)
	}
	key, err := generateKey(kt)
	if err != nil {
		return err
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		Subject: pkix.Name{
			CommonName:         siteName,
			Organization:       []string{organization},
			OrganizationalUnit: []string{siteCode},
		},
		NotBefore:          now.Add(-time.Hour),
		NotAfter:           now.Add(siteValidity),
		KeyUsage:           x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment,
		ExtKeyUsage:        []x509.ExtKeyUsage{x509.ExtKeyUsageEmailProtection},
		UnknownExtKeyUsage: []asn1.ObjectIdentifier{oidDocumentSigning},
	}
	return issue(tmpl, caCerts[0], key, caKey, p.SiteCert, p.SiteKey)
}

// issue signs tmpl (self-signed when parent is nil) and writes the certificate and key.
func issue(tmpl, parent *x509.Certificate, key, parentKey crypto.Signer, certFile, keyFile string) error {
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		return err
	}
	tmpl.SerialNumber = serial.Add(serial, big.NewInt(1)) // positive and non-zero
	if parent == nil {
		parent = tmpl
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, key.Public(), parentKey)
	if err != nil {
		return fmt.Errorf("creating certificate: %w", err)
	}
	pk, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return err
	}
	if err := writeNew(keyFile, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: pk}), 0o600); err != nil {
		return err
	}
	return writeNew(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644)
}

func generateKey(kt KeyType) (crypto.Signer, error) {
	switch kt {
	case ECDSAP256:
		return ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	case RSA3072:
		return rsa.GenerateKey(rand.Reader, 3072)
	}
	return nil, fmt.Errorf("key type %q: want %s or %s", kt, ECDSAP256, RSA3072)
}

// retire moves a certificate to dir/retired (named by its serial) and deletes its key: a
// replaced key has no further use, while its certificate still verifies old forms.
func retire(certFile, keyFile, dir string) error {
	if exists(certFile) {
		certs, err := ReadCerts(certFile)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Join(dir, "retired"), 0o700); err != nil {
			return err
		}
		base := filepath.Base(certFile)
		dst := filepath.Join(dir, "retired", fmt.Sprintf("%s-%x.crt", base[:len(base)-4], certs[0].SerialNumber))
		if err := os.Rename(certFile, dst); err != nil {
			return err
		}
	}
	if err := os.Remove(keyFile); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}

// writeNew writes a file that must not exist yet, through a temporary file so that a crash never
// leaves half a key behind.
func writeNew(file string, data []byte, mode os.FileMode) error {
	tmp, err := os.CreateTemp(filepath.Dir(file), ".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(mode); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	// A hard link, unlike a rename, fails rather than replace a file that appeared meanwhile.
	if err := os.Link(tmp.Name(), file); err != nil {
		if errors.Is(err, os.ErrExist) {
			return fmt.Errorf("%s already exists", file)
		}
		return err
	}
	return nil
}

func exists(file string) bool {
	_, err := os.Stat(file)
	return err == nil
}
