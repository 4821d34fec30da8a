// Command simulator serves the monitoring endpoints of Webim, Itgrix and
// the WhatsApp Business API with realistic answers, under named scenarios,
// for make demo, the end-to-end tests and trying the checks out.
//
//	simulator --fixtures testdata --listen 127.0.0.1:8080 --listen 127.0.0.1:8077=healthy
//
// Each --listen is ADDR or ADDR=SCENARIO (the scenario for paths without a
// scenario prefix). GET / lists the scenarios.
package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/ccmon/webim-checks/lib/sim"
)

type listens []string

func (l *listens) String() string     { return strings.Join(*l, ",") }
func (l *listens) Set(s string) error { *l = append(*l, s); return nil }

func main() {
	var ls listens
	fixtures := flag.String("fixtures", "testdata", "directory of the fixture tree")
	ready := flag.String("ready-file", "", "write the bound addresses to this file once listening")
	list := flag.Bool("list", false, "print the scenarios and exit")
	flag.Var(&ls, "listen", "ADDR[=SCENARIO] to listen on (repeatable; default 127.0.0.1:8080)")
	flag.Parse()
	if _, err := os.Stat(*fixtures); err != nil {
		fmt.Fprintf(os.Stderr, "simulator: fixture directory: %v\n", err)
		os.Exit(2)
	}
	s := sim.New(os.DirFS(*fixtures), nil)
	if *list {
		for _, sc := range s.Scenarios() {
			fmt.Printf("%-28s %s\n", sc.Name, sc.Doc)
		}
		return
	}
	if len(ls) == 0 {
		ls = listens{"127.0.0.1:8080"}
	}
	var servers []*http.Server
	var bound []string
	for _, l := range ls {
		addr, scenario, _ := strings.Cut(l, "=")
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			fmt.Fprintf(os.Stderr, "simulator: %v\n", err)
			os.Exit(2)
		}
		srv := &http.Server{Handler: s.Handler(scenario), ReadHeaderTimeout: 5 * time.Second}
		servers = append(servers, srv)
		bound = append(bound, ln.Addr().String())
		go srv.Serve(ln)
		fmt.Fprintf(os.Stderr, "simulator: listening on http://%s (default scenario %q)\n", ln.Addr(), scenario)
	}
	if *ready != "" {
		if err := os.WriteFile(*ready, []byte(strings.Join(bound, "\n")+"\n"), 0o644); err != nil {
			fmt.Fprintf(os.Stderr, "simulator: %v\n", err)
			os.Exit(2)
		}
	}
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	<-sig
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	for _, srv := range servers {
		srv.Shutdown(ctx)
	}
}
