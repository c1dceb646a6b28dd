package pades

import (
	"bytes"
	"context"
	"crypto/x509"
	"errors"
	"strings"
	"testing"

	"github.com/mhac-clinic/mhac/pdf/pades/padestest"
)

// TestSignatureLookupReadsEachObjectOnce proves the fix without a clock: the reader's own count of
// parsed bytes stays within the file's size however many fields name the large signature.
func TestSignatureLookupReadsEachObjectOnce(t *testing.T) {
	data := padestest.ManyRefsPDF(5000, 1<<20)
	d, err := parseDocument(data)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.lastSignature(); err != nil {
		t.Fatalf("lastSignature: %v", err)
	}
	if d.work > len(data) {
		t.Fatalf("the lookup parsed %d bytes of a %d-byte file: objects are read more than once", d.work, len(data))
	}
	r, err := Verify(data, mustRoots(t))
	if err != nil || r.Valid {
		t.Fatalf("the crafted file: valid %v, err %v", r.Valid, err)
	}
	if !strings.Contains(r.Problem, "ByteRange") && !strings.Contains(r.Problem, "CMS") {
		t.Fatalf("the crafted file is refused for an unexpected reason: %s", r.Problem)
	}
}

// TestWorkBudget checks that a reader which would parse more than the budget stops with
// ErrWorkBudget instead of going on.
func TestWorkBudget(t *testing.T) {
	data := padestest.ManyRefsPDF(10, 4096)
	d, err := parseDocument(data)
	if err != nil {
		t.Fatal(err)
	}
	d.budget = 1000 // less than the signature object alone
	if _, err := d.lastSignature(); !errors.Is(err, ErrWorkBudget) {
		t.Fatalf("lastSignature over budget: %v, want ErrWorkBudget", err)
	}
	// The budget of a real file is far above what reading it takes.
	d, err = parseDocument(data)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.lastSignature(); err != nil {
		t.Fatal(err)
	}
	if d.work*workFactor > d.budget {
		t.Fatalf("reading the file took %d of a %d budget", d.work, d.budget)
	}
}

// TestVerifyContext checks that a cancelled request stops the verification.
func TestVerifyContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := VerifyContext(ctx, padestest.ManyRefsPDF(10, 4096), mustRoots(t)); !errors.Is(err, context.Canceled) {
		t.Fatalf("VerifyContext with a cancelled context: %v", err)
	}
}

func mustRoots(t testing.TB) *x509.CertPool {
	t.Helper()
	p, _ := testKeys(t, ECDSAP256)
	pool, err := LoadRoots(p.TrustFiles()...)
	if err != nil {
		t.Fatal(err)
	}
	return pool
}

// FuzzVerify feeds the verifier arbitrary bytes: it must answer (valid or not, with or without an
// error) without panicking and within its work budget. `go test` runs the seed corpus; run the
// fuzzer itself with a time budget, e.g. `go test ./pdf/pades -run '^$' -fuzz FuzzVerify -fuzztime 2m`.
func FuzzVerify(f *testing.F) {
	p, s := testKeys(f, ECDSAP256)
	roots, err := LoadRoots(p.TrustFiles()...)
	if err != nil {
		f.Fatal(err)
	}
	signed, err := Sign(formPDF(f, 1), s, testInfo)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(signed)
	f.Add(signed[:len(signed)/2])
	f.Add(padestest.ManyRefsPDF(50, 2048))
	f.Add([]byte("%PDF-1.7\nxref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 1 >>\nstartxref\n9\n%%EOF\n"))
	f.Add([]byte("%PDF-1.4\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := Verify(data, roots)
		if r.Valid && (err != nil || !r.WholeDocument) {
			t.Fatalf("valid with err %v, whole %v", err, r.WholeDocument)
		}
		if r.Valid && !bytes.Equal(data, signed) {
			// Only the one signed seed can be valid: any other bytes break its digest.
			t.Fatalf("a changed file verifies")
		}
	})
}
