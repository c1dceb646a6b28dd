package pades

import "testing"

// BenchmarkSign signs a typical two-page form with each supported key type.
func BenchmarkSign(b *testing.B) {
	for _, kt := range []KeyType{ECDSAP256, RSA3072} {
		b.Run(string(kt), func(b *testing.B) {
			_, s := testKeys(b, kt)
			form := formPDF(b, 2)
			b.SetBytes(int64(len(form)))
			b.ResetTimer()
			for b.Loop() {
				if _, err := Sign(form, s, testInfo); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkVerify verifies a signed two-page form, as the verification page does per request.
func BenchmarkVerify(b *testing.B) {
	for _, kt := range []KeyType{ECDSAP256, RSA3072} {
		b.Run(string(kt), func(b *testing.B) {
			p, s := testKeys(b, kt)
			signed, err := Sign(formPDF(b, 2), s, testInfo)
			if err != nil {
				b.Fatal(err)
			}
			pool, err := LoadRoots(p.TrustFiles()...)
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for b.Loop() {
				if r, err := Verify(signed, pool); err != nil || !r.Valid {
					b.Fatal(r.Problem)
				}
			}
		})
	}
}
