package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"sort"

	"github.com/mhac-clinic/mhac/protocols/cdsi"
	"github.com/mhac-clinic/mhac/protocols/vaccination"
)

// vaccinesData runs "mhac vaccines data check DIR": it reads a release of CDC's supporting data
// the way the server would (every antigen file, the schedule), checks that the DS-3025 rule files
// still find their vaccine groups in it, and lists what changed from the embedded release.
func vaccinesData(args []string, out, errw io.Writer) int {
	if len(args) == 0 || args[0] != "check" {
		fmt.Fprintln(errw, "usage: mhac vaccines data check [--version V] DIR")
		return 2
	}
	fs := flag.NewFlagSet("vaccines data check", flag.ContinueOnError)
	fs.SetOutput(errw)
	version := fs.String("version", "", "the release's version, as printed on the DS-3025 (e.g. 4.65 (508))")
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(errw, "usage: mhac vaccines data check [--version V] DIR")
		return 2
	}
	dir := fs.Arg(0)
	data, err := cdsi.Load(os.DirFS(dir))
	if err != nil {
		fmt.Fprintf(out, "FAIL %s: %v\n", dir, err)
		return 1
	}
	data.Version = *version
	fmt.Fprintf(out, "read %s: %d vaccine groups, %d antigens, %d CVX codes, %d observations\n",
		dir, len(data.Groups), len(data.Antigens), len(data.CVX), len(data.Observations))
	status := 0
	if *version == "" {
		fmt.Fprintln(out, "FAIL no --version: the DS-3025 prints the release in force, so name it")
		status = 1
	}
	if _, err := vaccination.LoadAll(data); err != nil {
		fmt.Fprintf(out, "FAIL DS-3025 rule files against this data: %v\n", err)
		status = 1
	} else {
		fmt.Fprintln(out, "ok   every DS-3025 rule file finds its vaccine groups")
	}
	embedded, err := cdsi.Default()
	if err != nil {
		fmt.Fprintf(errw, "vaccines data check: embedded data: %v\n", err)
		return 1
	}
	added, removed := diffKeys(data.CVX, embedded.CVX)
	fmt.Fprintf(out, "CVX codes against the embedded %s: %d added %v, %d removed %v\n", embedded.Version, len(added), added, len(removed), removed)
	added, removed = diffKeys(data.Antigens, embedded.Antigens)
	fmt.Fprintf(out, "antigens against the embedded %s: %d added %v, %d removed %v\n", embedded.Version, len(added), added, len(removed), removed)
	if status == 0 {
		fmt.Fprintln(out, "ok   the release can be shipped: see docs/vaccination-day.md")
	}
	return status
}

// diffKeys lists the keys of a that b lacks, and of b that a lacks, sorted.
func diffKeys[V any](a, b map[string]V) (added, removed []string) {
	for k := range a {
		if _, ok := b[k]; !ok {
			added = append(added, k)
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			removed = append(removed, k)
		}
	}
	sort.Strings(added)
	sort.Strings(removed)
	return added, removed
}
