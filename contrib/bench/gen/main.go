// Command gen writes the large answers of the whole-process benchmark
// (make bench) into a fixture tree made for the run: timer-stats with N
// timers and accounts-stat with N accounts, each with a sidecar naming the
// simulator scenario that serves it (bench-timers-N, bench-accounts-N).
// Every answer is healthy (testutil.ManyTimers, testutil.ManyAccounts, the
// answers of the Go benchmarks): the checks and the scripts compared with
// them read everything and judge OK.
//
//	gen -out DIR -timers 10,10000,100000 -accounts 10,1000,10000
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/ccmon/webim-checks/lib/testutil"
)

func main() {
	out := flag.String("out", "", "fixture tree to write into (its webim/ directory)")
	timers := flag.String("timers", "10,10000,100000", "timer counts, comma-separated")
	accounts := flag.String("accounts", "10,1000,10000", "account counts, comma-separated")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "usage: gen -out DIR [-timers N,...] [-accounts N,...]")
		os.Exit(2)
	}
	for _, n := range counts(*timers) {
		write(*out, "timer-stats", "timers", n, testutil.ManyTimers(n))
	}
	for _, n := range counts(*accounts) {
		write(*out, "accounts-stat", "accounts", n, testutil.ManyAccounts(n))
	}
}

func counts(list string) []int {
	var ns []int
	for _, f := range strings.Split(list, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		n, err := strconv.Atoi(f)
		if err != nil || n < 1 {
			fmt.Fprintf(os.Stderr, "gen: bad count %q\n", f)
			os.Exit(2)
		}
		ns = append(ns, n)
	}
	return ns
}

// write writes webim/ENDPOINT/bench-N.json and its sidecar.
func write(root, endpoint, kind string, n int, body []byte) {
	dir := filepath.Join(root, "webim", endpoint)
	name := fmt.Sprintf("bench-%d.json", n)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fail(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), body, 0o644); err != nil {
		fail(err)
	}
	side := fmt.Sprintf("scenario: bench-%s-%d\npath: /l/a/monitor/%s\ndoc: benchmark: %d healthy %s\n", kind, n, endpoint, n, kind)
	if err := os.WriteFile(filepath.Join(dir, name+".sim"), []byte(side), 0o644); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "gen:", err)
	os.Exit(1)
}
