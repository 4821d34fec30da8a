// Command measure is the whole-process benchmark driver of make bench: it
// runs each named command many times, interleaved so that all see the same
// machine conditions, and reports the median wall time, the median CPU time
// (user + system, from the kernel's rusage) and the peak RSS of each, and
// the ratios to the first command.
//
//	measure -n 300 -- floor='bin/minimal URL' check='bin/check_webim_db -H URL'
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"sort"
	"strings"
	"syscall"
	"time"
)

type subject struct {
	name  string
	argv  []string
	wall  []time.Duration
	cpu   []time.Duration
	rss   int64
	fails int
}

func main() {
	n := flag.Int("n", 200, "runs per command")
	warm := flag.Int("warmup", 10, "unmeasured runs per command first")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: measure [-n N] [-warmup N] -- NAME='CMD ARGS' ...")
		flag.PrintDefaults()
	}
	flag.Parse()
	var subs []*subject
	for _, a := range flag.Args() {
		name, cmd, ok := strings.Cut(a, "=")
		if !ok || strings.TrimSpace(cmd) == "" {
			flag.Usage()
			os.Exit(2)
		}
		subs = append(subs, &subject{name: name, argv: strings.Fields(cmd)})
	}
	if len(subs) == 0 {
		flag.Usage()
		os.Exit(2)
	}
	for i := 0; i < *warm; i++ {
		for _, s := range subs {
			run(s, false)
		}
	}
	for i := 0; i < *n; i++ {
		for _, s := range subs {
			run(s, true)
		}
	}
	base := subs[0]
	fmt.Printf("%-24s %10s %10s %10s %8s %8s %6s\n", "command", "wall(med)", "cpu(med)", "peakRSS", "wall/x", "cpu/x", "fails")
	for _, s := range subs {
		fmt.Printf("%-24s %10s %10s %8.1fMiB %8.2f %8.2f %6d\n", s.name,
			ms(median(s.wall)), ms(median(s.cpu)), float64(s.rss)/1024,
			ratio(median(s.wall), median(base.wall)), ratio(median(s.cpu), median(base.cpu)), s.fails)
	}
	fmt.Printf("(ratios are to %s; %d runs each, interleaved, after %d warm-up runs)\n", base.name, *n, *warm)
}

func run(s *subject, record bool) {
	cmd := exec.Command(s.argv[0], s.argv[1:]...)
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if cmd.ProcessState == nil {
		fmt.Fprintf(os.Stderr, "measure: %s: %v\n", s.name, err)
		os.Exit(2)
	}
	if !record {
		return
	}
	if !cmd.ProcessState.Success() {
		s.fails++
	}
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	cpu := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	s.wall = append(s.wall, wall)
	s.cpu = append(s.cpu, cpu)
	if ru.Maxrss > s.rss {
		s.rss = ru.Maxrss
	}
}

func median(d []time.Duration) time.Duration {
	if len(d) == 0 {
		return 0
	}
	c := append([]time.Duration(nil), d...)
	sort.Slice(c, func(i, j int) bool { return c[i] < c[j] })
	return c[len(c)/2]
}

func ratio(a, b time.Duration) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2fms", float64(d)/1e6) }
