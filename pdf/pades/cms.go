package pades

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/asn1"
	"fmt"
	"sort"
)

// The CMS SignedData (RFC 5652) of a PAdES baseline B-B signature, written by hand because the
// signed attributes must be exactly: content-type, message-digest and ESS signing-certificate-v2
// (RFC 5035). PAdES forbids the CMS signing-time attribute; the time goes in the PDF's /M.

var (
	oidData                 = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 1}
	oidSignedData           = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 2}
	oidContentType          = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 3}
	oidMessageDigest        = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 4}
	oidSigningTime          = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 5}
	oidSigningCertificateV2 = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 16, 2, 47}
	oidSHA256               = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 1}
	oidRSAEncryption        = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 1}
	oidSHA256WithRSA        = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 11}
	oidECDSAWithSHA256      = asn1.ObjectIdentifier{1, 2, 840, 10045, 4, 3, 2}
)

// DER tags used below.
const (
	tagInteger     = 0x02
	tagOctetString = 0x04
	tagNull        = 0x05
	tagSequence    = 0x30
	tagSet         = 0x31
	tagContext0    = 0xa0 // [0] constructed
	tagContext4    = 0xa4 // [4] constructed: GeneralName directoryName
)

// tlv encodes one DER element from its tag and contents.
func tlv(tag byte, content ...[]byte) []byte {
	n := 0
	for _, c := range content {
		n += len(c)
	}
	out := []byte{tag}
	switch {
	case n < 0x80:
		out = append(out, byte(n))
	case n < 0x100:
		out = append(out, 0x81, byte(n))
	case n < 0x10000:
		out = append(out, 0x82, byte(n>>8), byte(n))
	default:
		out = append(out, 0x83, byte(n>>16), byte(n>>8), byte(n))
	}
	for _, c := range content {
		out = append(out, c...)
	}
	return out
}

func oid(o asn1.ObjectIdentifier) []byte {
	b, err := asn1.Marshal(o)
	if err != nil {
		panic(err) // only fixed, valid OIDs are passed
	}
	return b
}

// setOf encodes a DER SET OF: its elements sorted by their encodings.
func setOf(elems ...[]byte) []byte {
	sorted := append([][]byte(nil), elems...)
	sort.Slice(sorted, func(i, j int) bool { return bytes.Compare(sorted[i], sorted[j]) < 0 })
	return tlv(tagSet, sorted...)
}

func attribute(typ asn1.ObjectIdentifier, value []byte) []byte {
	return tlv(tagSequence, oid(typ), setOf(value))
}

// signedAttributes returns the DER SET of the signed attributes: what the key actually signs.
func signedAttributes(cert []byte, issuer []byte, serial []byte, digest []byte) []byte {
	certHash := sha256.Sum256(cert)
	// ESSCertIDv2 with the default hash (SHA-256) omitted, as DER requires, and the issuer/serial
	// that pins which certificate of that name is meant.
	issuerSerial := tlv(tagSequence, tlv(tagSequence, tlv(tagContext4, issuer)), serial)
	essCertID := tlv(tagSequence, tlv(tagOctetString, certHash[:]), issuerSerial)
	signingCert := tlv(tagSequence, tlv(tagSequence, essCertID))
	return setOf(
		attribute(oidContentType, oid(oidData)),
		attribute(oidMessageDigest, tlv(tagOctetString, digest)),
		attribute(oidSigningCertificateV2, signingCert),
	)
}

func algorithms(pub crypto.PublicKey) (sigAlg []byte, maxSig int, err error) {
	switch k := pub.(type) {
	case *rsa.PublicKey:
		return tlv(tagSequence, oid(oidSHA256WithRSA), tlv(tagNull)), (k.N.BitLen() + 7) / 8, nil
	case *ecdsa.PublicKey:
		// SEQUENCE of two INTEGERs, each at most one byte longer than the field.
		coord := (k.Curve.Params().BitSize + 7) / 8
		return tlv(tagSequence, oid(oidECDSAWithSHA256)), 6 + 2*(coord+1), nil
	}
	return nil, 0, fmt.Errorf("key type %T is not supported", pub)
}

// assembleCMS wraps the signed attributes and signature into a ContentInfo carrying SignedData.
func assembleCMS(s *Signer, attrs, sigAlg, signature []byte) ([]byte, error) {
	serial, err := asn1.Marshal(s.Cert.SerialNumber)
	if err != nil {
		return nil, fmt.Errorf("certificate serial: %w", err)
	}
	digestAlg := tlv(tagSequence, oid(oidSHA256))
	certs := [][]byte{s.Cert.Raw}
	for _, c := range s.Chain {
		certs = append(certs, c.Raw)
	}
	signerInfo := tlv(tagSequence,
		[]byte{tagInteger, 1, 1}, // version 1: signer identified by issuer and serial number
		tlv(tagSequence, s.Cert.RawIssuer, serial),
		digestAlg,
		tlv(tagContext0, attrs[headerLen(attrs):]), // [0] IMPLICIT: same contents, context tag
		sigAlg,
		tlv(tagOctetString, signature),
	)
	signedData := tlv(tagSequence,
		[]byte{tagInteger, 1, 1},
		setOf(digestAlg),
		tlv(tagSequence, oid(oidData)), // detached: no eContent
		tlv(tagContext0, certs...),
		setOf(signerInfo),
	)
	return tlv(tagSequence, oid(oidSignedData), tlv(tagContext0, signedData)), nil
}

// headerLen is the length of a DER element's tag and length octets.
func headerLen(der []byte) int {
	if der[1] < 0x80 {
		return 2
	}
	return 2 + int(der[1]&0x7f)
}

// createCMS signs digest (the SHA-256 of the PDF's byte ranges) with s.
func createCMS(s *Signer, digest []byte) ([]byte, error) {
	sigAlg, _, err := algorithms(s.Key.Public())
	if err != nil {
		return nil, err
	}
	attrs, err := attributesFor(s, digest)
	if err != nil {
		return nil, err
	}
	h := sha256.Sum256(attrs)
	sig, err := s.Key.Sign(rand.Reader, h[:], crypto.SHA256)
	if err != nil {
		return nil, fmt.Errorf("signing: %w", err)
	}
	return assembleCMS(s, attrs, sigAlg, sig)
}

// maxCMSLen is the largest CMS createCMS can return for s: the size of /Contents to reserve.
func maxCMSLen(s *Signer) (int, error) {
	sigAlg, maxSig, err := algorithms(s.Key.Public())
	if err != nil {
		return 0, err
	}
	attrs, err := attributesFor(s, make([]byte, sha256.Size))
	if err != nil {
		return 0, err
	}
	cms, err := assembleCMS(s, attrs, sigAlg, make([]byte, maxSig))
	return len(cms), err
}

func attributesFor(s *Signer, digest []byte) ([]byte, error) {
	serial, err := asn1.Marshal(s.Cert.SerialNumber)
	if err != nil {
		return nil, fmt.Errorf("certificate serial: %w", err)
	}
	return signedAttributes(s.Cert.Raw, s.Cert.RawIssuer, serial, digest), nil
}
