package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/mhac-clinic/mhac/internal/demo"
	"github.com/mhac-clinic/mhac/loadtest"
)

func init() {
	register("load", "measure the clinic under load: an open-loop mix at a rate, or --closed (loopback only)", runLoad)
}

func runLoad(ctx context.Context, args []string) int {
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	base := fs.String("url", env("MHAC_PUBLIC_URL", "http://127.0.0.1:8080"), "the clinic's base URL (loopback only)")
	pw := fs.String("password", demo.Password, "password of the demo users")
	rates := fs.String("rate", "300", "requests per second; a comma list (e.g. 100,200,300) runs each in turn")
	d := fs.Duration("d", 30*time.Second, "how long each run lasts")
	mix := fs.String("mix", "", "the share of each kind, e.g. worklist=25,chart=30,search=10,board=10,panel=10,vitals=15 (default)")
	sites := fs.String("sites", "", "spread the load over these sites' users, a comma list of site codes (e.g. NBO,KLA; users nurse.nbo, ... as `mhac seed --sites` makes them); default the demo site")
	closed := fs.Bool("closed", false, "instead: closed loop, -c connections each waiting for its answer (worklist, then chart)")
	conns := fs.Int("c", 8, "with --closed: connections at once")
	user := fs.String("user", "nurse", "with --closed: log in as")
	station := fs.String("station", "nurse", "with --closed: the worklist's station")
	n := fs.Int("n", 20000, "with --closed: at most this many requests per target")
	acked := fs.String("acked", "", "write each write the clinic acknowledged to this file, one CSV line: kind,record id,version,request id")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *closed {
		o := loadtest.Options{BaseURL: *base, Username: *user, Password: *pw, Station: *station, Concurrency: *conns, Duration: *d, MaxRequests: *n}
		for _, target := range []string{"worklist", "chart"} {
			o.Target = target
			r, err := loadtest.Run(ctx, o)
			if err != nil {
				fmt.Fprintln(os.Stderr, "mhac load:", err)
				return 1
			}
			fmt.Println(r)
		}
		return 0
	}
	m, err := parseMix(*mix)
	if err != nil {
		fmt.Fprintln(os.Stderr, "mhac load:", err)
		return 2
	}
	var ackFile *os.File
	if *acked != "" {
		if ackFile, err = os.Create(*acked); err != nil {
			fmt.Fprintln(os.Stderr, "mhac load:", err)
			return 1
		}
		defer ackFile.Close()
	}
	for _, s := range strings.Split(*rates, ",") {
		rate, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		if err != nil || rate <= 0 {
			fmt.Fprintf(os.Stderr, "mhac load: --rate %q is not a positive number\n", s)
			return 2
		}
		o := loadtest.OpenOptions{BaseURL: *base, Password: *pw, Rate: rate, Duration: *d, Mix: m, Seed: 1, Sites: siteCodes(*sites)}
		if ackFile != nil {
			o.Acked = ackFile // unbuffered: each line is written as its answer arrives
		}
		r, err := loadtest.Open(ctx, o)
		if err != nil {
			fmt.Fprintln(os.Stderr, "mhac load:", err)
			return 1
		}
		fmt.Print(r)
	}
	return 0
}

// parseMix reads "kind=share,..."; empty means the default mix.
func parseMix(s string) (map[loadtest.Kind]int, error) {
	if s == "" {
		return nil, nil
	}
	m := map[loadtest.Kind]int{}
	for _, part := range strings.Split(s, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		n, err := strconv.Atoi(v)
		if _, known := loadtest.DefaultMix[loadtest.Kind(k)]; !ok || err != nil || n < 0 || !known {
			return nil, fmt.Errorf("--mix: %q is not kind=share with a known kind (worklist, chart, search, board, panel, vitals)", part)
		}
		m[loadtest.Kind(k)] = n
	}
	return m, nil
}

// siteCodes splits a comma list of site codes; empty gives none.
func siteCodes(s string) []string {
	var out []string
	for _, c := range strings.Split(s, ",") {
		if c = strings.TrimSpace(c); c != "" {
			out = append(out, c)
		}
	}
	return out
}
