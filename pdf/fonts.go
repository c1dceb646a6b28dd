package pdf

import (
	_ "embed"
	"sync"

	"github.com/jung-kurt/gofpdf"
)

// DejaVu Sans covers every Latin script our applicants' names use (é, Ñ, ß, Ł, ...); the
// standard PDF fonts do not. License: fonts/LICENSE.
var (
	//go:embed fonts/DejaVuSans.ttf
	dejaVuSans []byte
	//go:embed fonts/DejaVuSans-Bold.ttf
	dejaVuSansBold []byte
)

const family = "dejavu"

// fontCopy is one document's private copy of the font files. gofpdf keeps the bytes it is given
// and writes into them while it subsets the font (it pads tables to 4 bytes in place), so two
// documents sharing one slice would race on them.
type fontCopy struct {
	regular, bold []byte
}

// fontCopies recycles the copies: a fresh 1.4 MB allocation per document costs more than
// copying the pristine bytes over a used buffer.
var fontCopies = sync.Pool{New: func() any {
	return &fontCopy{regular: make([]byte, len(dejaVuSans)), bold: make([]byte, len(dejaVuSansBold))}
}}

// addFonts gives the document its own font copy; release it once the document is written out.
func addFonts(f *gofpdf.Fpdf) (release func()) {
	c := fontCopies.Get().(*fontCopy)
	copy(c.regular, dejaVuSans)
	copy(c.bold, dejaVuSansBold)
	f.AddUTF8FontFromBytes(family, "", c.regular)
	f.AddUTF8FontFromBytes(family, "B", c.bold)
	return func() { fontCopies.Put(c) }
}
