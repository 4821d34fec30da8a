package webimstorage_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/ccmon/webim-checks/lib/checks/webimstorage"
	"github.com/ccmon/webim-checks/lib/testutil"
)

// t0 is the fixed time of every run.
var t0 = time.Date(2025, 10, 3, 17, 8, 13, 0, time.UTC)

// TestCheck runs the check's own judging against the simulator; the
// generic failures (401, 5xx, HTML, hangs, ...) are the conformance
// suite's.
func TestCheck(t *testing.T) {
	simURL := testutil.Simulator(t, testutil.Fixed(t0)).URL
	tests := []struct {
		name  string
		host  func(t *testing.T) string // nil: the simulator with path
		path  string
		args  []string
		code  int
		first string // the first line starts with this
	}{
		{name: "ok", code: 0, first: "WEBIM STORAGE OK - 0 failed to be stored, 0 waiting to be stored; 13 sessions, 2 working operators, 2 chats, 1 account | failed_store=0;0;;0 backlog=0;;;0 sessions=13;;;0 operators_working=2;;;0 chats=2;;;0 accounts=1;;;0 time=0s;;;0"},
		{name: "ok-thresholds", args: []string{"-w", "1000", "-c", "5000", "--critical-failed-store", "10"}, code: 0, first: "WEBIM STORAGE OK - 0 failed to be stored, 0 waiting to be stored; 13 sessions, 2 working operators, 2 chats, 1 account | failed_store=0;0;10;0 backlog=0;1000;5000;0"},
		{name: "ok-account-not-asked", args: []string{"--account", "demo"}, code: 0, first: "WEBIM STORAGE OK - 0 failed to be stored"},
		{name: "failed", path: "/storage-failed", code: 1, first: "WEBIM STORAGE WARNING - 3 objects failed to be written to the database (> 0); 3 failed to be stored, 48 waiting to be stored; 412 sessions, 37 working operators, 96 chats, 14 accounts | failed_store=3;0;;0 backlog=48;;;0"},
		{name: "failed-critical", path: "/storage-failed", args: []string{"--critical-failed-store", "2"}, code: 2, first: "WEBIM STORAGE CRITICAL - 3 objects failed to be written to the database (> 2); 3 failed to be stored"},
		{name: "failed-tolerated", path: "/storage-failed", args: []string{"--warning-failed-store", "5"}, code: 0, first: "WEBIM STORAGE OK - 3 failed to be stored, 48 waiting to be stored"},
		{name: "failed-account", path: "/storage-failed", args: []string{"--account", "demo"}, code: 1, first: "WEBIM STORAGE WARNING - 3 objects failed to be written to the database (> 0)"},
		{name: "backlog-no-threshold", path: "/storage-backlog", code: 0, first: "WEBIM STORAGE OK - 0 failed to be stored, 1520 waiting to be stored; 1287 sessions, 112 working operators, 341 chats, 58 accounts"},
		{name: "backlog-warning", path: "/storage-backlog", args: []string{"-w", "1000"}, code: 1, first: "WEBIM STORAGE WARNING - 1520 objects waiting to be written to the database (> 1000); 0 failed to be stored, 1520 waiting to be stored; 1287 sessions"},
		{name: "backlog-critical", path: "/storage-backlog", args: []string{"-w", "1000", "-c", "1500"}, code: 2, first: "WEBIM STORAGE CRITICAL - 1520 objects waiting to be written to the database (> 1500)"},
		{name: "backlog-account-json", path: "/storage-backlog", args: []string{"-w", "1000", "--account", "demo"}, code: 1, first: "WEBIM STORAGE WARNING - 1520 objects waiting"},
		{name: "backlog-account-python", path: "/storage-backlog-python", args: []string{"-w", "1000", "--account", "demo"}, code: 1, first: "WEBIM STORAGE WARNING - 1520 objects waiting"},
		{name: "backlog-account-text", path: "/storage-detail-text", args: []string{"-w", "1000", "--account", "demo"}, code: 1, first: "WEBIM STORAGE WARNING - 1520 objects waiting"},
		{name: "backlog-account-error", path: "/storage-detail-error", args: []string{"-w", "1000", "--account", "demo"}, code: 1, first: "WEBIM STORAGE WARNING - 1520 objects waiting"},
		{name: "account-nothing-waiting", args: []string{"-w", "@0", "--account", "demo"}, code: 1, first: "WEBIM STORAGE WARNING - 0 objects waiting to be written to the database (inside 0..0)"},
		{name: "account-many-classes", host: func(t *testing.T) string {
			return serveFixtures(t, map[string]string{
				"/l/a/monitor/zabbix/tornado":             "webim/zabbix-tornado/backlog.json",
				"/l/a/monitor/collected-to-store-objects": "webim/collected-to-store-objects/many.json",
			})
		}, args: []string{"-w", "1000", "--account", "demo"}, code: 1, first: "WEBIM STORAGE WARNING - 1520 objects waiting"},
		{name: "account-detail-hangs", host: func(t *testing.T) string {
			return serveFixtures(t, map[string]string{
				"/l/a/monitor/zabbix/tornado":             "webim/zabbix-tornado/backlog.json",
				"/l/a/monitor/collected-to-store-objects": hang,
			})
		}, args: []string{"-w", "1000", "--account", "demo", "-t", "2"}, code: 1, first: "WEBIM STORAGE WARNING - 1520 objects waiting"},
		{name: "both-problems", path: "/storage-trouble", args: []string{"-w", "1000", "-c", "5000", "--account", "demo"}, code: 2, first: "WEBIM STORAGE CRITICAL - 5310 objects waiting to be written to the database (> 5000); 27 objects failed to be written to the database (> 0); 27 failed to be stored, 5310 waiting to be stored"},
		{name: "queue-only", host: func(t *testing.T) string {
			return testutil.Serve(t, 200, "application/json", `{"failed_to_store_objects_cnt": 0, "collected_to_store_objects_cnt": 7}`)
		}, code: 0, first: "WEBIM STORAGE OK - 0 failed to be stored, 7 waiting to be stored | failed_store=0;0;;0 backlog=7;;;0 time=0s;;;0"},
		{name: "negative", path: "/storage-negative", code: 3, first: "WEBIM STORAGE UNKNOWN - zabbix/tornado: failed_to_store_objects_cnt is -1, a count cannot be negative"},
		{name: "no-queue", path: "/storage-no-queue", code: 3, first: "WEBIM STORAGE UNKNOWN - zabbix/tornado: the answer has no failed_to_store_objects_cnt"},
		{name: "bad-warning", args: []string{"-w", "lots"}, code: 3, first: "WEBIM STORAGE UNKNOWN - bad value for -w, --warning"},
		{name: "empty-account", args: []string{"--account", " "}, code: 3, first: "WEBIM STORAGE UNKNOWN - --account: empty account name"},
		{name: "format-json", path: "/storage-trouble", args: []string{"--format", "json", "-c", "5000", "--account", "demo"}, code: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			host := simURL + tt.path
			if tt.host != nil {
				host = tt.host(t)
			}
			args := append(append([]string{"-H", host}, tt.args...), testutil.WebimLogin()...)
			code, stdout, stderr := testutil.Run(t, webimstorage.New(), testutil.Fixed(t0), args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d\n%s", code, tt.code, stdout)
			}
			if !strings.HasPrefix(testutil.URLless(stdout), tt.first) {
				t.Errorf("first line\n  %s\nwant it to start with\n  %s", testutil.FirstLine(stdout), tt.first)
			}
			testutil.AssertNoStderr(t, stderr)
			testutil.Golden(t, "check_webim_storage/"+tt.name+".txt", []byte(testutil.Hostless(stdout, host)))
		})
	}
}

// hang, as the fixture of a path, makes serveFixtures never answer it.
const hang = "(hang)"

// serveFixtures starts a server that answers each path with its fixture
// (no login asked), or never for hang, and returns its URL.
func serveFixtures(t *testing.T, fixtures map[string]string) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f, ok := fixtures[r.URL.Path]
		switch {
		case !ok:
			http.NotFound(w, r)
			return
		case f == hang:
			<-r.Context().Done()
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write(testutil.Fixture(t, f))
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}
