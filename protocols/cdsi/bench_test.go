package cdsi

import (
	"io/fs"
	"testing"
)

// benchHistory is a 20-dose childhood history (DTaP, IPV, HepB, Hib, PCV, MMR, varicella, HepA
// and a flu dose), the size of a full record brought to the clinic.
func benchHistory(b *testing.B) Patient {
	p := Patient{DOB: day("2018-03-10"), Gender: "M"}
	for _, d := range [][2]string{
		{"0 days", "08"}, {"2 months", "110"}, {"2 months", "49"}, {"2 months", "133"},
		{"4 months", "110"}, {"4 months", "49"}, {"4 months", "133"}, {"6 months", "110"},
		{"6 months", "133"}, {"12 months", "03"}, {"12 months", "21"}, {"12 months", "83"},
		{"15 months", "49"}, {"15 months", "133"}, {"18 months", "20"}, {"18 months", "83"},
		{"4 years", "130"}, {"4 years", "94"}, {"5 years", "150"}, {"6 years", "150"},
	} {
		p.Doses = append(p.Doses, Dose{Date: MustSpan(d[0]).AddTo(p.DOB), CVX: d[1]})
	}
	if len(p.Doses) != 20 {
		b.Fatalf("history has %d doses", len(p.Doses))
	}
	return p
}

// BenchmarkEvaluate20Doses is evaluation and forecast of a 20-dose history, every antigen.
func BenchmarkEvaluate20Doses(b *testing.B) {
	eng, err := NewDefault()
	if err != nil {
		b.Fatal(err)
	}
	p := benchHistory(b)
	at := day("2025-11-10")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := eng.Evaluate(p, at); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoad is parsing the embedded supporting data, paid once per process.
func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Load(subData(b)); err != nil {
			b.Fatal(err)
		}
	}
}

func subData(b *testing.B) fs.FS {
	sub, err := fs.Sub(embedded, "data")
	if err != nil {
		b.Fatal(err)
	}
	return sub
}
