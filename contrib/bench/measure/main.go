// Command measure is the whole-process benchmark driver of make bench: it
// runs each named command many times, interleaved so that all see the same
// machine conditions, and reports the median wall time, the median CPU time
// (user + system, from the kernel's rusage), the median minor page faults
// and context switches, the peak RSS of each, and the ratios of the first
// command (the one measured) to each of the others: "0.25x" means the
// first needs a quarter of what that one needs.
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
	flt   []time.Duration // minor page faults, kept as durations to share median
	csw   []time.Duration // voluntary + involuntary context switches
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
	report(subs, *n, *warm)
}

// report prints the table, then the first command against each other.
func report(subs []*subject, n, warm int) {
	base := subs[0]
	fmt.Printf("%-22s %10s %10s %9s %6s %5s %6s\n", "command", "wall(med)", "cpu(med)", "peakRSS", "minflt", "csw", "fails")
	for _, s := range subs {
		fmt.Printf("%-22s %10s %10s %6.1fMiB %6d %5d %6d\n", s.name,
			ms(median(s.wall)), ms(median(s.cpu)), float64(s.rss)/1024,
			int64(median(s.flt)), int64(median(s.csw)), s.fails)
	}
	if c := median(base.cpu); c > 0 {
		fmt.Printf("%s: %.0f runs per CPU-second\n", base.name, float64(time.Second)/float64(c))
	}
	for _, s := range subs[1:] {
		fmt.Printf("%s vs %-20s wall %5.2fx  cpu %5.2fx  rss %5.2fx\n", base.name, s.name+":",
			ratio(median(base.wall), median(s.wall)), ratio(median(base.cpu), median(s.cpu)),
			ratio(time.Duration(base.rss), time.Duration(s.rss)))
	}
	fmt.Printf("(%d runs each, interleaved, after %d warm-up runs; medians; peak RSS is the largest seen)\n", n, warm)
}

func run(s *subject, record bool) {
	cmd := exec.Command(s.argv[0], s.argv[1:]...)
	if record && s.fails == 0 && len(s.wall) == 0 {
		cmd.Stdout = &firstLine{name: s.name}
	}
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
	s.flt = append(s.flt, time.Duration(ru.Minflt))
	s.csw = append(s.csw, time.Duration(ru.Nvcsw+ru.Nivcsw))
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

// firstLine prints the first line a command writes, once, so that the
// report shows what each command judged.
type firstLine struct {
	name string
	done bool
}

func (f *firstLine) Write(p []byte) (int, error) {
	if !f.done {
		f.done = true
		line, _, _ := strings.Cut(string(p), "\n")
		if len(line) > 110 {
			line = line[:110] + "..."
		}
		fmt.Printf("  %-20s %s\n", f.name+":", line)
	}
	return len(p), nil
}
