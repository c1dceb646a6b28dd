package pdf

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"os"
	"sync"
	"testing"

	"github.com/jung-kurt/gofpdf"
)

// TestRenderConcurrently renders many documents at once; under go test -race it fails if two
// documents share the font bytes gofpdf writes into. Every document must also come out
// byte-identical to a render done alone.
func TestRenderConcurrently(t *testing.T) {
	forms := FormTypes()
	want := make(map[string][]byte, len(forms))
	for _, form := range forms {
		b, err := Render(mustSample(t, form), form, testURL)
		if err != nil {
			t.Fatalf("%s: %v", form, err)
		}
		want[form] = b
	}
	const workers = 4
	const perWorker = 4
	var wg sync.WaitGroup
	errs := make(chan string, workers*perWorker)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < perWorker; i++ {
				form := forms[(w*perWorker+i)%len(forms)]
				s, _ := SampleFor(form)
				got, err := Render(s.Snapshot, form, testURL)
				if err != nil {
					errs <- form + ": " + err.Error()
					continue
				}
				if !bytes.Equal(got, want[form]) {
					errs <- form + ": concurrent render differs from a render done alone"
				}
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// TestEmbeddedFontsStayPristine checks that rendering never writes into the embedded font
// files: each document works on its own copy.
func TestEmbeddedFontsStayPristine(t *testing.T) {
	for _, form := range FormTypes() {
		if _, err := Render(mustSample(t, form), form, testURL); err != nil {
			t.Fatal(err)
		}
	}
	for name, embedded := range map[string][]byte{"fonts/DejaVuSans.ttf": dejaVuSans, "fonts/DejaVuSans-Bold.ttf": dejaVuSansBold} {
		onDisk, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if sha256.Sum256(onDisk) != sha256.Sum256(embedded) {
			t.Errorf("%s: embedded bytes changed while rendering", name)
		}
	}
}

// TestGofpdfWritesIntoFontBytes shows why each document needs its own copy: gofpdf writes into
// the slice it was given (it pads tables to 4 bytes in place, over the file's own padding). In a
// real font file those bytes are already zero, so the writes are invisible but still race; here
// the padding is marked first so the writes show. If a gofpdf upgrade stops writing, this test
// says the copy can go.
func TestGofpdfWritesIntoFontBytes(t *testing.T) {
	given := bytes.Clone(dejaVuSans)
	tables := int(binary.BigEndian.Uint16(given[4:]))
	for i := 0; i < tables; i++ {
		rec := given[12+16*i:]
		end := int(binary.BigEndian.Uint32(rec[8:]) + binary.BigEndian.Uint32(rec[12:]))
		for j := end; j%4 != 0 && j < len(given); j++ {
			given[j] = 0xAA
		}
	}
	marked := bytes.Clone(given)
	f := gofpdf.New("P", "mm", "A4", "")
	f.AddUTF8FontFromBytes(family, "", given)
	f.AddPage()
	f.SetFont(family, "", 10)
	f.Cell(50, 5, "Hélène Émilienne Nshimiyimana")
	var out bytes.Buffer
	if err := f.Output(&out); err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(given, marked) {
		t.Fatal("gofpdf left the font bytes unchanged; the per-document copy may no longer be needed")
	}
}
