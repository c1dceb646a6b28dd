package pdf

import (
	"strings"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/pdf/pades"
)

// BenchmarkRender draws each form type from its sample.
func BenchmarkRender(b *testing.B) {
	for _, form := range FormTypes() {
		snap := mustSample(b, form)
		b.Run(fileSafe(form), func(b *testing.B) {
			b.ReportAllocs()
			defer cpuMetric(b)()
			for i := 0; i < b.N; i++ {
				if _, err := Render(snap, form, testURL); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkRenderSigned draws and signs each form type with a fresh site key.
func BenchmarkRenderSigned(b *testing.B) {
	signer, _ := benchKeys(b)
	for _, form := range FormTypes() {
		snap := mustSample(b, form)
		info := SignInfoFor(snap, form, time.Now())
		b.Run(fileSafe(form), func(b *testing.B) {
			b.ReportAllocs()
			defer cpuMetric(b)()
			for i := 0; i < b.N; i++ {
				if _, err := RenderSigned(snap, form, testURL, signer, info); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// fileSafe makes a form id usable as a benchmark or file name: "IMM 1017" -> "IMM-1017".
func fileSafe(form string) string { return strings.ReplaceAll(form, " ", "-") }

// BenchmarkRenderParallel draws every form type on all cores at once, as a worker drawing an
// assessment's forms concurrently would; ns/op is per form.
func BenchmarkRenderParallel(b *testing.B) {
	forms := FormTypes()
	snaps := make([]clinic.FormSnapshot, len(forms))
	for i, f := range forms {
		snaps[i] = mustSample(b, f)
	}
	b.ReportAllocs()
	defer cpuMetric(b)()
	b.RunParallel(func(pb *testing.PB) {
		for i := 0; pb.Next(); i++ {
			k := i % len(forms)
			if _, err := Render(snaps[k], forms[k], testURL); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// BenchmarkRenderSignedParallel is the end-to-end rate: draw and sign every form type on all
// cores at once; ns/op is per form, so forms/s = 1e9 / ns/op.
func BenchmarkRenderSignedParallel(b *testing.B) {
	signer, _ := benchKeys(b)
	forms := FormTypes()
	snaps := make([]clinic.FormSnapshot, len(forms))
	infos := make([]pades.SignInfo, len(forms))
	for i, f := range forms {
		snaps[i] = mustSample(b, f)
		infos[i] = SignInfoFor(snaps[i], f, time.Now())
	}
	b.ReportAllocs()
	defer cpuMetric(b)()
	b.RunParallel(func(pb *testing.PB) {
		for i := 0; pb.Next(); i++ {
			k := i % len(forms)
			if _, err := RenderSigned(snaps[k], forms[k], testURL, signer, infos[k]); err != nil {
				b.Error(err)
				return
			}
		}
	})
}
