package api_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/mhac-clinic/mhac/internal/clinictest"
	"github.com/mhac-clinic/mhac/interop/sheets"
)

// caseList writes a CSV case list of n people in families of four, case numbers starting with prefix.
func caseList(prefix string, n int) []byte {
	var b strings.Builder
	b.WriteString("case_number,relationship,surnames,given_names,birth_date,sex,nationality,document_number,destination,program\n")
	rel := []string{"principal", "spouse", "child", "child"}
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "%s-%05d,%s,Nshimiyimana,Person %c%c,%d-%02d-%02d,%s,CD,%s%07d,US,refugee\n", prefix, i/4, rel[i%4],
			'A'+rune(i%26), 'A'+rune(i/26%26), 1960+i%50, 1+i%12, 1+i%28, []string{"M", "F"}[i%2], prefix, i)
	}
	return []byte(b.String())
}

// BenchmarkImportCases10000 reads and imports a CSV list of 10,000 people (2,500 cases) into
// PostgreSQL, one whole file per iteration; it reports the time per row.
func BenchmarkImportCases10000(b *testing.B) {
	st := clinictest.New(b, clinictest.Options{RedisDB: 4})
	reg := st.Actors["registrar"]
	const people = 10000
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		file := caseList(fmt.Sprintf("B%d", i), people)
		b.StartTimer()
		in, err := sheets.Read("list.csv", file)
		if err != nil {
			b.Fatal(err)
		}
		sum, err := st.Svc.ImportCases(ctx, reg, in, false)
		if err != nil || len(sum.Errors) > 0 || sum.People != people {
			b.Fatalf("import: %v %+v", err, sum.Errors)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*people), "µs/row")
}

// BenchmarkReadCaseList10000 is the reading alone (CSV to import requests), without the database.
func BenchmarkReadCaseList10000(b *testing.B) {
	file := caseList("R", 10000)
	for i := 0; i < b.N; i++ {
		if _, err := sheets.Read("list.csv", file); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*10000), "µs/row")
}
