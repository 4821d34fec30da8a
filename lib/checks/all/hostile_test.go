package all_test

// The conformance suite against a hostile server (CONTRACT sections 1, 2,
// 5, 6, 7): every class of attack runs over every registered check, so
// that a new check inherits the tests by being registered.

import (
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/ccmon/webim-checks/lib/checks/all"
	"github.com/ccmon/webim-checks/lib/sim"
	"github.com/ccmon/webim-checks/lib/testutil"
)

// variants are the command lines each check is run with (besides -H):
// the default one, plus one per method that reads another endpoint.
var variants = map[string][][]string{
	"check_webim_restart": {nil, {"--method", "instance-id"}},
}

// runEvery runs every registered check in each of its variants against
// handler, with the simulator's credentials in the environment, and calls
// judge with the outputs.
func runEvery(t *testing.T, handler http.Handler, extra []string, judge func(t *testing.T, code int, stdout, stderr string)) {
	srv := httptest.NewServer(handler)
	t.Cleanup(srv.Close)
	for _, kv := range sim.Env() {
		k, v, _ := strings.Cut(kv, "=")
		t.Setenv(k, v)
	}
	t.Setenv("MP_STATE_PATH", t.TempDir())
	for _, name := range all.Names() {
		vs := variants[name]
		if len(vs) == 0 {
			vs = [][]string{nil}
		}
		for _, v := range vs {
			label := strings.Join(append([]string{name}, v...), " ")
			t.Run(label, func(t *testing.T) {
				args := append(append([]string{"-H", srv.URL}, v...), extra...)
				code, out, errb := testutil.Run(t, all.Checks()[name](), nil, args...)
				judge(t, code, out, errb)
			})
		}
	}
}

func simHandler(t *testing.T) http.Handler {
	return sim.New(os.DirFS(testutil.Path("")), nil).Handler("")
}

// TestHostileStatus: a healthy body under a status no endpoint documents
// (201, 204, 206, 299, 600) is UNKNOWN naming the status; never a panic,
// never an answer.
func TestHostileStatus(t *testing.T) {
	for _, st := range sim.HostileStatuses {
		t.Run(strconv.Itoa(st), func(t *testing.T) {
			h := sim.Hostile{Status: st}.Wrap(simHandler(t))
			runEvery(t, h, nil, func(t *testing.T, code int, out, _ string) {
				first := testutil.FirstLine(out)
				assert.Equal(t, 3, code, out)
				assert.Contains(t, first, " UNKNOWN - ")
				want := "HTTP " + strconv.Itoa(st)
				if st > 599 {
					want = "not an HTTP status"
				}
				assert.Contains(t, first, want)
				assert.NotContains(t, first, "internal error")
			})
		})
	}
}

// TestHostileStatusInstanceID: an undocumented status between two ids
// neither corrupts the state nor hides the change.
func TestHostileStatusKeepsState(t *testing.T) {
	ids := []string{"aaaa0000", "", "bbbb1111"}
	statuses := []int{200, 204, 200}
	n := 0
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		i := min(n, len(ids)-1)
		n++
		w.WriteHeader(statuses[i])
		w.Write([]byte(ids[i]))
	})
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	t.Setenv("MP_STATE_PATH", t.TempDir())
	var firsts []string
	var codes []int
	for range ids {
		code, out, _ := testutil.Run(t, all.Checks()["check_webim_restart"](), nil, "-H", srv.URL, "--method", "instance-id")
		firsts = append(firsts, testutil.FirstLine(out))
		codes = append(codes, code)
	}
	assert.Equal(t, []int{0, 3, 1}, codes, strings.Join(firsts, "\n"))
	assert.Contains(t, firsts[2], "changed from aaaa0000 to bbbb1111")
	assert.True(t, slices.ContainsFunc(firsts[1:2], func(s string) bool { return strings.Contains(s, "HTTP 204") }), firsts[1])
}
