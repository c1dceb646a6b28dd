package pades

import (
	"bytes"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
)

// pdfsig runs poppler's verifier. It exits 0 even for a bad signature, so callers read the text.
func pdfsig(t *testing.T, data []byte) string {
	t.Helper()
	out, err := exec.Command("pdfsig", writeTemp(t, data)).CombinedOutput()
	if err != nil && !bytes.Contains(out, []byte("Signature")) {
		t.Fatalf("pdfsig: %v\n%s", err, out)
	}
	return string(out)
}

func qpdfCheck(t *testing.T, data []byte) {
	t.Helper()
	out, err := exec.Command("qpdf", "--check", writeTemp(t, data)).CombinedOutput()
	if err != nil || !bytes.Contains(out, []byte("No syntax or stream encoding errors")) {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
}

func TestSignVerifiesInPdfsigQpdfAndVerify(t *testing.T) {
	for _, kt := range []KeyType{ECDSAP256, RSA3072} {
		t.Run(string(kt), func(t *testing.T) {
			p, s := testKeys(t, kt)
			original := formPDF(t, 2)
			signed, err := Sign(original, s, testInfo)
			if err != nil {
				t.Fatalf("Sign: %v", err)
			}
			if !bytes.HasPrefix(signed, original) {
				t.Fatal("signed file does not keep the original bytes in front (not an incremental update)")
			}
			out := pdfsig(t, signed)
			for _, want := range []string{
				"Signature is Valid.", "Total document signed", "Signature Type: ETSI.CAdES.detached",
				"Signer Certificate Common Name: Kigali MHAC", "Signing Hash Algorithm: SHA-256",
			} {
				if !strings.Contains(out, want) {
					t.Errorf("pdfsig output lacks %q:\n%s", want, out)
				}
			}
			qpdfCheck(t, signed)

			roots, err := LoadRoots(p.TrustFiles()...)
			if err != nil {
				t.Fatal(err)
			}
			r, err := Verify(signed, roots)
			if err != nil {
				t.Fatalf("Verify: %v", err)
			}
			want := Result{Valid: true, WholeDocument: true, Signer: "Kigali MHAC", Name: testInfo.Name,
				Reason: testInfo.Reason, SignedAt: testInfo.Time}
			if r.Valid != want.Valid || r.WholeDocument != want.WholeDocument || r.Signer != want.Signer ||
				r.Name != want.Name || r.Reason != want.Reason || !r.SignedAt.Equal(want.SignedAt) || r.Problem != "" {
				t.Errorf("Verify = %+v, want %+v", r, want)
			}
		})
	}
}

func TestSignKeepsTextFields(t *testing.T) {
	p, s := testKeys(t, ECDSAP256)
	roots, _ := LoadRoots(p.TrustFiles()...)
	tests := []struct {
		name string
		info SignInfo
	}{
		{"ascii", SignInfo{Name: "Dr A. Uwase", Reason: "Medical examination signed off by Dr A. Uwase"}},
		{"accents and CJK", SignInfo{Name: "Dr Émile Nkurunziza", Reason: "Examen médical validé — 北京"}},
		{"PDF delimiters", SignInfo{Name: `Dr (J.) \ Smith`, Reason: "a)b(c<d>e/f%g"}},
		{"empty reason", SignInfo{Name: "Dr B. Okafor"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.info.Time = time.Now().UTC().Truncate(time.Second)
			signed, err := Sign(formPDF(t, 1), s, tc.info)
			if err != nil {
				t.Fatal(err)
			}
			r, err := Verify(signed, roots)
			if err != nil || !r.Valid {
				t.Fatalf("Verify = %+v, %v", r, err)
			}
			if r.Name != tc.info.Name || r.Reason != tc.info.Reason || !r.SignedAt.Equal(tc.info.Time) {
				t.Errorf("got name %q reason %q at %v, want %q %q %v", r.Name, r.Reason, r.SignedAt,
					tc.info.Name, tc.info.Reason, tc.info.Time)
			}
		})
	}
}

// TestSignTwice signs a signed file again: the second signature covers the whole file, the first
// still verifies its own revision, and pdfsig agrees.
func TestSignTwice(t *testing.T) {
	p, s := testKeys(t, ECDSAP256)
	once, err := Sign(formPDF(t, 2), s, testInfo)
	if err != nil {
		t.Fatal(err)
	}
	second := testInfo
	second.Name, second.Reason = "Dr B. Okafor", "Addendum signed off by Dr B. Okafor"
	twice, err := Sign(once, s, second)
	if err != nil {
		t.Fatalf("second Sign: %v", err)
	}
	out := pdfsig(t, twice)
	if strings.Count(out, "Signature is Valid.") != 2 || !strings.Contains(out, "Signature Field Name: Signature2") {
		t.Errorf("pdfsig does not show two valid signatures:\n%s", out)
	}
	if i := strings.Index(out, "Signature #2"); i < 0 || !strings.Contains(out[i:], "Total document signed") {
		t.Errorf("pdfsig: second signature does not cover the whole document:\n%s", out)
	}
	qpdfCheck(t, twice)
	roots, _ := LoadRoots(p.TrustFiles()...)
	r, err := Verify(twice, roots)
	if err != nil || !r.Valid || r.Name != "Dr B. Okafor" {
		t.Errorf("Verify = %+v, %v; want the second signature, valid", r, err)
	}
}

func TestSignRejectsBadInput(t *testing.T) {
	_, s := testKeys(t, ECDSAP256)
	good := formPDF(t, 1)
	xrefAt := bytes.LastIndex(good, []byte("\nxref")) + 1
	replace := func(old, new string) []byte {
		if !bytes.Contains(good, []byte(old)) {
			t.Fatalf("test PDF lacks %q", old)
		}
		return bytes.Replace(good, []byte(old), []byte(new), 1)
	}
	tests := []struct {
		name string
		pdf  []byte
		want string
	}{
		{"empty", nil, "not a PDF"},
		{"not a PDF", []byte("hello, world"), "not a PDF"},
		{"truncated", good[:len(good)/2], "startxref"},
		{"no trailer root", replace("/Root", "/Ruut"), "/Root"},
		{"encrypted", replace("/Size", "/Encrypt 1 0 R /Size"), "encrypted"},
		{"startxref past end", append(append([]byte{}, good[:bytes.LastIndex(good, []byte("startxref"))]...), "startxref\n99999999\n%%EOF\n"...), "startxref"},
		{"startxref at an object (xref stream)", append(append([]byte{}, good[:bytes.LastIndex(good, []byte("startxref"))]...), "startxref\n9\n%%EOF\n"...), "cross-reference streams"},
		{"xref offset into nowhere", append(append([]byte{}, good[:xrefAt]...), bytes.Replace(good[xrefAt:], []byte("0000000009 00000 n"), []byte("0000000001 00000 n"), 1)...), "object"},
		{"prev loop", replace("/Size", "/Prev "+strconv.Itoa(xrefAt)+" /Size"), "loop"},
		{"no pages", replace("/Pages 1 0 R", "/Pages 9 0 R"), "page"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, err := Sign(tc.pdf, s, testInfo)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Sign error = %v (output %d bytes), want one mentioning %q", err, len(out), tc.want)
			}
		})
	}
	if _, err := Sign(good, nil, testInfo); err == nil {
		t.Error("Sign with a nil signer succeeded")
	}
	if _, err := Sign(good, s, SignInfo{Name: "Dr A. Uwase"}); err == nil {
		t.Error("Sign without a time succeeded")
	}
}
