package pades

import (
	"testing"

	"github.com/mhac-clinic/mhac/pdf/pades/padestest"
)

// BenchmarkVerifyManyRefs verifies the crafted file of the security review (refs fields naming
// one signature dictionary with a 1 MiB /Contents): the reader parses that dictionary once.
func BenchmarkVerifyManyRefs(b *testing.B) {
	for _, refs := range []int{500, 5000} {
		b.Run(map[int]string{500: "refs=500", 5000: "refs=5000"}[refs], func(b *testing.B) {
			data := padestest.ManyRefsPDF(refs, 1<<20)
			roots := mustRoots(b)
			b.SetBytes(int64(len(data)))
			b.ResetTimer()
			for b.Loop() {
				if r, _ := Verify(data, roots); r.Valid {
					b.Fatal("the crafted file verifies")
				}
			}
		})
	}
}
