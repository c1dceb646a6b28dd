package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/mhac-clinic/mhac/internal/demo"
	"github.com/mhac-clinic/mhac/loadtest"
)

func init() {
	register("load", "measure the worklist and chart under load (loopback only, bounded)", runLoad)
}

func runLoad(ctx context.Context, args []string) int {
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	o := loadtest.Options{}
	fs.StringVar(&o.BaseURL, "url", env("MHAC_PUBLIC_URL", "http://127.0.0.1:8080"), "the clinic's base URL (loopback only)")
	fs.StringVar(&o.Username, "user", "nurse", "log in as")
	fs.StringVar(&o.Password, "password", demo.Password, "password")
	fs.StringVar(&o.Station, "station", "nurse", "the worklist's station")
	fs.IntVar(&o.Concurrency, "c", 8, "connections at once")
	fs.DurationVar(&o.Duration, "d", 15*time.Second, "how long each target runs")
	fs.IntVar(&o.MaxRequests, "n", 20000, "at most this many requests per target")
	if err := fs.Parse(args); err != nil {
		return 2
	}
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
