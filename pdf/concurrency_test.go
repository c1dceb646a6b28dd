package pdf

import (
	"bytes"
	"crypto/sha256"
	"sync"
	"testing"
)

// TestRenderConcurrently renders many documents at once; under go test -race it fails if two
// documents write into state they share, such as the font pages. Every document must also come out
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

// TestFontPagesStayPristine checks that rendering never writes into the font pages every
// document shares (fonts.go): gofpdf must only copy the definitions and files it is given. The
// race detector covers the same ground while documents render at once; this catches a write
// that happens in one document alone.
func TestFontPagesStayPristine(t *testing.T) {
	fonts, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	sum := func() [sha256.Size]byte {
		h := sha256.New()
		for _, pages := range fonts.pages {
			for _, p := range pages {
				h.Write(p.def)
				h.Write(p.file)
			}
		}
		return [sha256.Size]byte(h.Sum(nil))
	}
	before := sum()
	for _, s := range Samples() {
		for _, form := range FormTypes() {
			Render(s.Snapshot, form, testURL) // some pairs lack data; only the bytes matter here
		}
	}
	if sum() != before {
		t.Fatal("rendering changed the shared font pages")
	}
}
