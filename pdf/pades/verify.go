package pades

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"time"
)

// Result is what Verify found about the document's last signature.
type Result struct {
	Valid         bool      // the signature is intact, trusted and covers the whole file
	WholeDocument bool      // the signed byte ranges are the whole file except /Contents
	Signer        string    // common name of the signing certificate (the site)
	Name, Reason  string    // /Name (the physician) and /Reason of the signature
	SignedAt      time.Time // /M
	Problem       string    // why the signature is not valid; empty when it is
}

// Verify checks the last signature of pdf against the trust anchors in roots. A document that
// carries a signature but fails a check gives Valid false and a Problem, with a nil error. The
// error is set (and Problem says the same) when pdf cannot be read as a signed PDF at all.
//
// A B-B signature carries no trusted time, so the certificate chain is checked at the signing
// time in /M: a form stays valid after its site certificate expires or is rotated, as long as
// the pool still holds its anchor. Revocation is not checked.
func Verify(pdf []byte, roots *x509.CertPool) (Result, error) {
	return VerifyContext(context.Background(), pdf, roots)
}

// VerifyContext is Verify that stops, with ctx's error, once ctx ends. The reader's work is
// bounded as well: a file that needs far more parsing than its size gives ErrWorkBudget.
func VerifyContext(ctx context.Context, pdf []byte, roots *x509.CertPool) (Result, error) {
	fail := func(err error) (Result, error) {
		return Result{Problem: err.Error()}, err
	}
	if roots == nil {
		return fail(errors.New("pades: no trust anchors given"))
	}
	if err := ctx.Err(); err != nil {
		return fail(err)
	}
	doc, err := parseDocument(pdf)
	if err != nil {
		return fail(fmt.Errorf("pades: reading PDF: %w", err))
	}
	doc.ctx = ctx
	sig, err := doc.lastSignature()
	if err != nil {
		return fail(fmt.Errorf("pades: %w", err))
	}
	r := Result{
		Name:     sig.text("Name"),
		Reason:   sig.text("Reason"),
		SignedAt: sig.signedAt,
	}
	r.WholeDocument = sig.start == 0 && sig.end == len(pdf)
	if err := doc.checkSignature(sig, roots, &r); err != nil {
		r.Problem = err.Error()
		return r, nil
	}
	if !r.WholeDocument {
		r.Problem = fmt.Sprintf("the signature covers bytes 0 to %d of %d: the file was changed after signing", sig.end, len(pdf))
		return r, nil
	}
	r.Valid = true
	return r, nil
}

// checkSignature runs every check of one signature, filling r.Signer once the CMS is read.
func (d *document) checkSignature(sig *signature, roots *x509.CertPool, r *Result) error {
	if sig.dateErr != nil {
		return fmt.Errorf("signature /M: %v", sig.dateErr)
	}
	contents, err := d.checkHole(sig)
	if err != nil {
		return err
	}
	cms, err := parseCMS(contents)
	if err != nil {
		return err
	}
	r.Signer = cms.signer.Subject.CommonName
	// The signature over the attributes first: if it fails the CMS itself was altered, while a
	// digest mismatch under a good signature means the document was.
	if err := cms.signer.CheckSignature(cms.sigAlg, cms.signedAttrs, cms.signature); err != nil {
		return fmt.Errorf("the CMS signature does not verify: %v", err)
	}
	h := sha256.New()
	h.Write(d.data[sig.start:sig.holeStart])
	h.Write(d.data[sig.holeEnd:sig.end])
	if err := cms.checkAttributes(h.Sum(nil), sig.subFilter == "ETSI.CAdES.detached"); err != nil {
		return err
	}
	at := sig.signedAt
	if at.IsZero() {
		at = time.Now()
	}
	return cms.checkChain(roots, at)
}

// checkHole makes sure the gap between the byte ranges is exactly the /Contents string of the
// signature dictionary, with nothing else hidden in it, and returns the decoded CMS.
func (d *document) checkHole(sig *signature) ([]byte, error) {
	a, b := sig.holeStart, sig.holeEnd
	if a <= sig.objStart || b >= sig.objEnd {
		return nil, errors.New("/ByteRange does not leave out exactly the signature's /Contents")
	}
	if d.data[a] != '<' || d.data[b-1] != '>' {
		return nil, errors.New("/ByteRange does not leave out exactly the signature's /Contents")
	}
	if !bytes.HasSuffix(bytes.TrimRight(d.data[sig.objStart:a], " \r\n\t\f\x00"), []byte("/Contents")) {
		return nil, errors.New("the gap in /ByteRange is not the /Contents value")
	}
	digits := d.data[a+1 : b-1]
	if bytes.ContainsAny(digits, "abcdef") && bytes.ContainsAny(digits, "ABCDEF") {
		return nil, errors.New("/Contents mixes upper and lower case hex digits")
	}
	contents := make([]byte, hex.DecodedLen(len(digits)))
	if _, err := hex.Decode(contents, digits); err != nil {
		return nil, fmt.Errorf("/Contents is not a hex string: %v", err)
	}
	if !bytes.Equal(contents, sig.contents) {
		return nil, errors.New("the gap in /ByteRange is not the /Contents value")
	}
	return contents, nil
}
