package testutil

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/ccmon/webim-checks/lib/plugin"
)

// Step is one run of a sequence against one state directory, see
// [RunSteps].
type Step struct {
	// Name names the golden file after the sequence's prefix; "" is the
	// step's number, from 1.
	Name string
	// Set, when set, changes what the server answers before the run.
	Set func()
	// At is the time of the run after the sequence's start.
	At time.Duration
	// Args are the flags after the login.
	Args []string
	// Code is the expected exit code.
	Code int
}

// RunSteps runs newCheck() once a step, in order, with "-H", host, then a
// state directory of the sequence's own (--state-dir), the login and the
// step's Args, the clock fixed at start plus At. Each run must exit with
// Code, write nothing on stderr, and match the golden file <check
// name>/<prefix><Name>.txt byte for byte (see [Stateless]).
func RunSteps[C plugin.Check](t *testing.T, newCheck func() C, host string, login []string, start time.Time, prefix string, steps []Step) {
	t.Helper()
	dir := t.TempDir()
	for i, s := range steps {
		if s.Set != nil {
			s.Set()
		}
		if s.Name == "" {
			s.Name = strconv.Itoa(i + 1)
		}
		c := newCheck()
		args := append(append([]string{"-H", host, "--state-dir", dir}, login...), s.Args...)
		code, out := RunClean(t, c, start.Add(s.At), args...)
		if code != s.Code {
			t.Errorf("%s: exit %d, want %d\n%s", s.Name, code, s.Code, out)
		}
		Golden(t, c.Info().Name+"/"+prefix+s.Name+".txt", []byte(Stateless(out, host, dir, c.Info().Name)))
	}
}

// FixtureSwitch starts a loopback server for the test that answers GET
// path, with the Basic login user and password, by the file
// testdata/<dir>/<name> of the name last given to set, as contentType;
// anything else gets 401.
func FixtureSwitch(t testing.TB, path, user, password, contentType, dir string) (url string, set func(name string)) {
	t.Helper()
	var mu sync.Mutex
	var fixture string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if u, p, ok := r.BasicAuth(); !ok || u != user || p != password || r.URL.Path != path {
			http.Error(w, "no", http.StatusUnauthorized)
			return
		}
		mu.Lock()
		name := fixture
		mu.Unlock()
		w.Header().Set("Content-Type", contentType)
		w.Write(Fixture(t, dir+"/"+name))
	}))
	t.Cleanup(srv.Close)
	return srv.URL, func(name string) {
		mu.Lock()
		fixture = name
		mu.Unlock()
	}
}
