package pades

import (
	"bytes"
	"crypto"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"errors"
	"fmt"
	"reflect"
	"time"
)

// Reading and checking the CMS SignedData of a signature. Every part that the signature does not
// cover itself (versions, algorithm identifiers, the certificates carried) is held to what this
// package writes, so that no byte of /Contents can change without the signature being refused.

type contentInfoASN struct {
	ContentType asn1.ObjectIdentifier
	Content     asn1.RawValue `asn1:"explicit,tag:0"`
}

type signedDataASN struct {
	Version          int
	DigestAlgorithms []pkix.AlgorithmIdentifier `asn1:"set"`
	EncapContentInfo encapContentInfoASN
	Certificates     asn1.RawValue   `asn1:"optional,tag:0"`
	SignerInfos      []signerInfoASN `asn1:"set"`
}

type encapContentInfoASN struct {
	EContentType asn1.ObjectIdentifier
	EContent     asn1.RawValue `asn1:"optional,explicit,tag:0"`
}

type signerInfoASN struct {
	Version            int
	SID                issuerAndSerialASN
	DigestAlgorithm    pkix.AlgorithmIdentifier
	SignedAttrs        asn1.RawValue `asn1:"optional,tag:0"`
	SignatureAlgorithm pkix.AlgorithmIdentifier
	Signature          []byte
	UnsignedAttrs      asn1.RawValue `asn1:"optional,tag:1"`
}

type issuerAndSerialASN struct {
	Issuer asn1.RawValue
	Serial asn1.RawValue
}

type attributeASN struct {
	Type   asn1.ObjectIdentifier
	Values []asn1.RawValue `asn1:"set"`
}

type essCertIDv2ASN struct {
	HashAlgorithm pkix.AlgorithmIdentifier `asn1:"optional"`
	CertHash      []byte
	IssuerSerial  asn1.RawValue `asn1:"optional"`
}

// parsedCMS is what verification needs from a SignedData.
type parsedCMS struct {
	certs       []*x509.Certificate
	signer      *x509.Certificate
	attrs       map[string][]byte // attribute OID -> its single value, DER
	signedAttrs []byte            // the DER SET the signature is over
	sigAlg      x509.SignatureAlgorithm
	signature   []byte
}

func parseCMS(der []byte) (*parsedCMS, error) {
	var outer asn1.RawValue
	rest, err := asn1.Unmarshal(der, &outer)
	if err != nil {
		return nil, fmt.Errorf("signature is not a CMS structure: %v", err)
	}
	if len(bytes.Trim(rest, "\x00")) != 0 {
		return nil, errors.New("data after the CMS signature in /Contents")
	}
	var ci contentInfoASN
	if err := unmarshalDER(outer.FullBytes, &ci); err != nil {
		return nil, fmt.Errorf("signature is not a CMS structure: %v", err)
	}
	if !ci.ContentType.Equal(oidSignedData) {
		return nil, fmt.Errorf("CMS content type %v is not SignedData", ci.ContentType)
	}
	var sd signedDataASN
	if err := unmarshalDER(ci.Content.Bytes, &sd); err != nil {
		return nil, fmt.Errorf("malformed SignedData: %v", err)
	}
	if sd.Version != 1 || len(sd.SignerInfos) != 1 || len(sd.DigestAlgorithms) != 1 {
		return nil, errors.New("SignedData must be version 1 with exactly one signer and digest algorithm")
	}
	if !sd.EncapContentInfo.EContentType.Equal(oidData) || len(sd.EncapContentInfo.EContent.FullBytes) != 0 {
		return nil, errors.New("SignedData is not a detached signature over data")
	}
	si := sd.SignerInfos[0]
	if si.Version != 1 || len(si.UnsignedAttrs.FullBytes) != 0 {
		return nil, errors.New("SignerInfo must be version 1 without unsigned attributes")
	}
	if !sd.DigestAlgorithms[0].Algorithm.Equal(oidSHA256) || !si.DigestAlgorithm.Algorithm.Equal(oidSHA256) ||
		!noParams(sd.DigestAlgorithms[0]) || !noParams(si.DigestAlgorithm) {
		return nil, errors.New("digest algorithm is not SHA-256")
	}
	p := &parsedCMS{signature: si.Signature}
	if p.sigAlg, err = signatureAlgorithm(si.SignatureAlgorithm); err != nil {
		return nil, err
	}
	if p.certs, err = x509.ParseCertificates(sd.Certificates.Bytes); err != nil || len(p.certs) == 0 {
		return nil, fmt.Errorf("certificates in the signature cannot be read: %v", err)
	}
	for _, c := range p.certs {
		if bytes.Equal(c.RawIssuer, si.SID.Issuer.FullBytes) && bytes.Equal(c.SerialNumber.Bytes(), serialBytes(si.SID.Serial)) {
			p.signer = c
		}
	}
	if p.signer == nil {
		return nil, errors.New("the signer's certificate is not in the signature")
	}
	return p, p.readAttributes(si.SignedAttrs)
}

// serialBytes is the magnitude of a positive DER INTEGER, as big.Int.Bytes gives it.
func serialBytes(v asn1.RawValue) []byte {
	if v.Tag != asn1.TagInteger || len(v.Bytes) == 0 || v.Bytes[0]&0x80 != 0 {
		return nil
	}
	return bytes.TrimLeft(v.Bytes, "\x00")
}

// unmarshalDER parses der into v and insists that v encodes back to exactly der: Go's parser
// tolerates extra bytes at the end of a SEQUENCE, which would let bytes change unnoticed.
func unmarshalDER(der []byte, v any) error {
	rest, err := asn1.Unmarshal(der, v)
	if err != nil {
		return err
	}
	if len(rest) != 0 {
		return errors.New("trailing data")
	}
	again, err := asn1.Marshal(reflect.ValueOf(v).Elem().Interface())
	if err != nil || !bytes.Equal(again, der) {
		return errors.New("not in DER form")
	}
	return nil
}

func noParams(a pkix.AlgorithmIdentifier) bool {
	return len(a.Parameters.FullBytes) == 0 || bytes.Equal(a.Parameters.FullBytes, []byte{tagNull, 0})
}

func signatureAlgorithm(a pkix.AlgorithmIdentifier) (x509.SignatureAlgorithm, error) {
	switch {
	case (a.Algorithm.Equal(oidSHA256WithRSA) || a.Algorithm.Equal(oidRSAEncryption)) &&
		bytes.Equal(a.Parameters.FullBytes, []byte{tagNull, 0}):
		return x509.SHA256WithRSA, nil
	case a.Algorithm.Equal(oidECDSAWithSHA256) && len(a.Parameters.FullBytes) == 0:
		return x509.ECDSAWithSHA256, nil
	}
	return 0, fmt.Errorf("signature algorithm %v is not supported", a.Algorithm)
}

// readAttributes checks the signed attributes are well formed, each present once with one value.
func (p *parsedCMS) readAttributes(raw asn1.RawValue) error {
	if len(raw.FullBytes) == 0 {
		return errors.New("the signature has no signed attributes")
	}
	// The signature covers the attributes with their universal SET tag, not the [0] of SignerInfo.
	p.signedAttrs = append([]byte{tagSet}, raw.FullBytes[1:]...)
	var attrs []attributeASN
	if rest, err := asn1.UnmarshalWithParams(p.signedAttrs, &attrs, "set"); err != nil || len(rest) != 0 {
		return fmt.Errorf("malformed signed attributes: %v", err)
	}
	p.attrs = map[string][]byte{}
	for _, a := range attrs {
		k := a.Type.String()
		if _, dup := p.attrs[k]; dup || len(a.Values) != 1 {
			return fmt.Errorf("signed attribute %s must appear once with one value", k)
		}
		p.attrs[k] = a.Values[0].FullBytes
	}
	return nil
}

// checkAttributes compares the signed attributes with the document digest and signer certificate.
func (p *parsedCMS) checkAttributes(digest []byte, cadES bool) error {
	var ct asn1.ObjectIdentifier
	if v, ok := p.attrs[oidContentType.String()]; !ok {
		return errors.New("content-type attribute missing")
	} else if rest, err := asn1.Unmarshal(v, &ct); err != nil || len(rest) != 0 || !ct.Equal(oidData) {
		return errors.New("content-type attribute is not id-data")
	}
	var md []byte
	if v, ok := p.attrs[oidMessageDigest.String()]; !ok {
		return errors.New("message-digest attribute missing")
	} else if rest, err := asn1.Unmarshal(v, &md); err != nil || len(rest) != 0 {
		return errors.New("message-digest attribute is malformed")
	}
	if !bytes.Equal(md, digest) {
		return errors.New("the document was changed after it was signed: its digest does not match the signed message-digest")
	}
	if _, ok := p.attrs[oidSigningTime.String()]; ok && cadES {
		return errors.New("CMS signing-time attribute present: PAdES puts the signing time in /M only")
	}
	v, ok := p.attrs[oidSigningCertificateV2.String()]
	if !ok {
		return errors.New("signing-certificate-v2 attribute missing (PAdES requires it)")
	}
	var sc struct {
		Certs    []essCertIDv2ASN
		Policies asn1.RawValue `asn1:"optional"`
	}
	if rest, err := asn1.Unmarshal(v, &sc); err != nil || len(rest) != 0 || len(sc.Certs) == 0 {
		return errors.New("signing-certificate-v2 attribute is malformed")
	}
	id := sc.Certs[0]
	if len(id.HashAlgorithm.Algorithm) != 0 && !id.HashAlgorithm.Algorithm.Equal(oidSHA256) {
		return fmt.Errorf("signing-certificate-v2 hash %v is not supported", id.HashAlgorithm.Algorithm)
	}
	h := crypto.SHA256.New()
	h.Write(p.signer.Raw)
	if !bytes.Equal(h.Sum(nil), id.CertHash) {
		return errors.New("signing-certificate-v2 does not name the certificate that signed")
	}
	return nil
}

// checkChain verifies the signer certificate up to roots at time at, and that every certificate
// carried in the signature is intact.
func (p *parsedCMS) checkChain(roots *x509.CertPool, at time.Time) error {
	inter := x509.NewCertPool()
	for _, c := range p.certs {
		if c != p.signer {
			inter.AddCert(c)
		}
	}
	chains, err := p.signer.Verify(x509.VerifyOptions{
		Roots:         roots,
		Intermediates: inter,
		CurrentTime:   at,
		// Document signing is not a usage Go's verifier knows; key usage is checked below.
		KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny},
	})
	if err != nil {
		return fmt.Errorf("signer certificate %q is not trusted: %v", p.signer.Subject.CommonName, err)
	}
	if ku := p.signer.KeyUsage; ku != 0 && ku&(x509.KeyUsageDigitalSignature|x509.KeyUsageContentCommitment) == 0 {
		return errors.New("signer certificate is not for digital signatures")
	}
	inChain := map[string]bool{}
	for _, ch := range chains {
		for _, c := range ch {
			inChain[string(c.Raw)] = true
		}
	}
	for _, c := range p.certs {
		if !inChain[string(c.Raw)] && !p.issuedWithin(c) {
			return fmt.Errorf("certificate %q carried in the signature is damaged or unrelated to the signer", c.Subject.CommonName)
		}
	}
	return nil
}

// issuedWithin reports whether c bears a valid signature from a certificate carried with it (or
// itself): a carried certificate the trusted chain did not need, such as the CA when the site
// certificate is itself the anchor, must still be intact.
func (p *parsedCMS) issuedWithin(c *x509.Certificate) bool {
	for _, issuer := range p.certs {
		if c.CheckSignatureFrom(issuer) == nil {
			return true
		}
	}
	return false
}
