package hl7v2

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzReadReport: no input panics the reader, and a report it accepts has an accession, a
// status of F, P or C, a control id and valid UTF-8 text. The seeds (every example message in
// testdata, and the messages of the tests) also run in a normal `go test`.
func FuzzReadReport(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.hl7")
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add(report("\r", msh, pid, orc, obr, `OBX|1|TX|||a\.br\b\F\c\Xe282ac\`))
	f.Add(report("\n", `MSH*:!#$*A*B*C*D*2026**ORU:R01*X*P*2.5`, `OBR*1**ACC***2026******************F`, `OBX*1*TX*X**x#S#y`))
	f.Add([]byte("MSH|^~\\&\r"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, msg := range Split(data) {
			r, err := ReadReport(msg)
			if err != nil {
				continue
			}
			if r.Accession == "" || r.ControlID == "" || !strings.Contains("FPC", r.Status) || len(r.Status) != 1 {
				t.Fatalf("accepted an incomplete report: %+v", r)
			}
			if !utf8.ValidString(r.Report) || r.Report == "" {
				t.Fatalf("report text %q", r.Report)
			}
			if r.ReadAt.IsZero() {
				t.Fatalf("no reading time: %+v", r)
			}
		}
	})
}
