package pades

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"time"
)

// byteRangeWidth is the room kept for "[0 a b c]": four offsets of up to 10 digits and spaces.
const byteRangeWidth = 48

// Sign adds a PAdES baseline B-B signature to pdf as an incremental update and returns the signed
// file. The original bytes are kept unchanged in front; the update adds the signature dictionary,
// an invisible signature field on the first page and a new catalog version that lists it.
func Sign(pdf []byte, s *Signer, info SignInfo) ([]byte, error) {
	if s == nil || s.Key == nil || s.Cert == nil {
		return nil, errors.New("pades: signer with key and certificate required")
	}
	if info.Time.IsZero() {
		return nil, errors.New("pades: SignInfo.Time is required")
	}
	if info.Time.Before(s.Cert.NotBefore) || info.Time.After(s.Cert.NotAfter) {
		return nil, fmt.Errorf("pades: signing time %s is outside the validity of certificate %q (%s to %s)",
			info.Time.Format(time.RFC3339), s.Cert.Subject.CommonName,
			s.Cert.NotBefore.Format(time.RFC3339), s.Cert.NotAfter.Format(time.RFC3339))
	}
	doc, err := parseDocument(pdf)
	if err != nil {
		return nil, fmt.Errorf("pades: reading PDF: %w", err)
	}
	capacity, err := maxCMSLen(s)
	if err != nil {
		return nil, fmt.Errorf("pades: %w", err)
	}
	out, holeStart, holeEnd, brAt, err := doc.appendSignature(info, capacity)
	if err != nil {
		return nil, fmt.Errorf("pades: %w", err)
	}
	br := fmt.Sprintf("[0 %d %d %d]", holeStart, holeEnd, len(out)-holeEnd)
	copy(out[brAt:brAt+byteRangeWidth], fmt.Sprintf("%-*s", byteRangeWidth, br))

	h := sha256.New()
	h.Write(out[:holeStart])
	h.Write(out[holeEnd:])
	cms, err := createCMS(s, h.Sum(nil))
	if err != nil {
		return nil, fmt.Errorf("pades: %w", err)
	}
	if 2*len(cms) > holeEnd-holeStart-2 {
		return nil, fmt.Errorf("pades: signature of %d bytes exceeds the %d reserved", len(cms), capacity)
	}
	hex.Encode(out[holeStart+1:], cms)
	return out, nil
}

// appendSignature writes the update with placeholders. It returns the file, the /Contents hole
// [holeStart, holeEnd) including its angle brackets, and where the /ByteRange placeholder sits.
func (d *document) appendSignature(info SignInfo, capacity int) (out []byte, holeStart, holeEnd, brAt int, err error) {
	rootRef := d.trailer.vals["Root"].(ref)
	catalog, err := d.resolveDict(rootRef, "catalog")
	if err != nil {
		return nil, 0, 0, 0, err
	}
	pageRef, page, err := d.firstPage()
	if err != nil {
		return nil, 0, 0, 0, err
	}
	form, fields, err := d.existingFields(catalog)
	if err != nil {
		return nil, 0, 0, 0, err
	}
	sigRef, widgetRef := ref{num: d.size}, ref{num: d.size + 1}

	u := newUpdate(d.data)
	body, brOff, holeOff, holeLen := signatureDict(info, capacity)
	at := u.addRaw(sigRef, body)
	u.addObject(widgetRef, signatureWidget(d.fieldName(fields), sigRef, pageRef))
	if err := d.addAnnotation(u, pageRef, page, widgetRef); err != nil {
		return nil, 0, 0, 0, err
	}
	u.addObject(rootRef, catalogWithForm(catalog, form, fields, widgetRef, pdfVersion(d.data)))

	tr := newDict()
	tr.set("Size", integer(d.size+2))
	tr.set("Root", rootRef)
	for _, k := range []name{"Info", "ID"} {
		if v, ok := d.trailer.get(k); ok {
			tr.set(k, v)
		}
	}
	tr.set("Prev", integer(d.startxref))
	return u.finish(tr), at + holeOff, at + holeOff + holeLen, at + brOff, nil
}

// signatureDict is the /Sig dictionary with a blank /ByteRange and a /Contents of zeros big
// enough for the CMS. It returns the offsets of both placeholders within the body.
func signatureDict(info SignInfo, capacity int) (body []byte, brOff, holeOff, holeLen int) {
	var b bytes.Buffer
	b.WriteString("<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange ")
	brOff = b.Len()
	fmt.Fprintf(&b, "%-*s", byteRangeWidth, "[0 0 0 0]")
	b.WriteString(" /Contents ")
	holeOff = b.Len()
	b.WriteByte('<')
	b.Write(bytes.Repeat([]byte{'0'}, 2*capacity))
	b.WriteByte('>')
	holeLen = b.Len() - holeOff
	b.WriteString(" /M ")
	write(&b, str{b: []byte(pdfDate(info.Time))})
	for _, f := range []struct {
		key name
		val string
	}{{"Name", info.Name}, {"Reason", info.Reason}, {"Location", info.Location}, {"ContactInfo", info.ContactInfo}} {
		if f.val != "" {
			b.WriteByte(' ')
			write(&b, f.key)
			b.WriteByte(' ')
			write(&b, encodeText(f.val))
		}
	}
	b.WriteString(" >>")
	return b.Bytes(), brOff, holeOff, holeLen
}
