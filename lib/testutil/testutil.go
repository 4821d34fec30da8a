// Package testutil holds what the tests of every package share: the
// repository root, fixtures, golden files (-update rewrites them), fuzz
// seed corpora and a fuzz harness for parsers, a table runner for parsers,
// an in-process simulator and an in-process check runner; for the tests
// of the checks also table runners (goldens, sequences over one state
// file, first lines, secrets), small servers (one answer, fixtures by
// name or switched between runs, a CONNECT tunnel, a refused port), the
// simulator's logins, secret files, and assertions on a run (first line,
// no secret printed, nothing on stderr, time taken, kind of error).
package testutil

import (
	"bytes"
	"context"
	"flag"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/sim"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/golden")

// Root returns the repository root.
func Root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// Path returns the path of a file under testdata/.
func Path(rel string) string { return filepath.Join(Root(), "testdata", rel) }

// Fixture reads a file under testdata/.
func Fixture(t testing.TB, rel string) []byte {
	t.Helper()
	b, err := os.ReadFile(Path(rel))
	if err != nil {
		t.Fatalf("fixture: %v", err)
	}
	return b
}

// Golden compares got with testdata/golden/<name> byte for byte; with
// -update it rewrites the file instead.
func Golden(t testing.TB, name string, got []byte) {
	t.Helper()
	p := Path(filepath.Join("golden", name))
	if *update {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("golden %s: %v (run go test -update to create it)", name, err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from golden %s (go test -update rewrites it)\n--- got:\n%s--- want:\n%s", name, got, want)
	}
}

// FuzzSeeds adds every file in testdata/fuzz/<name>/ to f's seed corpus,
// and the bad answers of testdata/bad/ (HTML pages, truncated JSON, plain
// text), which every parser must survive.
func FuzzSeeds(f *testing.F, name string) {
	n := addSeeds(f, Path(filepath.Join("fuzz", name)))
	if n == 0 {
		f.Fatalf("seed corpus testdata/fuzz/%s is empty", name)
	}
	addSeeds(f, Path("bad"))
}

// addSeeds adds the files of dir, in name order, and returns how many.
func addSeeds(f *testing.F, dir string) int {
	entries, err := os.ReadDir(dir)
	if err != nil {
		f.Fatalf("seed corpus %s: %v", dir, err)
	}
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		if !e.IsDir() {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	for _, n := range names {
		b, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	return len(names)
}

// Simulator starts the product simulator on loopback for the test, answering
// from testdata/, with now as its clock (time.Now when nil).
func Simulator(t testing.TB, now func() time.Time) *httptest.Server {
	t.Helper()
	s := sim.New(os.DirFS(Path("")), now)
	srv := httptest.NewServer(s.Handler(""))
	t.Cleanup(srv.Close)
	return srv
}

// Fixed returns a clock that always answers t0.
func Fixed(t0 time.Time) func() time.Time { return func() time.Time { return t0 } }

// Stepping returns a clock that advances from t0 by step at every call, so
// that a request "takes" a known time without sleeping.
func Stepping(t0 time.Time, step time.Duration) func() time.Time {
	var mu sync.Mutex
	now := t0
	return func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		now = now.Add(step)
		return now
	}
}

// Run runs check c in-process with args and returns its exit code, stdout
// and stderr. now is the clock (a fixed one makes "time" perfdata 0).
func Run(t testing.TB, c plugin.Check, now func() time.Time, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := plugin.Runner{Args: args, Stdout: &out, Stderr: &errb, Now: now}.Run(context.Background(), c)
	return code, out.String(), errb.String()
}
