package main

import (
	"context"
	"crypto/x509"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/mhac-clinic/mhac/pdf/pades"
)

func init() { register("keys", "create and inspect signing keys", runKeys) }

const keysUsage = `usage:
  mhac keys init   --dir DIR --site CODE --site-name NAME [--key-type ecdsa-p256|rsa-3072] [--force]
  mhac keys rotate --dir DIR --site CODE [--key-type ecdsa-p256|rsa-3072]
  mhac keys show   --dir DIR`

func runKeys(ctx context.Context, args []string) int {
	return keysMain(args, os.Stdout, os.Stderr)
}

// keysMain is runKeys with its output streams passed in.
func keysMain(args []string, stdout, stderr io.Writer) int {
	return runVerbs("keys", keysUsage, map[string]verb{"init": keysInit, "rotate": keysRotate, "show": keysShow}, args, stdout, stderr)
}

func keysFlags(name string, stderr io.Writer) *flag.FlagSet {
	return verbFlags("keys "+name, keysUsage, stderr)
}

// required reports missing flags as a usage error.
func required(fs *flag.FlagSet, stderr io.Writer, vals map[string]string) error {
	for _, n := range []string{"dir", "site", "site-name"} {
		if v, ok := vals[n]; ok && v == "" {
			fmt.Fprintf(stderr, "mhac %s: --%s is required\n", fs.Name()[len("mhac "):], n)
			fs.Usage()
			return errUsage
		}
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "mhac %s: unexpected argument %q\n", fs.Name()[len("mhac "):], fs.Arg(0))
		return errUsage
	}
	return nil
}

func keysInit(args []string, stdout, stderr io.Writer) error {
	fs := keysFlags("init", stderr)
	dir := fs.String("dir", "", "directory for the key and certificate files")
	site := fs.String("site", "", "site code, e.g. KGL")
	siteName := fs.String("site-name", "", `site name for the certificate, e.g. "Kigali MHAC"`)
	keyType := fs.String("key-type", string(pades.DefaultKeyType), "ecdsa-p256 or rsa-3072")
	force := fs.Bool("force", false, "replace existing keys (old certificates are kept in DIR/retired)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := required(fs, stderr, map[string]string{"dir": *dir, "site": *site, "site-name": *siteName}); err != nil {
		return err
	}
	p, err := pades.InitKeysOfType(*dir, *site, *siteName, pades.KeyType(*keyType), *force)
	if err != nil {
		return err
	}
	printPaths(stdout, p)
	return nil
}

func keysRotate(args []string, stdout, stderr io.Writer) error {
	fs := keysFlags("rotate", stderr)
	dir := fs.String("dir", "", "directory of the key and certificate files")
	site := fs.String("site", "", "site code, e.g. KGL")
	keyType := fs.String("key-type", string(pades.DefaultKeyType), "ecdsa-p256 or rsa-3072")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := required(fs, stderr, map[string]string{"dir": *dir, "site": *site}); err != nil {
		return err
	}
	p, err := pades.RotateKeys(*dir, *site, pades.KeyType(*keyType))
	if err != nil {
		return err
	}
	printPaths(stdout, p)
	fmt.Fprintln(stdout, "The old site key was deleted; its certificate stays in the trust files above.")
	return nil
}

func printPaths(w io.Writer, p pades.Paths) {
	fmt.Fprintf(w, "CA certificate:   %s\nCA key:           %s\nsite certificate: %s\nsite key:         %s\n",
		p.CACert, p.CAKey, p.SiteCert, p.SiteKey)
	fmt.Fprintf(w, "trust files (for verification): %s\n", strings.Join(p.TrustFiles(), " "))
}

func keysShow(args []string, stdout, stderr io.Writer) error {
	fs := keysFlags("show", stderr)
	dir := fs.String("dir", "", "directory of the key and certificate files")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := required(fs, stderr, map[string]string{"dir": *dir}); err != nil {
		return err
	}
	files, err := filepath.Glob(filepath.Join(*dir, "*.crt"))
	if err != nil {
		return err
	}
	retired, _ := filepath.Glob(filepath.Join(*dir, "retired", "*.crt"))
	sort.Strings(files)
	sort.Strings(retired)
	files = append(files, retired...)
	if len(files) == 0 {
		return fmt.Errorf("no certificates in %s (run mhac keys init)", *dir)
	}
	for _, f := range files {
		certs, err := pades.ReadCerts(f)
		if err != nil {
			return err
		}
		for _, c := range certs {
			printCert(stdout, f, c)
		}
	}
	return nil
}

func printCert(w io.Writer, file string, c *x509.Certificate) {
	role := "site signing certificate"
	if c.IsCA {
		role = "CA"
	}
	if filepath.Base(filepath.Dir(file)) == "retired" {
		role = "retired " + role
	}
	fmt.Fprintf(w, "%s (%s)\n", file, role)
	fmt.Fprintf(w, "  subject:  %s\n  issuer:   %s\n  serial:   %x\n", c.Subject, c.Issuer, c.SerialNumber)
	fmt.Fprintf(w, "  valid:    %s to %s\n  key:      %s\n",
		c.NotBefore.UTC().Format("2006-01-02 15:04 MST"), c.NotAfter.UTC().Format("2006-01-02 15:04 MST"), pades.KeyDescription(c))
	fmt.Fprintf(w, "  sha-256:  %s\n", pades.Describe(c).Fingerprint)
	key := strings.TrimSuffix(file, ".crt") + ".key"
	if _, err := os.Stat(key); err == nil {
		fmt.Fprintf(w, "  key file: %s\n", key)
	}
}
