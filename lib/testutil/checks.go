package testutil

import (
	"errors"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/sim"
)

// WebimLogin returns the simulator's Webim service login as command-line
// flags (-U, -P), a new slice at each call.
func WebimLogin() []string { return []string{"-U", sim.WebimUser, "-P", sim.WebimPassword} }

// ItgrixLogin returns the simulator's Itgrix admin panel login as
// command-line flags (-U, -P), a new slice at each call.
func ItgrixLogin() []string { return []string{"-U", sim.ItgrixUser, "-P", sim.ItgrixPassword} }

// SimArgs returns the command line of a run against the scenario of the
// simulator srv ("" for its default, healthy answers): -H, then login,
// then extra.
func SimArgs(srv *httptest.Server, scenario string, login []string, extra ...string) []string {
	host := srv.URL
	if scenario != "" {
		host += "/" + scenario
	}
	args := append([]string{"-H", host}, login...)
	return append(args, extra...)
}

// SecretFile writes content to a new file of mode 0600 in a temporary
// directory of the test and returns its path, for --password-file and the
// like.
func SecretFile(t testing.TB, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "secret")
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// FirstLine returns the first line of s, without its newline.
func FirstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}

// Hostless replaces the address (host:port) of url in out with HOST, so
// that goldens do not depend on the random port of a test server.
func Hostless(out, url string) string {
	addr := strings.TrimPrefix(url, "http://")
	if i := strings.IndexByte(addr, '/'); i >= 0 {
		addr = addr[:i]
	}
	return strings.ReplaceAll(out, addr, "HOST")
}

// AssertFirstLine fails t unless the run exited with wantCode and the
// first line of its output out is want. URLs are compared without their
// scheme and address (see [URLless]).
func AssertFirstLine(t testing.TB, code int, out string, wantCode int, want string) {
	t.Helper()
	if code != wantCode || URLless(FirstLine(out)) != URLless(want) {
		t.Errorf("got exit %d, first line\n  %s\nwant exit %d, first line\n  %s", code, FirstLine(out), wantCode, want)
	}
}

// AssertFirstLinePrefix fails t unless the run exited with wantCode and
// the first line of its output out starts with want. URLs are compared
// without their scheme and address (see [URLless]).
func AssertFirstLinePrefix(t testing.TB, code int, out string, wantCode int, want string) {
	t.Helper()
	if code != wantCode || !strings.HasPrefix(URLless(FirstLine(out)), URLless(want)) {
		t.Errorf("got exit %d, first line\n  %s\nwant exit %d, first line starting\n  %s", code, FirstLine(out), wantCode, want)
	}
}

// AssertNotPrinted fails t when secret appears in any of outputs (stdout,
// stderr, ...). An empty secret is not looked for.
func AssertNotPrinted(t testing.TB, secret string, outputs ...string) {
	t.Helper()
	if secret == "" {
		return
	}
	for _, o := range outputs {
		if strings.Contains(o, secret) {
			t.Errorf("the secret is printed:\n%s", strings.Join(outputs, "\n---\n"))
			return
		}
	}
}

// AssertRedactedAuth fails t unless the -vvv HTTP trace on stderr shows
// the Authorization header of the scheme (Basic, Digest, ...) redacted.
func AssertRedactedAuth(t testing.TB, stderr, scheme string) {
	t.Helper()
	if !strings.Contains(stderr, "Authorization: "+scheme+" ****") {
		t.Errorf("the -vvv trace lacks a redacted %s Authorization header:\n%s", scheme, stderr)
	}
}

// Within starts a stopwatch; the function it returns fails t if more than
// d passed since, and does nothing when d is 0:
//
//	done := testutil.Within(t, 3*time.Second)
//	code, out, _ := testutil.Run(t, check, now, args...)
//	done()
func Within(t testing.TB, d time.Duration) func() {
	t.Helper()
	start := time.Now()
	return func() {
		t.Helper()
		if took := time.Since(start); d > 0 && took > d {
			t.Errorf("took %s, want at most %s", took, d)
		}
	}
}

// AssertErrorKind fails t unless err is of kind (see plugin.StateFor)
// and its message contains msg; with kind nil, unless err is nil. It stops
// the test when err is nil or not, against the expectation.
func AssertErrorKind(t testing.TB, err, kind error, msg string) {
	t.Helper()
	switch {
	case kind == nil && err != nil:
		t.Fatalf("unexpected error: %v", err)
	case kind == nil:
	case err == nil:
		t.Fatalf("no error, want %v", kind)
	case !errors.Is(err, kind) || !strings.Contains(err.Error(), msg):
		t.Errorf("error %q, want %v containing %q", err, kind, msg)
	}
}

// AssertNoStderr fails t when a run wrote anything on stderr: only the
// -vvv HTTP trace goes there.
func AssertNoStderr(t testing.TB, stderr string) {
	t.Helper()
	if stderr != "" {
		t.Errorf("stderr without -vvv: %q", stderr)
	}
}

// URLless removes the scheme and address of every URL in s ("GET
// http://127.0.0.1:40123/x" becomes "GET /x"), so that tests can compare
// messages without the random port of a test server.
func URLless(s string) string { return sim.StripURLs(s) }

// Stateless returns out with the state directory dir shown as $STATE_DIR,
// the address of the server at url as HOST and the state file of check as
// CHECK-SIM.json, so that goldens do not depend on the temporary
// directory, the port or the key's hash.
func Stateless(out, url, dir, check string) string {
	out = strings.ReplaceAll(out, dir, "$STATE_DIR")
	out = Hostless(out, url)
	return regexp.MustCompile(regexp.QuoteMeta(check)+`-\S+\.json`).ReplaceAllString(out, check+"-SIM.json")
}

// RunClean runs c like [Run] with the clock fixed at now and fails t when
// anything went to stderr (only -vvv traces go there).
func RunClean(t testing.TB, c plugin.Check, now time.Time, args ...string) (int, string) {
	t.Helper()
	code, out, stderr := Run(t, c, Fixed(now), args...)
	AssertNoStderr(t, stderr)
	return code, out
}
