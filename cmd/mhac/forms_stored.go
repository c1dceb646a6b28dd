package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"

	"github.com/mhac-clinic/mhac/clinic/postgres"
	"github.com/mhac-clinic/mhac/pdf/pades"
)

// storedCheck is what `mhac forms verify-stored` prints: one JSON object.
type storedCheck struct {
	Files   int             `json:"files"`
	Valid   int             `json:"valid"`
	Invalid []storedProblem `json:"invalid"`
}

type storedProblem struct {
	FormID   string `json:"form_id"`
	FormType string `json:"form_type"`
	Problem  string `json:"problem"`
}

// formsVerifyStored checks every PDF the database holds: its bytes still hash to the recorded
// SHA-256, and its signature is valid, covers the whole file and chains to the configured trust
// anchors. The restore drill runs it after a restore.
func formsVerifyStored(args []string, stdout, stderr io.Writer) error {
	fs := formsFlags("verify-stored", stderr)
	if _, err := parseInterspersed(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return errUsage
	}
	ctx := context.Background()
	cfg := loadConfig()
	_, _, trust, err := cfg.keyPaths()
	if err != nil {
		return err
	}
	roots, err := pades.LoadRoots(trust...)
	if err != nil {
		return err
	}
	store, err := postgres.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer store.Close()
	out := storedCheck{Invalid: []storedProblem{}}
	err = store.EachFile(ctx, func(f postgres.StoredFile) error {
		out.Files++
		problem := ""
		sum := sha256.Sum256(f.Content)
		if hex.EncodeToString(sum[:]) != f.SHA256 {
			problem = "the stored bytes do not match the recorded SHA-256"
		} else if r, err := pades.VerifyContext(ctx, f.Content, roots); err != nil || !r.Valid {
			problem = r.Problem
		} else if !r.WholeDocument {
			problem = "the signature does not cover the whole file"
		}
		if problem == "" {
			out.Valid++
		} else {
			out.Invalid = append(out.Invalid, storedProblem{FormID: f.FormID, FormType: f.FormType, Problem: problem})
		}
		return nil
	})
	if err != nil {
		return err
	}
	b, _ := json.Marshal(out)
	fmt.Fprintln(stdout, string(b))
	if len(out.Invalid) > 0 {
		return errNegative
	}
	return nil
}
