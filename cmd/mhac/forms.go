package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/mhac-clinic/mhac/pdf"
	"github.com/mhac-clinic/mhac/pdf/pades"
)

func init() { register("forms", "draw sample forms and verify signed forms", runForms) }

const formsUsage = `usage:
  mhac forms sample --out DIR [--keys DIR] [--site CODE] [--verify-base URL]
      writes one signed PDF of every form type from the built-in samples; without --keys it
      makes throwaway keys in a temporary directory and says where
  mhac forms verify FILE.pdf [--roots PEM]... [--keys DIR]
      exits 0 when the signature is valid and covers the whole file, 1 when not (with the reason)
  mhac forms verify-stored
      checks every PDF in the database (checksum, signature, trust anchors of the configured keys);
      prints {"files": N, "valid": K, "invalid": [...]} and exits 1 when any is invalid`

func runForms(ctx context.Context, args []string) int {
	return formsMain(args, os.Stdout, os.Stderr)
}

// formsMain is runForms with its output streams passed in, so tests can read them.
func formsMain(args []string, stdout, stderr io.Writer) int {
	return runVerbs("forms", formsUsage, map[string]verb{
		"sample":        formsSample,
		"verify-stored": formsVerifyStored,
		"verify": func(args []string, stdout, stderr io.Writer) error {
			valid, err := formsVerify(args, stdout, stderr)
			if err == nil && !valid {
				return errNegative
			}
			return err
		},
	}, args, stdout, stderr)
}

func formsFlags(name string, stderr io.Writer) *flag.FlagSet {
	return verbFlags("forms "+name, formsUsage, stderr)
}

// parseInterspersed lets flags come after the positional arguments too
// ("verify FILE --roots ca.crt"), which the flag package alone stops at.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// pemList is a repeatable flag; each use may also hold comma-separated files.
type pemList []string

func (p *pemList) String() string { return strings.Join(*p, ",") }

func (p *pemList) Set(v string) error {
	for _, f := range strings.Split(v, ",") {
		if f = strings.TrimSpace(f); f != "" {
			*p = append(*p, f)
		}
	}
	return nil
}

func formsSample(args []string, stdout, stderr io.Writer) error {
	fs := formsFlags("sample", stderr)
	out := fs.String("out", "", "directory to write the PDFs to (created if missing)")
	keys := fs.String("keys", "", "key directory made by `mhac keys init`; default: throwaway keys")
	site := fs.String("site", "KGL", "site code of the signing key")
	base := fs.String("verify-base", "https://mhac.example.org/verify/", "verification URL prefix for the QR codes")
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if *out == "" || len(rest) > 0 {
		fmt.Fprintln(stderr, "mhac forms sample: --out DIR is required and no other arguments are taken")
		return errUsage
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	paths, err := sampleKeys(*keys, *site, stdout)
	if err != nil {
		return err
	}
	signer, err := pades.LoadSigner(paths.SiteCert, paths.SiteKey, paths.CACert)
	if err != nil {
		return fmt.Errorf("load the %s signing key: %w", *site, err)
	}
	now := time.Now()
	for _, form := range pdf.FormTypes() {
		s, ok := pdf.SampleFor(form)
		if !ok {
			return fmt.Errorf("no sample for form %s", form)
		}
		url := *base + s.Name + "-" + fileName(form)
		doc, err := pdf.RenderSigned(s.Snapshot, form, url, signer, pdf.SignInfoFor(s.Snapshot, form, now))
		if err != nil {
			return err
		}
		file := filepath.Join(*out, fileName(form)+".pdf")
		if err := os.WriteFile(file, doc, 0o644); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%-9s %s (%s, %d bytes)\n", form, file, s.Name, len(doc))
	}
	fmt.Fprintf(stdout, "verify with: mhac forms verify FILE.pdf --roots %s\n", strings.Join(paths.TrustFiles(), ","))
	return nil
}

// sampleKeys finds the site key in dir, or makes throwaway keys in a new temporary directory.
func sampleKeys(dir, site string, stdout io.Writer) (pades.Paths, error) {
	if dir != "" {
		p, err := pades.KeyPaths(dir, site)
		if err != nil {
			return p, err
		}
		if _, err := os.Stat(p.SiteKey); err != nil {
			return p, fmt.Errorf("no signing key for site %s in %s (run mhac keys init): %w", site, dir, err)
		}
		return p, nil
	}
	tmp, err := os.MkdirTemp("", "mhac-sample-keys-")
	if err != nil {
		return pades.Paths{}, err
	}
	p, err := pades.InitKeys(tmp, site, "MHAC sample site "+site, false)
	if err != nil {
		return p, err
	}
	fmt.Fprintf(stdout, "throwaway signing keys: %s\n", tmp)
	return p, nil
}

// fileName turns a form id into a file name: "IMM 1017" -> "IMM-1017".
func fileName(form string) string { return strings.ReplaceAll(form, " ", "-") }

func formsVerify(args []string, stdout, stderr io.Writer) (bool, error) {
	fs := formsFlags("verify", stderr)
	var roots pemList
	fs.Var(&roots, "roots", "trusted CA certificate file(s), PEM; repeat or separate with commas")
	keys := fs.String("keys", "", "key directory whose CA and retired certificates to trust")
	site := fs.String("site", "KGL", "site code, with --keys")
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return false, err
	}
	if len(files) != 1 {
		fmt.Fprintln(stderr, "mhac forms verify: give exactly one PDF file")
		return false, errUsage
	}
	if *keys != "" {
		p, err := pades.KeyPaths(*keys, *site)
		if err != nil {
			return false, err
		}
		roots = append(roots, p.TrustFiles()...)
	}
	if len(roots) == 0 {
		fmt.Fprintln(stderr, "mhac forms verify: --roots or --keys is required: a signature is only valid against a trusted CA")
		return false, errUsage
	}
	pool, err := pades.LoadRoots(roots...)
	if err != nil {
		return false, err
	}
	doc, err := os.ReadFile(files[0])
	if err != nil {
		return false, err
	}
	res, err := pades.Verify(doc, pool)
	if err != nil {
		fmt.Fprintf(stdout, "INVALID: %s: %v\n", files[0], err)
		return false, nil
	}
	if !res.Valid {
		fmt.Fprintf(stdout, "INVALID: %s: %s\n", files[0], res.Problem)
		return false, nil
	}
	fmt.Fprintf(stdout, "VALID: %s\n  signed by %s for %s at %s\n  reason: %s\n  whole document signed: %v\n",
		files[0], res.Name, res.Signer, res.SignedAt.UTC().Format(time.RFC3339), res.Reason, res.WholeDocument)
	return true, nil
}
