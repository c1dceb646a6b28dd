package pades

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"time"
)

// Signer is a site's signing key with its certificate and the chain up to the deployment CA.
// Build one with NewSigner or LoadSigner, which check that the pieces belong together.
type Signer struct {
	Key   crypto.Signer       // RSA (2048 bits or more) or ECDSA P-256/P-384
	Cert  *x509.Certificate   // the site's signing certificate, whose public key is Key's
	Chain []*x509.Certificate // issuers from Cert up to and including the deployment CA
}

// SignInfo is what the signature says about the sign-off: Name is the physician who signed off,
// Reason says what the signature means, Time is the moment of signing (written to /M).
type SignInfo struct {
	Name        string
	Reason      string
	Location    string
	ContactInfo string
	Time        time.Time
}

// NewSigner checks that key matches cert and that the key is of a kind the signature supports.
func NewSigner(key crypto.Signer, cert *x509.Certificate, chain ...*x509.Certificate) (*Signer, error) {
	if key == nil || cert == nil {
		return nil, errors.New("signer needs a key and a certificate")
	}
	if err := checkKey(key.Public()); err != nil {
		return nil, err
	}
	pub, ok := key.Public().(interface{ Equal(crypto.PublicKey) bool })
	if !ok || !pub.Equal(cert.PublicKey) {
		return nil, fmt.Errorf("the key does not belong to the certificate %q", cert.Subject.CommonName)
	}
	for _, c := range chain {
		if c == nil {
			return nil, errors.New("nil certificate in chain")
		}
	}
	return &Signer{Key: key, Cert: cert, Chain: chain}, nil
}

func checkKey(pub crypto.PublicKey) error {
	switch k := pub.(type) {
	case *rsa.PublicKey:
		if k.N.BitLen() < 2048 {
			return fmt.Errorf("RSA key of %d bits is too small: want 2048 or more", k.N.BitLen())
		}
	case *ecdsa.PublicKey:
		if k.Curve != elliptic.P256() && k.Curve != elliptic.P384() {
			return fmt.Errorf("ECDSA curve %s is not supported: use P-256 or P-384", k.Curve.Params().Name)
		}
	default:
		return fmt.Errorf("key type %T is not supported: use RSA or ECDSA", pub)
	}
	return nil
}

// LoadSigner reads a PEM certificate file (the leaf first, optionally followed by its issuers),
// a PEM private key file (PKCS#8, PKCS#1 or SEC 1), and any further chain files.
func LoadSigner(certFile, keyFile string, chainFiles ...string) (*Signer, error) {
	certs, err := ReadCerts(certFile)
	if err != nil {
		return nil, err
	}
	for _, f := range chainFiles {
		more, err := ReadCerts(f)
		if err != nil {
			return nil, err
		}
		certs = append(certs, more...)
	}
	key, err := readKey(keyFile)
	if err != nil {
		return nil, err
	}
	return NewSigner(key, certs[0], certs[1:]...)
}

// LoadRoots builds the trust pool for Verify from PEM files, each holding one or more
// certificates. Keep retired CA and site certificates in it so forms signed before a key rotation
// still verify.
func LoadRoots(files ...string) (*x509.CertPool, error) {
	if len(files) == 0 {
		return nil, errors.New("no trust anchor files given")
	}
	pool := x509.NewCertPool()
	for _, f := range files {
		certs, err := ReadCerts(f)
		if err != nil {
			return nil, err
		}
		for _, c := range certs {
			pool.AddCert(c)
		}
	}
	return pool, nil
}

// ReadCerts reads every CERTIFICATE block of a PEM file, in order.
func ReadCerts(file string) ([]*x509.Certificate, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var certs []*x509.Certificate
	for rest := data; ; {
		var b *pem.Block
		b, rest = pem.Decode(rest)
		if b == nil {
			break
		}
		if b.Type != "CERTIFICATE" {
			continue
		}
		c, err := x509.ParseCertificate(b.Bytes)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		certs = append(certs, c)
	}
	if len(certs) == 0 {
		return nil, fmt.Errorf("%s: no PEM certificate found", file)
	}
	return certs, nil
}

func readKey(file string) (crypto.Signer, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	for rest := data; ; {
		var b *pem.Block
		b, rest = pem.Decode(rest)
		if b == nil {
			return nil, fmt.Errorf("%s: no PEM private key found", file)
		}
		var k any
		switch b.Type {
		case "PRIVATE KEY":
			k, err = x509.ParsePKCS8PrivateKey(b.Bytes)
		case "RSA PRIVATE KEY":
			k, err = x509.ParsePKCS1PrivateKey(b.Bytes)
		case "EC PRIVATE KEY":
			k, err = x509.ParseECPrivateKey(b.Bytes)
		case "ENCRYPTED PRIVATE KEY":
			return nil, fmt.Errorf("%s: encrypted private keys are not supported", file)
		default:
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		s, ok := k.(crypto.Signer)
		if !ok {
			return nil, fmt.Errorf("%s: key type %T cannot sign", file, k)
		}
		return s, nil
	}
}
