package pades

import (
	"bytes"
	"crypto/x509"
	"encoding/asn1"
	"encoding/hex"
	"strings"
	"testing"
)

// signedForm signs a fresh two-page form and returns it with the trust pool for its keys.
func signedForm(t *testing.T, kt KeyType) (original, signed []byte, p Paths) {
	t.Helper()
	p, s := testKeys(t, kt)
	original = formPDF(t, 2)
	signed, err := Sign(original, s, testInfo)
	if err != nil {
		t.Fatal(err)
	}
	return original, signed, p
}

func roots(t *testing.T, files ...string) *x509.CertPool {
	t.Helper()
	pool, err := LoadRoots(files...)
	if err != nil {
		t.Fatal(err)
	}
	return pool
}

// cmsEnd is the offset just after the last hex digit of the DER signature in /Contents: the bytes
// before it are the signature value, the bytes after it are padding.
func cmsEnd(t *testing.T, signed []byte) (holeStart, derEnd int) {
	t.Helper()
	holeStart = bytes.LastIndex(signed, []byte("/Contents <")) + len("/Contents ")
	end := bytes.IndexByte(signed[holeStart:], '>')
	raw, err := hex.DecodeString(string(signed[holeStart+1 : holeStart+end]))
	if err != nil {
		t.Fatal(err)
	}
	var v asn1.RawValue
	if _, err := asn1.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	return holeStart, holeStart + 1 + 2*len(v.FullBytes)
}

// change gives another value for b: a different hex digit for a hex digit, so that /Contents
// stays readable and the CMS itself is what changes, and b^1 otherwise.
func change(b byte) byte {
	const lower, upper = "0123456789abcdef", "0123456789ABCDEF"
	if i := strings.IndexByte(lower, b); i >= 0 {
		return lower[(i+1)%16]
	}
	if i := strings.IndexByte(upper, b); i >= 0 {
		return upper[(i+1)%16]
	}
	return b ^ 0x01
}

// TestVerifyRejectsEveryFlippedByte changes one byte at a time: every byte of the update that
// carries the signature, and a spread of bytes of the original form. Each must be refused.
func TestVerifyRejectsEveryFlippedByte(t *testing.T) {
	original, signed, p := signedForm(t, ECDSAP256)
	pool := roots(t, p.TrustFiles()...)
	var positions []int
	for i := 0; i < len(original); i += 61 {
		positions = append(positions, i)
	}
	for i := len(original); i < len(signed); i++ {
		positions = append(positions, i)
	}
	failures := 0
	for _, i := range positions {
		for _, b := range []byte{signed[i] ^ 0x01, change(signed[i])} {
			bad := bytes.Clone(signed)
			bad[i] = b
			r, _ := Verify(bad, pool)
			if r.Valid || r.Problem == "" {
				failures++
				if failures <= 5 {
					t.Errorf("byte %d (%q in %q) changed to %q: Verify = %+v", i, signed[i],
						signed[max(0, i-20):min(len(signed), i+20)], b, r)
				}
			}
		}
	}
	if failures > 0 {
		t.Errorf("%d of %d flipped bytes were not detected", failures, len(positions))
	}
}

// TestVerifyAndPdfsigRejectChanges flips one byte in each part of the signed file and asks both
// our Verify and poppler's pdfsig.
func TestVerifyAndPdfsigRejectChanges(t *testing.T) {
	p, s := testKeys(t, ECDSAP256)
	pool := roots(t, p.TrustFiles()...)
	original := formPDF(t, 2)
	// An ECDSA signature is 70 to 72 bytes and /Contents has room for 72: sign until there is
	// padding to tamper with (each try leaves some with probability 3/4).
	var signed []byte
	var holeStart, derEnd int
	for try := 0; try < 40 && (signed == nil || signed[derEnd] == '>'); try++ {
		var err error
		if signed, err = Sign(original, s, testInfo); err != nil {
			t.Fatal(err)
		}
		holeStart, derEnd = cmsEnd(t, signed)
	}
	if signed[derEnd] == '>' {
		t.Fatal("no signature with padding in /Contents after 40 tries")
	}
	br := bytes.LastIndex(signed, []byte("/ByteRange [0 ")) + len("/ByteRange [0 ")
	content := bytes.Index(original, []byte("stream\n")) + len("stream\n") + 20
	digestAttr := bytes.Index(signed[holeStart:], []byte("06092a864886f70d010904")) // message-digest OID
	tests := []struct {
		name      string
		at        int
		wantInVer string
		// pdfsig ignores the padding after the CMS, and reports a damaged certificate only as
		// untrusted, which a local CA is anyway: for those only Verify is asked.
		pdfsigToo bool
	}{
		{"page content of the form", content, "changed after it was signed", true},
		{"creation date in the original", bytes.Index(original, []byte("/CreationDate (D:")) + 20, "changed after it was signed", true},
		{"first /ByteRange length", br, "/ByteRange", true},
		{"second /ByteRange offset", br + bytes.IndexByte(signed[br:], ' ') + 2, "/ByteRange", true},
		{"signature value", derEnd - 3, "does not verify", true},
		{"signed message-digest value", holeStart + digestAttr + 40, "does not verify", true},
		{"signer certificate in the CMS", holeStart + 1 + 200, "", false},
		{"padding after the CMS", derEnd, "after the CMS", false},
		{"signature /Reason", bytes.LastIndex(signed, []byte("/Reason (")) + 12, "changed after it was signed", true},
		{"final trailer", bytes.LastIndex(signed, []byte("/Size ")) + 6, "", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			bad := bytes.Clone(signed)
			bad[tc.at] = change(bad[tc.at])
			r, _ := Verify(bad, pool)
			if r.Valid || !strings.Contains(r.Problem, tc.wantInVer) {
				t.Errorf("Verify = %+v, want invalid with a problem mentioning %q", r, tc.wantInVer)
			}
			if !tc.pdfsigToo {
				return
			}
			out := pdfsig(t, bad)
			if strings.Contains(out, "Signature is Valid.") && strings.Contains(out, "Total document signed") {
				t.Errorf("pdfsig accepts the changed file:\n%s", out)
			}
		})
	}
}

// TestVerifyAppendedUpdate adds an innocent-looking update after signing: the signature stays
// intact but no longer covers the file, which must not pass as valid.
func TestVerifyAppendedUpdate(t *testing.T) {
	_, signed, p := signedForm(t, ECDSAP256)
	doc, err := parseDocument(signed)
	if err != nil {
		t.Fatal(err)
	}
	u := newUpdate(signed)
	info := newDict()
	info.set("Title", encodeText("Fit to travel: yes"))
	u.addObject(ref{num: doc.size}, info)
	tr := newDict()
	tr.set("Size", integer(doc.size+1))
	tr.set("Root", doc.trailer.vals["Root"])
	tr.set("Info", ref{num: doc.size})
	tr.set("Prev", integer(doc.startxref))
	changed := u.finish(tr)

	r, err := Verify(changed, roots(t, p.TrustFiles()...))
	if err != nil || r.Valid || r.WholeDocument || !strings.Contains(r.Problem, "changed after signing") {
		t.Errorf("Verify = %+v, %v; want invalid, not whole document", r, err)
	}
	if out := pdfsig(t, changed); strings.Contains(out, "Total document signed") {
		t.Errorf("pdfsig calls the changed file totally signed:\n%s", out)
	}
}

func TestVerifyTrust(t *testing.T) {
	_, signed, p := signedForm(t, ECDSAP256)
	other, _ := testKeys(t, ECDSAP256)
	tests := []struct {
		name  string
		files []string
		valid bool
	}{
		{"own CA", []string{p.CACert}, true},
		{"own site certificate as anchor", []string{p.SiteCert}, true},
		{"own CA among others", []string{other.CACert, p.CACert}, true},
		{"another deployment's CA", []string{other.CACert}, false},
		{"another deployment's site certificate", []string{other.SiteCert}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Verify(signed, roots(t, tc.files...))
			if err != nil {
				t.Fatal(err)
			}
			if r.Valid != tc.valid || (!tc.valid && !strings.Contains(r.Problem, "not trusted")) {
				t.Errorf("Verify = %+v, want valid=%v", r, tc.valid)
			}
		})
	}
}

func TestVerifyRefusesUnreadableInput(t *testing.T) {
	_, _, p := signedForm(t, ECDSAP256)
	pool := roots(t, p.TrustFiles()...)
	tests := []struct {
		name string
		pdf  []byte
		want string
	}{
		{"unsigned form", formPDF(t, 1), "not signed"},
		{"not a PDF", []byte("%!PS-Adobe-3.0"), "not a PDF"},
		{"empty", nil, "not a PDF"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Verify(tc.pdf, pool)
			if err == nil || r.Valid || !strings.Contains(r.Problem, tc.want) {
				t.Errorf("Verify = %+v, %v; want an error mentioning %q", r, err, tc.want)
			}
		})
	}
	if _, err := Verify(formPDF(t, 1), nil); err == nil {
		t.Error("Verify with no trust anchors gave no error")
	}
}
