package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/mhac-clinic/mhac/protocols"
)

func init() {
	register("protocols", "check, evaluate and explain the receiving countries' rule files", runProtocols)
}

const protocolsUsage = `usage:
  mhac protocols check [DIR]
      loads and checks every rule and reference file (the embedded ones, or those under DIR);
      exits 1 and lists each problem with its file, line and rule id
  mhac protocols evaluate [--jsonl] [--version V] [--rules DIR] < facts.json
      one facts object in, one result out (--jsonl: one a line); bad input gives
      {"error": {...}} on stdout and exit status 2, and with --jsonl the other lines go on
  mhac protocols explain --destination US --program refugee [--on YYYY-MM-DD] [--json] [--rules DIR]
      the rule set in force on that date (today by default): each rule's condition in words,
      its reason and its source
  mhac protocols list [--rules DIR]
      every protocol version
  mhac protocols sources [--json] [--rules DIR]
      every source each protocol version and reference list cites, with its edition and the
      date it was last checked against the rules (* = version in force today)`

func runProtocols(ctx context.Context, args []string) int {
	return protocolsMain(ctx, args, os.Stdin, os.Stdout, os.Stderr)
}

// protocolsMain is runProtocols with its streams passed in, so tests can drive it.
func protocolsMain(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, protocolsUsage)
		return 2
	}
	switch args[0] {
	case "check":
		return protocolsCheck(args[1:], stdout, stderr)
	case "evaluate":
		return protocolsEvaluate(ctx, args[1:], stdin, stdout, stderr)
	case "explain":
		return protocolsExplain(args[1:], stdout, stderr)
	case "list":
		return protocolsList(args[1:], stdout, stderr)
	case "sources":
		return protocolsSources(args[1:], stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprintln(stdout, protocolsUsage)
		return 0
	}
	fmt.Fprintf(stderr, "mhac protocols: unknown subcommand %q\n%s\n", args[0], protocolsUsage)
	return 2
}

func loadEngine(dir string) (*protocols.Engine, error) {
	if dir == "" {
		return protocols.Load()
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("%s is not a directory", dir)
	}
	return protocols.LoadDir(os.DirFS(dir))
}

func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("mhac protocols "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprintln(stderr, protocolsUsage) }
	return fs
}

func protocolsCheck(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("check", stderr)
	if fs.Parse(args) != nil || fs.NArg() > 1 {
		return 2
	}
	e, err := loadEngine(fs.Arg(0))
	if err != nil {
		var le protocols.LoadErrors
		if errors.As(err, &le) {
			for _, p := range le {
				fmt.Fprintln(stderr, p.String())
			}
			fmt.Fprintf(stderr, "%d problem(s); nothing loaded\n", len(le))
		} else {
			fmt.Fprintf(stderr, "mhac protocols check: %v\n", err)
		}
		return 1
	}
	n := 0
	for _, s := range e.Sets() {
		n += s.Rules
	}
	fmt.Fprintf(stdout, "ok: %d protocol versions, %d rules\n", len(e.Sets()), n)
	writeSets(stdout, e.Sets())
	return 0
}

func protocolsList(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("list", stderr)
	rules := fs.String("rules", "", "load rule files from this directory instead of the embedded ones")
	if fs.Parse(args) != nil || fs.NArg() > 0 {
		return 2
	}
	e, err := loadEngine(*rules)
	if err != nil {
		fmt.Fprintf(stderr, "mhac protocols list: %v\n", err)
		return 1
	}
	writeSets(stdout, e.Sets())
	return 0
}

func protocolsSources(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("sources", stderr)
	rules := fs.String("rules", "", "load rule files from this directory instead of the embedded ones")
	asJSON := fs.Bool("json", false, "print JSON instead of text")
	if fs.Parse(args) != nil || fs.NArg() > 0 {
		return 2
	}
	e, err := loadEngine(*rules)
	if err != nil {
		fmt.Fprintf(stderr, "mhac protocols sources: %v\n", err)
		return 1
	}
	list := e.Sources(time.Now())
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(list); err != nil {
			fmt.Fprintf(stderr, "mhac protocols sources: %v\n", err)
			return 1
		}
		return 0
	}
	last := ""
	for _, s := range list {
		head := "Reference data"
		if s.Country != "" {
			head = s.Country + " " + s.Version
			if s.InForce {
				head += " *"
			}
		}
		if head != last {
			fmt.Fprintf(stdout, "\n%s\n", head)
			last = head
		}
		checked := s.Checked
		if checked == "" {
			checked = "not recorded"
		}
		fmt.Fprintf(stdout, "  %-24s %s\n      edition: %s; last checked: %s\n", s.Ref, s.Doc, orDash(s.Edition), checked)
	}
	return 0
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func writeSets(w io.Writer, sets []protocols.SetSummary) {
	for _, s := range sets {
		fmt.Fprintf(w, "  %s %s  %3d rules  %-28s %s\n", s.Country, s.Version, s.Rules, strings.Join(s.Programs, ","), s.File)
	}
}

func protocolsExplain(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("explain", stderr)
	dest := fs.String("destination", "", "US, CA, AU or NZ")
	program := fs.String("program", "", "refugee, immigrant or temporary")
	on := fs.String("on", "", "the date (YYYY-MM-DD); today by default")
	asJSON := fs.Bool("json", false, "print JSON instead of text")
	rules := fs.String("rules", "", "load rule files from this directory instead of the embedded ones")
	if fs.Parse(args) != nil || fs.NArg() > 0 || *dest == "" || *program == "" {
		if *dest == "" || *program == "" {
			fmt.Fprintln(stderr, "mhac protocols explain: --destination and --program are required")
		}
		return 2
	}
	date := time.Now().UTC()
	if *on != "" {
		d, err := time.Parse(time.DateOnly, *on)
		if err != nil {
			fmt.Fprintf(stderr, "mhac protocols explain: --on %q is not a date written YYYY-MM-DD\n", *on)
			return 2
		}
		date = d
	}
	e, err := loadEngine(*rules)
	if err != nil {
		fmt.Fprintf(stderr, "mhac protocols explain: %v\n", err)
		return 1
	}
	x, err := e.Explain(*dest, *program, date)
	if err != nil {
		fmt.Fprintf(stderr, "mhac protocols explain: %v\n", err)
		return 2
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(x); err != nil {
			return 1
		}
		return 0
	}
	fmt.Fprint(stdout, x.Text())
	return 0
}

func protocolsEvaluate(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlags("evaluate", stderr)
	jsonl := fs.Bool("jsonl", false, "one facts object a line in, one result a line out")
	version := fs.String("version", "", "the protocol version to apply (default: the one in force on exam_date)")
	rules := fs.String("rules", "", "load rule files from this directory instead of the embedded ones")
	if fs.Parse(args) != nil || fs.NArg() > 0 {
		return 2
	}
	e, err := loadEngine(*rules)
	if err != nil {
		fmt.Fprintf(stderr, "mhac protocols evaluate: %v\n", err)
		return 1
	}
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	if !*jsonl {
		data, err := io.ReadAll(stdin)
		if err != nil {
			fmt.Fprintf(stderr, "mhac protocols evaluate: %v\n", err)
			return 1
		}
		return evaluateOne(ctx, e, *version, data, 0, out, true)
	}
	status := 0
	r := bufio.NewReader(stdin)
	for line := 1; ; line++ {
		data, err := r.ReadBytes('\n')
		if len(data) == 0 && errors.Is(err, io.EOF) {
			break
		}
		if s := evaluateOne(ctx, e, *version, bytes.TrimSpace(data), line, out, false); s > status {
			status = s
		}
		if err != nil {
			if !errors.Is(err, io.EOF) {
				fmt.Fprintf(stderr, "mhac protocols evaluate: %v\n", err)
				return 1
			}
			break
		}
	}
	return status
}

// evaluateOne answers one facts object: the result, or {"error": {...}}. It returns the exit
// status this answer asks for: 0, 2 for bad input, 1 for an internal failure.
func evaluateOne(ctx context.Context, e *protocols.Engine, version string, data []byte, line int, w io.Writer, indent bool) int {
	var answer any
	status := 0
	f, err := protocols.DecodeFacts(data)
	if err == nil {
		var plan any
		p, perr := e.Evaluate(ctx, version, f)
		if perr == nil {
			plan = protocols.NewResult(p)
		}
		answer, err = plan, perr
	}
	if err != nil {
		var ie *protocols.Error
		if errors.As(err, &ie) {
			answer, status = errorAnswer{Error: errorBody{Code: ie.Code, Message: ie.Message, Field: ie.Field, Line: line}}, 2
		} else {
			answer, status = errorAnswer{Error: errorBody{Code: protocols.CodeInternal, Message: err.Error(), Line: line}}, 1
		}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if indent {
		enc.SetIndent("", "  ")
	}
	if err := enc.Encode(answer); err != nil {
		return 1
	}
	return status
}

type errorAnswer struct {
	Error errorBody `json:"error"`
}

type errorBody struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Field   string `json:"field,omitempty"`
	Line    int    `json:"line,omitempty"`
}
