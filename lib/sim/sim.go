// Package sim is the product simulator: it answers every monitoring
// endpoint of the seeds for Webim, Itgrix and the WhatsApp Business API
// with realistic answers from the fixture tree (testdata/), under named
// scenarios (healthy, db-down, slow-timer, unauthorized, hang, ...).
//
// A scenario is selected per path prefix (http://127.0.0.1:8080/db-down/...,
// which a check reaches with -H http://127.0.0.1:8080/db-down) or per
// listener (the simulator's --listen ADDR=SCENARIO). A scenario overrides
// some answers; every other endpoint answers as in "healthy". The end-to-end
// tests, make demo and new users all run against it.
package sim

import (
	"context"
	"fmt"
	"io/fs"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Behaviour is how an answer misbehaves at the transport level.
type Behaviour int

// Behaviours of an Answer.
const (
	// Normal answers with status and body.
	Normal Behaviour = iota
	// Hang accepts the request and never answers.
	Hang
	// Trickle sends headers, then one byte every half second, for ever.
	Trickle
	// Huge streams a 200 MiB body.
	Huge
	// Reset closes the connection without an answer.
	Reset
)

// Answer is how one endpoint answers in a scenario.
type Answer struct {
	// Status is the HTTP status (200 when 0).
	Status int
	// ContentType defaults to application/json.
	ContentType string
	// Fixture is a file in the fixture tree, e.g. "webim/connect-to-db/ok.txt".
	Fixture string
	// Body, when set, makes the body at request time (dynamic answers such
	// as "restarted 2 minutes ago"); it wins over Fixture.
	Body func(s *Server, r *http.Request) []byte
	// Delay is waited before answering.
	Delay time.Duration
	// Behaviour is the transport-level behaviour.
	Behaviour Behaviour
}

// Scenario is a named set of answers.
type Scenario struct {
	// Name is the path prefix that selects it.
	Name string
	// Doc says in one line what it simulates and what the check should say.
	Doc string
	// Answers override the healthy answers, keyed by endpoint path.
	Answers map[string]Answer
	// Unauthorized makes every endpoint answer 401 whatever the credentials.
	Unauthorized bool
}

// Server is the simulator. It is safe for concurrent use.
type Server struct {
	fixtures  fs.FS
	now       func() time.Time
	healthy   map[string]Answer
	scenarios map[string]*Scenario
	order     []string
	products  []product

	loadErr error

	mu       sync.Mutex
	counters map[string]int
}

// New returns a simulator answering from fixtures (the testdata/ tree),
// with now as its clock (time.Now when nil).
func New(fixtures fs.FS, now func() time.Time) *Server {
	if now == nil {
		now = time.Now
	}
	s := &Server{fixtures: fixtures, now: now, healthy: map[string]Answer{}, scenarios: map[string]*Scenario{}, counters: map[string]int{}}
	s.products = products()
	for _, p := range s.products {
		for path, a := range p.healthy {
			s.healthy[path] = a
		}
		for i := range p.scenarios {
			s.addScenario(p.scenarios[i])
		}
	}
	sidecars, err := loadSidecars(fixtures)
	s.loadErr = err
	for _, a := range sidecars {
		if a.scenario == "healthy" {
			s.healthy[a.path] = a.answer
			continue
		}
		s.addScenario(Scenario{Name: a.scenario, Doc: a.doc, Answers: map[string]Answer{a.path: a.answer}})
	}
	paths := make([]string, 0, len(s.healthy))
	for p := range s.healthy {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, sc := range genericScenarios(paths) {
		s.addScenario(sc)
	}
	s.scenarios["healthy"] = &Scenario{Name: "healthy", Doc: "every product healthy"}
	s.scenarios["unauthorized"] = &Scenario{Name: "unauthorized", Doc: "every endpoint answers 401 (wrong credentials)", Unauthorized: true}
	s.order = append([]string{"healthy", "unauthorized"}, s.order...)
	return s
}

// addScenario adds sc, or merges its answers into the scenario of the same
// name (a scenario may be given by several sidecars and by Go code).
func (s *Server) addScenario(sc Scenario) {
	have, ok := s.scenarios[sc.Name]
	if !ok {
		answers := make(map[string]Answer, len(sc.Answers))
		for p, a := range sc.Answers {
			answers[p] = a
		}
		sc.Answers = answers
		s.scenarios[sc.Name] = &sc
		s.order = append(s.order, sc.Name)
		return
	}
	if have.Doc == "" {
		have.Doc = sc.Doc
	}
	have.Unauthorized = have.Unauthorized || sc.Unauthorized
	for p, a := range sc.Answers {
		have.Answers[p] = a
	}
}

// Err reports a fixture tree whose sidecars cannot be read; such a
// simulator answers every request 500 with the reason.
func (s *Server) Err() error { return s.loadErr }

// product is what each product file contributes.
type product struct {
	healthy   map[string]Answer
	scenarios []Scenario
	// auth reports whether r carries this product's credentials for path;
	// it writes the challenge itself when it returns false.
	owns func(path string) bool
	auth func(s *Server, w http.ResponseWriter, r *http.Request) bool
}

func products() []product {
	return []product{webimPingProduct(), webimProduct(), webimRestartProduct(), webimChannelsProduct(), webimObjectsProduct(), webimPortsProduct(), itgrixProduct(), waProduct(), webimHandlerProduct(), dolibarrProduct()}
}

// Now is the simulator's clock.
func (s *Server) Now() time.Time { return s.now() }

// Next increments and returns a named counter (starting at 1).
func (s *Server) Next(key string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.counters[key]++
	return s.counters[key]
}

// Scenarios lists the scenario names with their docs, in a stable order.
func (s *Server) Scenarios() []Scenario {
	out := make([]Scenario, 0, len(s.order))
	for _, n := range s.order {
		out = append(out, *s.scenarios[n])
	}
	return out
}

// Handler serves all scenarios by path prefix; def is the scenario for
// paths without a known prefix ("healthy" when empty).
func (s *Server) Handler(def string) http.Handler {
	if def == "" {
		def = "healthy"
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.loadErr != nil {
			http.Error(w, "simulator: "+s.loadErr.Error(), http.StatusInternalServerError)
			return
		}
		name, path := def, r.URL.Path
		if first, rest, ok := strings.Cut(strings.TrimPrefix(path, "/"), "/"); ok || first != "" {
			if _, known := s.scenarios[first]; known {
				name, path = first, "/"+rest
			}
		}
		sc, ok := s.scenarios[name]
		if !ok {
			http.Error(w, "unknown scenario "+name, http.StatusNotFound)
			return
		}
		if path == "/" {
			s.index(w)
			return
		}
		s.serve(w, r, sc, path)
	})
}

func (s *Server) index(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	fmt.Fprintln(w, "Simulator scenarios (use -H http://ADDR/<scenario>):")
	for _, sc := range s.Scenarios() {
		fmt.Fprintf(w, "  %-28s %s\n", sc.Name, sc.Doc)
	}
	paths := make([]string, 0, len(s.healthy))
	for p := range s.healthy {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	fmt.Fprintln(w, "Endpoints:")
	for _, p := range paths {
		fmt.Fprintf(w, "  %s\n", p)
	}
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request, sc *Scenario, path string) {
	a, ok := sc.Answers[path]
	if !ok {
		a, ok = s.healthy[path]
	}
	if !ok {
		http.Error(w, "no such endpoint in the simulator: "+path, http.StatusNotFound)
		return
	}
	r = r.WithContext(context.WithValue(r.Context(), scenarioKey{}, sc.Name))
	for _, p := range s.products {
		if p.owns(path) {
			if sc.Unauthorized {
				w.Header().Set("WWW-Authenticate", `Basic realm="simulator"`)
				http.Error(w, `{"error": "unauthorized"}`, http.StatusUnauthorized)
				return
			}
			if !p.auth(s, w, r) {
				return
			}
			break
		}
	}
	s.answer(w, r, a)
}

// scenarioKey carries the name of the scenario being served in the
// request context, for products whose authentication depends on it.
type scenarioKey struct{}

// scenarioOf returns the name of the scenario r is served under.
func scenarioOf(r *http.Request) string {
	name, _ := r.Context().Value(scenarioKey{}).(string)
	return name
}

func (s *Server) answer(w http.ResponseWriter, r *http.Request, a Answer) {
	if a.Delay > 0 {
		t := time.NewTimer(a.Delay)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return
		}
	}
	switch a.Behaviour {
	case Hang:
		<-r.Context().Done()
	case Reset:
		reset(w)
	case Trickle:
		trickle(w, r)
	case Huge:
		huge(w)
	default:
		s.normal(w, r, a)
	}
}

// reset closes the connection without an answer.
func reset(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			conn.Close()
		}
	}
}

// trickle sends headers, then a byte every half second until the client
// gives up.
func trickle(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	f, _ := w.(http.Flusher)
	tick := time.NewTicker(500 * time.Millisecond)
	defer tick.Stop()
	for {
		if _, err := w.Write([]byte(" ")); err != nil {
			return
		}
		if f != nil {
			f.Flush()
		}
		select {
		case <-tick.C:
		case <-r.Context().Done():
			return
		}
	}
}

// huge streams a 200 MiB JSON array.
func huge(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	chunk := []byte(strings.Repeat(`{"filler": "0123456789abcdef"}, `, 1024))
	w.Write([]byte("["))
	for sent := 0; sent < 200<<20; sent += len(chunk) {
		if _, err := w.Write(chunk); err != nil {
			return
		}
	}
	w.Write([]byte("{}]"))
}

// normal answers with the status, content type and body of a.
func (s *Server) normal(w http.ResponseWriter, r *http.Request, a Answer) {
	var body []byte
	switch {
	case a.Body != nil:
		body = a.Body(s, r)
	case a.Fixture != "":
		b, err := fs.ReadFile(s.fixtures, a.Fixture)
		if err != nil {
			http.Error(w, "simulator: missing fixture "+a.Fixture, http.StatusInternalServerError)
			return
		}
		body = b
	}
	ct := a.ContentType
	if ct == "" {
		ct = "application/json"
	}
	w.Header().Set("Content-Type", ct)
	st := a.Status
	if st == 0 {
		st = http.StatusOK
	}
	if st >= 200 && st != http.StatusNoContent && st != http.StatusNotModified {
		// announced, as Tornado announces a finished answer
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	}
	w.WriteHeader(st)
	w.Write(body)
}
