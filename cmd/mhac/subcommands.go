package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
)

// verb is one subcommand of a command with verbs (keys init, forms verify, ...).
type verb func(args []string, stdout, stderr io.Writer) error

var (
	// errUsage makes a verb exit 2 after it printed its usage.
	errUsage = errors.New("usage")
	// errNegative makes a verb exit 1 without more words: it already said why (e.g. a form that
	// does not verify).
	errNegative = errors.New("negative answer")
)

// runVerbs dispatches args[0] to its verb and turns the verb's error into the exit status:
// 0 done, 1 failed or negative, 2 usage.
func runVerbs(command, usage string, verbs map[string]verb, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, usage)
		return 2
	}
	run, ok := verbs[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "mhac %s: unknown subcommand %q\n%s\n", command, args[0], usage)
		return 2
	}
	err := run(args[1:], stdout, stderr)
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp), errors.Is(err, errUsage):
		return 2
	case errors.Is(err, errNegative):
		return 1
	}
	fmt.Fprintf(stderr, "mhac %s %s: %v\n", command, args[0], err)
	return 1
}

// verbFlags is a flag set that prints the command's usage on a mistake.
func verbFlags(name, usage string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("mhac "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprintln(stderr, usage); fs.PrintDefaults() }
	return fs
}
