package webimstorage_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/ccmon/webim-checks/lib/checks/webimstorage"
	"github.com/ccmon/webim-checks/lib/testutil"
)

// TestCheck runs the check's own judging against the simulator; the
// generic failures (401, 5xx, HTML, hangs, ...) are the conformance
// suite's.
func TestCheck(t *testing.T) {
	tests := []testutil.Case{
		{Name: "ok", Code: 0, First: "WEBIM STORAGE OK - 0 failed to be stored, 0 waiting to be stored; 13 sessions, 2 working operators, 2 chats, 1 account | failed_store=0;0;;0 backlog=0;;;0 sessions=13;;;0 operators_working=2;;;0 chats=2;;;0 accounts=1;;;0 time=0s;;;0"},
		{Name: "ok-thresholds", Args: []string{"-w", "1000", "-c", "5000", "--critical-failed-store", "10"}, Code: 0, First: "WEBIM STORAGE OK - 0 failed to be stored, 0 waiting to be stored; 13 sessions, 2 working operators, 2 chats, 1 account | failed_store=0;0;10;0 backlog=0;1000;5000;0"},
		{Name: "ok-account-not-asked", Args: []string{"--account", "demo"}, Code: 0, First: "WEBIM STORAGE OK - 0 failed to be stored"},
		{Name: "failed", Path: "/storage-failed", Code: 1, First: "WEBIM STORAGE WARNING - 3 objects failed to be written to the database (> 0); 3 failed to be stored, 48 waiting to be stored; 412 sessions, 37 working operators, 96 chats, 14 accounts | failed_store=3;0;;0 backlog=48;;;0"},
		{Name: "failed-critical", Path: "/storage-failed", Args: []string{"--critical-failed-store", "2"}, Code: 2, First: "WEBIM STORAGE CRITICAL - 3 objects failed to be written to the database (> 2); 3 failed to be stored"},
		{Name: "failed-tolerated", Path: "/storage-failed", Args: []string{"--warning-failed-store", "5"}, Code: 0, First: "WEBIM STORAGE OK - 3 failed to be stored, 48 waiting to be stored"},
		{Name: "failed-account", Path: "/storage-failed", Args: []string{"--account", "demo"}, Code: 1, First: "WEBIM STORAGE WARNING - 3 objects failed to be written to the database (> 0)"},
		{Name: "backlog-no-threshold", Path: "/storage-backlog", Code: 0, First: "WEBIM STORAGE OK - 0 failed to be stored, 1520 waiting to be stored; 1287 sessions, 112 working operators, 341 chats, 58 accounts"},
		{Name: "backlog-warning", Path: "/storage-backlog", Args: []string{"-w", "1000"}, Code: 1, First: "WEBIM STORAGE WARNING - 1520 objects waiting to be written to the database (> 1000); 0 failed to be stored, 1520 waiting to be stored; 1287 sessions"},
		{Name: "backlog-critical", Path: "/storage-backlog", Args: []string{"-w", "1000", "-c", "1500"}, Code: 2, First: "WEBIM STORAGE CRITICAL - 1520 objects waiting to be written to the database (> 1500)"},
		{Name: "backlog-account-json", Path: "/storage-backlog", Args: []string{"-w", "1000", "--account", "demo"}, Code: 1, First: "WEBIM STORAGE WARNING - 1520 objects waiting"},
		{Name: "backlog-account-python", Path: "/storage-backlog-python", Args: []string{"-w", "1000", "--account", "demo"}, Code: 1, First: "WEBIM STORAGE WARNING - 1520 objects waiting"},
		{Name: "backlog-account-text", Path: "/storage-detail-text", Args: []string{"-w", "1000", "--account", "demo"}, Code: 1, First: "WEBIM STORAGE WARNING - 1520 objects waiting"},
		{Name: "backlog-account-error", Path: "/storage-detail-error", Args: []string{"-w", "1000", "--account", "demo"}, Code: 1, First: "WEBIM STORAGE WARNING - 1520 objects waiting"},
		{Name: "account-nothing-waiting", Args: []string{"-w", "@0", "--account", "demo"}, Code: 1, First: "WEBIM STORAGE WARNING - 0 objects waiting to be written to the database (inside 0..0)"},
		{Name: "account-many-classes", Host: func(t *testing.T) string {
			return serveFixtures(t, map[string]string{
				"/l/a/monitor/zabbix/tornado":             "webim/zabbix-tornado/backlog.json",
				"/l/a/monitor/collected-to-store-objects": "webim/collected-to-store-objects/many.json",
			})
		}, Args: []string{"-w", "1000", "--account", "demo"}, Code: 1, First: "WEBIM STORAGE WARNING - 1520 objects waiting"},
		{Name: "account-detail-hangs", Host: func(t *testing.T) string {
			return serveFixtures(t, map[string]string{
				"/l/a/monitor/zabbix/tornado":             "webim/zabbix-tornado/backlog.json",
				"/l/a/monitor/collected-to-store-objects": hang,
			})
		}, Args: []string{"-w", "1000", "--account", "demo", "-t", "2"}, Code: 1, First: "WEBIM STORAGE WARNING - 1520 objects waiting"},
		{Name: "both-problems", Path: "/storage-trouble", Args: []string{"-w", "1000", "-c", "5000", "--account", "demo"}, Code: 2, First: "WEBIM STORAGE CRITICAL - 5310 objects waiting to be written to the database (> 5000); 27 objects failed to be written to the database (> 0); 27 failed to be stored, 5310 waiting to be stored"},
		{Name: "queue-only", Host: func(t *testing.T) string {
			return testutil.Serve(t, 200, "application/json", `{"failed_to_store_objects_cnt": 0, "collected_to_store_objects_cnt": 7}`)
		}, Code: 0, First: "WEBIM STORAGE OK - 0 failed to be stored, 7 waiting to be stored | failed_store=0;0;;0 backlog=7;;;0 time=0s;;;0"},
		{Name: "negative", Path: "/storage-negative", Code: 3, First: "WEBIM STORAGE UNKNOWN - zabbix/tornado: failed_to_store_objects_cnt is -1, a count cannot be negative"},
		{Name: "no-queue", Path: "/storage-no-queue", Code: 3, First: "WEBIM STORAGE UNKNOWN - zabbix/tornado: the answer has no failed_to_store_objects_cnt"},
		{Name: "bad-warning", Args: []string{"-w", "lots"}, Code: 3, First: "WEBIM STORAGE UNKNOWN - bad value for -w, --warning"},
		{Name: "empty-account", Args: []string{"--account", " "}, Code: 3, First: "WEBIM STORAGE UNKNOWN - --account: empty account name"},
		{Name: "format-json", Path: "/storage-trouble", Args: []string{"--format", "json", "-c", "5000", "--account", "demo"}, Code: 2},
	}
	testutil.RunSimCases(t, webimstorage.New, testutil.WebimLogin(), testutil.T0, tests)
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
