package main

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/mhac-clinic/mhac/protocols/cdsi"
)

func init() {
	register("vaccines", "evaluate an immunization history with CDC's CDSi logic (evaluate); check a supporting data release (data check DIR) or the stored doses (doses check)", runVaccines)
}

func runVaccines(ctx context.Context, args []string) int {
	if len(args) > 0 && args[0] == "data" {
		return vaccinesData(args[1:], os.Stdout, os.Stderr)
	}
	if len(args) > 0 && args[0] == "doses" {
		return runVaccineDoses(ctx, args[1:])
	}
	if len(args) == 0 || args[0] != "evaluate" {
		fmt.Fprintln(os.Stderr, "usage: mhac vaccines evaluate [--jsonl] < request.json | mhac vaccines data check [--version V] DIR | mhac vaccines doses check")
		return 2
	}
	return vaccinesEvaluate(ctx, args[1:], os.Stdin, os.Stdout, os.Stderr)
}

// vaccinesEvaluate reads one JSON request (or, with --jsonl, one a line) and writes the answer
// the same way. A bad request gets a JSON error on its own line and exit status 2; with --jsonl
// the other lines are still answered.
func vaccinesEvaluate(ctx context.Context, args []string, in io.Reader, out, errw io.Writer) int {
	fs := flag.NewFlagSet("vaccines evaluate", flag.ContinueOnError)
	fs.SetOutput(errw)
	jsonl := fs.Bool("jsonl", false, "read one JSON request per line and answer one per line")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(errw, "vaccines evaluate: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	eng, err := cdsi.NewDefault()
	if err != nil {
		fmt.Fprintf(errw, "vaccines evaluate: %v\n", err)
		return 1
	}
	w := bufio.NewWriter(out)
	defer w.Flush()
	if !*jsonl {
		b, err := io.ReadAll(io.LimitReader(in, 1<<20+1))
		if err != nil {
			fmt.Fprintf(errw, "vaccines evaluate: %v\n", err)
			return 1
		}
		ans, bad := eng.EvaluateJSON(b)
		w.Write(append(ans, '\n'))
		if bad {
			return 2
		}
		return 0
	}
	return evaluateLines(ctx, eng, in, w)
}

// evaluateLines answers each input line on the same output line number; a bad line gets its
// error and the lines after it are still answered.
func evaluateLines(ctx context.Context, eng *cdsi.Engine, in io.Reader, w *bufio.Writer) int {
	r := bufio.NewReader(in)
	status := 0
	for {
		if ctx.Err() != nil {
			return 1
		}
		line, err := r.ReadBytes('\n')
		if len(line) > 0 {
			ans, bad := eng.EvaluateJSON(bytes.TrimRight(line, "\r\n"))
			if bad {
				status = 2
			}
			w.Write(append(ans, '\n'))
		}
		if err == io.EOF {
			return status
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "vaccines evaluate: %v\n", err)
			return 1
		}
	}
}
