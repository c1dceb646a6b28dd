// Command mhac is the clinic system's single binary: the HTTP server, the background worker and
// the operator commands (migrate, seed, protocols, forms, keys, vaccines, ...).
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"sort"
	"syscall"
)

// command is one subcommand: it gets the arguments after its name and returns the exit status.
type command struct {
	summary string
	run     func(ctx context.Context, args []string) int
}

// commands is filled by each subcommand's file in its init function, so adding a command never
// means editing this file.
var commands = map[string]command{}

func register(name, summary string, run func(ctx context.Context, args []string) int) {
	if _, dup := commands[name]; dup {
		panic("mhac: command registered twice: " + name)
	}
	commands[name] = command{summary: summary, run: run}
}

func main() {
	if len(os.Args) < 2 || os.Args[1] == "help" || os.Args[1] == "-h" || os.Args[1] == "--help" {
		usage()
		os.Exit(2)
	}
	cmd, ok := commands[os.Args[1]]
	if !ok {
		fmt.Fprintf(os.Stderr, "mhac: unknown command %q\n\n", os.Args[1])
		usage()
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cmd.run(ctx, os.Args[2:])
	stop()
	os.Exit(code)
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: mhac <command> [arguments]\n\ncommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(os.Stderr, "  %-12s %s\n", n, commands[n].summary)
	}
}
