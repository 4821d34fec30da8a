// Command gen writes the large answers of the whole-process benchmark
// (make bench) into a fixture tree made for the run: timer-stats with N
// timers and accounts-stat with N accounts, each with a sidecar naming the
// simulator scenario that serves it (bench-timers-N, bench-accounts-N).
// Every answer is healthy: the checks and the scripts compared with them
// read everything and judge OK.
//
//	gen -out DIR -timers 10,10000,100000 -accounts 10,1000,10000
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
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
		write(*out, "timer-stats", "timers", n, writeTimers)
	}
	for _, n := range counts(*accounts) {
		write(*out, "accounts-stat", "accounts", n, writeAccounts)
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
func write(root, endpoint, kind string, n int, body func(*bufio.Writer, int)) {
	dir := filepath.Join(root, "webim", endpoint)
	name := fmt.Sprintf("bench-%d.json", n)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fail(err)
	}
	f, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		fail(err)
	}
	w := bufio.NewWriterSize(f, 1<<16)
	body(w, n)
	if err := w.Flush(); err != nil {
		fail(err)
	}
	if err := f.Close(); err != nil {
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

// writeTimers writes a timer-stats answer in the layout of the seed's
// example, about 130 bytes a timer: one to three runs each, all fast.
func writeTimers(w *bufio.Writer, n int) {
	w.WriteString("{\n\"last_min\": {\n")
	for i := 0; i < n; i++ {
		if i > 0 {
			w.WriteString(",\n")
		}
		runs := 1 + i%3
		fmt.Fprintf(w, "\"timer: bench_timer_%06d\": {\n\"count\": %d,\n\"execution_times\": [", i, runs)
		for r := 0; r < runs; r++ {
			if r > 0 {
				w.WriteString(", ")
			}
			w.WriteString(strconv.FormatFloat(0.0001+float64((i*7+r*13)%997)*1.3e-5, 'g', -1, 64))
		}
		w.WriteString("],\n\"func_name\": \"t\"\n}")
	}
	w.WriteString("\n},\n\"failed\": []\n}\n")
}

// writeAccounts writes an accounts-stat answer in the layout of the
// seed's example: the TOTAL row, then n healthy account rows.
func writeAccounts(w *bufio.Writer, n int) {
	w.WriteString("[\n")
	fmt.Fprintf(w, `{"name": "TOTAL", "sessions_cnt": %d, "online_operators_cnt": %d, "working_operators_cnt": %d, "chats_cnt": %d, "in_queue_cnt": %d, "failed_to_store_objects_cnt": 0, "collected_to_store_objects_cnt": %d, "failed_to_store_objects_cnt_1": 0, "collected_to_store_objects_cnt_1": 0, "not_belongs_to_tornado_instance": 0}`,
		n*20, n*3, n*2, n*4, n/2, n)
	for i := 0; i < n; i++ {
		fmt.Fprintf(w, ",\n"+`{"name": "acc%05d", "domain": "acc%05d.webim.ru", "sessions_cnt": %d, "visible_sessions_cnt": %d, "alive_sessions_cnt": %d, "pages_cnt": %d, "alive_pages_cnt": 0, "online_operators_cnt": 3, "working_operators_cnt": 2, "chats_cnt": 4, "offline_chats_cnt": 0, "in_queue_cnt": %d, "failed_to_store_objects_cnt": 0, "collected_to_store_objects_cnt": 1, "being_stored_now_objects_cnt": 0, "being_stored_now_processed_objects_cnt": 0, "failed_to_store_objects_cnt_1": 0, "collected_to_store_objects_cnt_1": 0, "being_stored_now_objects_cnt_1": 0, "being_stored_now_processed_objects_cnt_1": 0, "not_belongs_to_tornado_instance": false, "ignore_not_belongs_to_tornado_instance": false}`,
			i, i, 20, 20, 20, 20, i%2)
	}
	w.WriteString("\n]\n")
}
