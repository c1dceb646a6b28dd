package pades

import (
	"strings"
	"testing"
	"time"
)

// edit appends an incremental update to pdf made by change, which gets the parsed document and
// a way to number new objects. It is how the tests build the PDF shapes gofpdf never writes.
func edit(t *testing.T, pdf []byte, change func(d *document, u *update, alloc func() ref)) []byte {
	t.Helper()
	d, err := parseDocument(pdf)
	if err != nil {
		t.Fatal(err)
	}
	u := newUpdate(pdf)
	size := d.size
	change(d, u, func() ref { size++; return ref{num: size - 1} })
	tr := newDict()
	tr.set("Size", integer(size))
	tr.set("Root", d.trailer.vals["Root"])
	tr.set("Prev", integer(d.startxref))
	return u.finish(tr)
}

func mustDict(t *testing.T, d *document, o object) *dict {
	t.Helper()
	v, err := d.resolveDict(o, "test")
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestSignDocumentShapes(t *testing.T) {
	pageRef := ref{num: 3} // gofpdf writes the first page as object 3 and the page tree as 1
	tests := []struct {
		name      string
		change    func(t *testing.T, d *document, u *update, alloc func() ref)
		wantField string
	}{
		{"gofpdf as written", nil, "Signature1"},
		{"page /Annots by reference", func(t *testing.T, d *document, u *update, alloc func() ref) {
			annots := alloc()
			u.addObject(annots, array{})
			page := mustDict(t, d, pageRef).clone()
			page.set("Annots", annots)
			u.addObject(pageRef, page)
		}, "Signature1"},
		{"nested page tree", func(t *testing.T, d *document, u *update, alloc func() ref) {
			mid := alloc()
			node := newDict()
			node.set("Type", name("Pages"))
			node.set("Parent", ref{num: 1})
			node.set("Kids", array{pageRef})
			node.set("Count", integer(1))
			u.addObject(mid, node)
			root := mustDict(t, d, ref{num: 1}).clone()
			root.set("Kids", array{mid, ref{num: 5}})
			u.addObject(ref{num: 1}, root)
			page := mustDict(t, d, pageRef).clone()
			page.set("Parent", mid)
			u.addObject(pageRef, page)
		}, "Signature1"},
		{"AcroForm by reference with a field named Signature1", func(t *testing.T, d *document, u *update, alloc func() ref) {
			field, form := alloc(), alloc()
			f := newDict()
			f.set("FT", name("Tx"))
			f.set("T", encodeText("Signature1"))
			u.addObject(field, f)
			af := newDict()
			af.set("Fields", array{field})
			af.set("DA", str{b: []byte("/Helv 0 Tf 0 g")})
			u.addObject(form, af)
			root := d.trailer.vals["Root"].(ref)
			cat := mustDict(t, d, root).clone()
			cat.set("AcroForm", form)
			u.addObject(root, cat)
		}, "Signature2"},
	}
	p, s := testKeys(t, ECDSAP256)
	pool := roots(t, p.TrustFiles()...)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := formPDF(t, 2)
			if tc.change != nil {
				in = edit(t, in, func(d *document, u *update, alloc func() ref) { tc.change(t, d, u, alloc) })
			}
			qpdfCheck(t, in)
			signed, err := Sign(in, s, testInfo)
			if err != nil {
				t.Fatalf("Sign: %v", err)
			}
			out := pdfsig(t, signed)
			if !strings.Contains(out, "Signature is Valid.") || !strings.Contains(out, "Total document signed") ||
				!strings.Contains(out, "Signature Field Name: "+tc.wantField) {
				t.Errorf("pdfsig:\n%s", out)
			}
			qpdfCheck(t, signed)
			if r, err := Verify(signed, pool); err != nil || !r.Valid {
				t.Errorf("Verify = %+v, %v", r, err)
			}
			// The widget must hang on the first page, and the form must list it.
			d, err := parseDocument(signed)
			if err != nil {
				t.Fatal(err)
			}
			pr, page, err := d.firstPage()
			if err != nil || pr != pageRef {
				t.Fatalf("first page = %v, %v", pr, err)
			}
			annots, _ := d.resolve(page.vals["Annots"])
			arr, _ := annots.(array)
			if len(arr) == 0 {
				t.Fatal("first page has no /Annots after signing")
			}
			w := mustDict(t, d, arr[len(arr)-1])
			if w.vals["FT"] != name("Sig") || w.vals["F"] != integer(132) || w.vals["P"] != pageRef {
				t.Errorf("widget /FT %v /F %v /P %v, want /Sig 132 %v", w.vals["FT"], w.vals["F"], w.vals["P"], pageRef)
			}
		})
	}
}

func TestSignRefusesTimeOutsideCertificate(t *testing.T) {
	_, s := testKeys(t, ECDSAP256)
	for _, at := range []time.Time{s.Cert.NotBefore.Add(-time.Minute), s.Cert.NotAfter.Add(time.Minute)} {
		info := testInfo
		info.Time = at
		if _, err := Sign(formPDF(t, 1), s, info); err == nil || !strings.Contains(err.Error(), "outside the validity") {
			t.Errorf("Sign at %v: %v, want a refusal", at, err)
		}
	}
}
