package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/interop/hl7v2"
)

const radiologyUsage = `usage:
  mhac import radiology FILE... [--dry-run] [--user USERNAME]
      imports teleradiology reports (HL7 v2.5 ORU^R01, one or more messages per file; docs/radiology.md)
      as USERNAME (radiology or admin; default $MHAC_IMPORT_USER). Prints one JSON line per message:
      {"file": "...", "control_id": "MSH-10", "accession": "...", "status": "F|P|C", "reader": "...",
       "read_at": "RFC 3339", "report": "text", "matched": true|false, "error": "..."}
      A message that does not parse or matches no X-ray is kept in the admin's error list.
      --dry-run matches the messages and keeps nothing.
      Exit 0: every message matched; 1: some did not (kept, unless --dry-run); 2: a usage mistake
      or a file that cannot be read.`

func radiologyMain(ctx context.Context, cfg config, args []string, stdout, stderr io.Writer) int {
	fs := verbFlags("import radiology", radiologyUsage, stderr)
	dryRun := fs.Bool("dry-run", false, "match the messages and print what would be imported; keep nothing")
	user := fs.String("user", os.Getenv("MHAC_IMPORT_USER"), "the user the import is recorded under")
	files, err := parseInterspersed(fs, args[1:])
	if err != nil || len(files) == 0 || *user == "" {
		if err == nil {
			fmt.Fprintln(stderr, radiologyUsage)
		}
		return 2
	}
	enc := json.NewEncoder(stdout)
	code := 0
	err = asImportUser(ctx, cfg, *user, func(svc *clinic.Service, a clinic.Actor) error {
		for _, name := range files {
			data, err := os.ReadFile(name)
			if err != nil {
				enc.Encode(hl7v2.ImportLine{File: name, Error: err.Error()})
				code = 2
				continue
			}
			for _, m := range hl7v2.Messages(name, data) {
				m.DryRun = *dryRun
				out, err := svc.ImportRadiology(ctx, a, m)
				if err != nil {
					return err
				}
				enc.Encode(hl7v2.Line(m, out))
				if !out.Matched && code == 0 {
					code = 1
				}
			}
		}
		return nil
	})
	if err != nil {
		fmt.Fprintln(stderr, "mhac import radiology:", err)
		return 1
	}
	return code
}
