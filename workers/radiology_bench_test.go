package workers_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/internal/clinictest"
	"github.com/mhac-clinic/mhac/interop/hl7v2"
)

// BenchmarkImportRadiology1000 imports 1,000 HL7 ORU^R01 messages per iteration (parsed, matched
// on the accession of one of 20 ordered X-rays, kept with the study, audited), as the inbox does;
// it reports the time per message.
func BenchmarkImportRadiology1000(b *testing.B) {
	st := clinictest.New(b, clinictest.Options{RedisDB: 12})
	ctx := context.Background()
	var accessions []string
	for i := range 20 {
		accessions = append(accessions, orderedStudy(b, st, fmt.Sprintf("BENCH-RX-%d", i)).Accession)
	}
	b.ResetTimer()
	start := time.Now()
	for it := 0; it < b.N; it++ {
		var file strings.Builder
		for i := range 1000 {
			file.WriteString(oruFor(fmt.Sprintf("B%d-%d", it, i), accessions[i%len(accessions)]))
		}
		for _, m := range hl7v2.Messages("bench.hl7", []byte(file.String())) {
			if out, err := st.Svc.ImportRadiologyInbox(ctx, m); err != nil || !out.Matched {
				b.Fatalf("%+v %v", out, err)
			}
		}
	}
	b.ReportMetric(float64(time.Since(start).Microseconds())/float64(b.N*1000), "µs/message")
}
