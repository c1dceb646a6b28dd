// Package padestest holds the crafted PDFs the signature reader and the public upload are tested
// against.
package padestest

import (
	"bytes"
	"fmt"
	"strings"
)

// ManyRefsPDF builds the hostile file of the security review: one signature dictionary with a
// large /Contents, and a form whose /Fields name the same signature field refs times. A reader
// that parses the signature object once per reference reads refs × contentBytes bytes.
func ManyRefsPDF(refs, contentBytes int) []byte {
	var b bytes.Buffer
	offs := make([]int, 5)
	b.WriteString("%PDF-1.7\n")
	offs[1] = b.Len()
	b.WriteString("1 0 obj\n<< /Type /Catalog /AcroForm << /Fields 3 0 R >> >>\nendobj\n")
	offs[2] = b.Len()
	b.WriteString("2 0 obj\n<< /FT /Sig /T (Signature1) /V 4 0 R >>\nendobj\n")
	offs[3] = b.Len()
	b.WriteString("3 0 obj\n[" + strings.Repeat("2 0 R ", refs) + "]\nendobj\n")
	offs[4] = b.Len()
	fmt.Fprintf(&b, "4 0 obj\n<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange [0 10 20 10] /Contents <%s> >>\nendobj\n",
		strings.Repeat("00", contentBytes/2))
	xref := b.Len()
	b.WriteString("xref\n0 5\n0000000000 65535 f \n")
	for _, o := range offs[1:] {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", xref)
	return b.Bytes()
}
