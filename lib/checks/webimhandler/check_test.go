package webimhandler_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ccmon/webim-checks/lib/checks/webimhandler"
	"github.com/ccmon/webim-checks/lib/sim"
	"github.com/ccmon/webim-checks/lib/testutil"
	"github.com/ccmon/webim-checks/lib/webim"
)

// t0 is the fixed time of every run; the synthetic chat's id is its Unix time.
var t0 = time.Date(2025, 10, 3, 17, 8, 13, 0, time.UTC)

// stepping returns a clock that advances by step at every call, so that a
// request "takes" a known time without sleeping.
func stepping(step time.Duration) func() time.Time {
	var mu sync.Mutex
	now := t0
	return func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		now = now.Add(step)
		return now
	}
}

// login is the simulated handler's login and the account key as flags.
func login() []string {
	return []string{"-U", sim.WebimHandlerUser, "-P", sim.WebimHandlerPassword, "--private-key", sim.WebimPrivateKey}
}

func TestCheck(t *testing.T) {
	simURL := testutil.Simulator(t, testutil.Fixed(t0)).URL
	chat := testutil.Path("webim/signing/chat-cyrillic.json")
	tests := []struct {
		name string
		// host returns the -H value; nil means the simulator's handler in scenario.
		host     func(t *testing.T) string
		scenario string
		args     []string
		noLogin  bool
		clock    func() time.Time
		code     int
	}{
		{name: "healthy", code: 0},
		{name: "chat-assigned", args: []string{"--event", "chat_assigned"}, code: 0},
		{name: "chat-closed", args: []string{"--event", "chat_closed", "--department", "probes"}, code: 0},
		{name: "forged-refused", args: []string{"--forged"}, code: 0},
		{name: "forged-accepted", scenario: "handler-accepts-any", args: []string{"--forged"}, code: 1},
		{name: "forged-accepted-critical", scenario: "handler-accepts-any", args: []string{"--forged", "--forged-state", "CRITICAL"}, code: 2},
		{name: "forged-accepted-and-slow", scenario: "handler-accepts-any", args: []string{"--forged", "-w", "1"}, clock: stepping(1500 * time.Millisecond), code: 1},
		{name: "accepts-any-without-forged", scenario: "handler-accepts-any", code: 0},
		{name: "crc-only-refuses-signature", scenario: "handler-crc-only", code: 2},
		{name: "crc-only-version-3", scenario: "handler-crc-only", args: []string{"--handlers-version", "3", "--forged"}, code: 0},
		{name: "version-3-healthy", args: []string{"--handlers-version", "3"}, code: 0},
		{name: "server-error", scenario: "handler-error", args: []string{"--forged"}, code: 2},
		{name: "time-warning", args: []string{"-w", "1", "-c", "5"}, clock: stepping(1500 * time.Millisecond), code: 1},
		{name: "time-critical-forged", args: []string{"-w", "1", "-c", "1.2", "--forged"}, clock: stepping(1500 * time.Millisecond), code: 2},
		{name: "unauthorized", scenario: "unauthorized", code: 3},
		{name: "no-login", noLogin: true, args: []string{"--private-key", sim.WebimPrivateKey}, code: 3},
		{name: "wrong-key", noLogin: true, args: []string{"-U", sim.WebimHandlerUser, "-P", sim.WebimHandlerPassword, "--private-key", "not-the-key"}, code: 2},
		{name: "no-key", noLogin: true, args: []string{"-U", sim.WebimHandlerUser}, code: 3},
		{name: "chat-file", args: []string{"--chat-file", chat}, code: 0},
		{name: "chat-file-with-event", args: []string{"--chat-file", chat, "--event", "chat_closed"}, code: 3},
		{name: "chat-file-missing", args: []string{"--chat-file", "/nonexistent/chat.json"}, code: 3},
		{name: "chat-file-not-json", args: []string{"--chat-file", testutil.Path("bad/login.html")}, code: 3},
		{name: "bad-version", args: []string{"--handlers-version", "0"}, code: 3},
		{name: "bad-event", args: []string{"--event", "chat_deleted"}, code: 3},
		{name: "dry-run", args: []string{"--dry-run", "--event", "chat_assigned"}, code: 0},
		{name: "dry-run-version-3", args: []string{"--dry-run", "--handlers-version", "3", "--private-key", sim.WebimPrivateKey}, noLogin: true, code: 0},
		{name: "forbidden", host: func(t *testing.T) string {
			return testutil.Serve(t, 403, "text/plain", "signature check failed")
		}, code: 3},
		{name: "no-content", host: func(t *testing.T) string { return testutil.Serve(t, 204, "text/plain", "") }, code: 0},
		{name: "not-found", host: func(t *testing.T) string {
			return testutil.Serve(t, 404, "text/html", "<html><title>404 Not Found</title></html>")
		}, code: 2},
		{name: "bad-gateway", scenario: "bad-gateway", code: 2},
		{name: "userinfo-in-host", host: func(*testing.T) string { return "https://crm:handler-pw-in-url@crm.example.com/hook" }, code: 3},
		{name: "format-json", args: []string{"--format", "json", "--forged"}, code: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			host := simURL + sim.WebimHandlerPath
			if tt.scenario != "" {
				host = simURL + "/" + tt.scenario + sim.WebimHandlerPath
			}
			if tt.host != nil {
				host = tt.host(t)
			}
			args := append([]string{"-H", host}, tt.args...)
			if !tt.noLogin {
				args = append(args, login()...)
			}
			clock := tt.clock
			if clock == nil {
				clock = testutil.Fixed(t0)
			}
			code, stdout, stderr := testutil.Run(t, webimhandler.New(), clock, args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d\n%s", code, tt.code, stdout)
			}
			testutil.AssertNoStderr(t, stderr)
			testutil.AssertNotPrinted(t, sim.WebimPrivateKey, stdout)
			testutil.AssertNotPrinted(t, sim.WebimHandlerPassword, stdout)
			out := strings.ReplaceAll(testutil.Hostless(stdout, host), testutil.Root()+"/", "")
			testutil.Golden(t, "check_webim_handler/"+tt.name+".txt", []byte(out))
		})
	}
}

// TestRequestAsWebimSends holds the request to seed 003: POST, chat and
// signature in the query string, an empty body, a form Content-Type, and a
// signature that verifies with the key; the synthetic chat is a probe.
func TestRequestAsWebimSends(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		version int
		field   string
	}{
		{"version 4", nil, 4, "signature"},
		{"version 3", []string{"--handlers-version", "3"}, 3, "crc"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got *http.Request
			var body string
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				b := make([]byte, 16)
				n, _ := r.Body.Read(b)
				got, body = r, string(b[:n])
			}))
			t.Cleanup(srv.Close)
			args := append([]string{"-H", srv.URL + "/hook", "--private-key", "k€y \"special\""}, tt.args...)
			code, stdout, _ := testutil.Run(t, webimhandler.New(), testutil.Fixed(t0), args...)
			if code != 0 || got == nil {
				t.Fatalf("exit %d:\n%s", code, stdout)
			}
			q := got.URL.Query()
			chat := []byte(q.Get("chat"))
			if got.Method != http.MethodPost || got.Header.Get("Content-Type") != "application/x-www-form-urlencoded" || body != "" || got.URL.Path != "/hook" {
				t.Errorf("request %s %s, Content-Type %q, body %q", got.Method, got.URL.Path, got.Header.Get("Content-Type"), body)
			}
			if len(q) != 2 || !webim.Verify(chat, "k€y \"special\"", tt.version, tt.field, q.Get(tt.field)) {
				t.Errorf("query %v does not carry chat and a valid %s", q, tt.field)
			}
			for _, want := range []string{`"department_key":"monitoring-probe"`, `"name":"webim-checks probe"`, `"id":1759511293`} {
				if !strings.Contains(string(chat), want) {
					t.Errorf("chat lacks %s: %s", want, chat)
				}
			}
		})
	}
}

// TestChatFileSignedAsRead: the chat of --chat-file is sent and signed
// byte for byte, newlines and Cyrillic included.
func TestChatFileSignedAsRead(t *testing.T) {
	want := "{\n  \"department_key\": \"monitoring-probe\",\n  \"message\": \"Добрый день!\"\n}\n"
	file := testutil.SecretFile(t, want)
	var chat, sig string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		chat, sig = r.URL.Query().Get("chat"), r.URL.Query().Get("signature")
	}))
	t.Cleanup(srv.Close)
	code, stdout, _ := testutil.Run(t, webimhandler.New(), testutil.Fixed(t0), "-H", srv.URL, "--private-key", "probe-key", "--chat-file", file)
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, stdout)
	}
	if chat != want || !webim.Verify([]byte(want), "probe-key", 4, "signature", sig) {
		t.Errorf("sent chat %q signature %s, want the file as read", chat, sig)
	}
}

// TestChatFileCap: a chat file over 1 MiB is refused before any request.
func TestChatFileCap(t *testing.T) {
	file := testutil.SecretFile(t, `{"x": "`+strings.Repeat("a", 1<<20)+`"}`)
	code, stdout, _ := testutil.Run(t, webimhandler.New(), testutil.Fixed(t0), "-H", "http://127.0.0.1:9", "--private-key", "probe-key", "--chat-file", file)
	testutil.AssertFirstLine(t, code, stdout, 3, "WEBIM HANDLER UNKNOWN - --chat-file "+file+" is larger than 1 MiB")
}

// TestSecretsNeverShown: the key and the password, from flags or files,
// appear nowhere, at -vvv and in --dry-run.
func TestSecretsNeverShown(t *testing.T) {
	simURL := testutil.Simulator(t, testutil.Fixed(t0)).URL + sim.WebimHandlerPath
	keyFile := testutil.SecretFile(t, sim.WebimPrivateKey+"\n")
	pwFile := testutil.SecretFile(t, sim.WebimHandlerPassword+"\n")
	tests := []struct {
		name string
		args []string
		code int
	}{
		{"flags -vvv", []string{"-vvv", "--forged", "-U", sim.WebimHandlerUser, "-P", sim.WebimHandlerPassword, "--private-key", sim.WebimPrivateKey}, 0},
		{"files -vvv", []string{"-vvv", "-U", sim.WebimHandlerUser, "--password-file", pwFile, "--private-key-file", keyFile}, 0},
		{"dry run -vv", []string{"-vv", "--dry-run", "-U", sim.WebimHandlerUser, "-P", sim.WebimHandlerPassword, "--private-key", sim.WebimPrivateKey}, 0},
		{"wrong password -vvv", []string{"-vvv", "-U", sim.WebimHandlerUser, "-P", "wrong-pw-123", "--private-key", sim.WebimPrivateKey}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := testutil.Run(t, webimhandler.New(), testutil.Fixed(t0), append([]string{"-H", simURL}, tt.args...)...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d:\n%s", code, tt.code, stdout)
			}
			for _, s := range []string{sim.WebimPrivateKey, sim.WebimHandlerPassword, "wrong-pw-123"} {
				testutil.AssertNotPrinted(t, s, stdout, stderr)
			}
			if strings.Contains(tt.name, "-vvv") {
				testutil.AssertRedactedAuth(t, stderr, "Basic")
			}
		})
	}
}

// TestQueryEncoding: the chat survives the query string whatever it holds.
func TestQueryEncoding(t *testing.T) {
	chat := []byte(`{"m": "a&b=c+d %20 Добрый день #1"}`)
	q := webim.EventQuery(chat, "signature", "00")
	back, err := url.ParseQuery(q.Encode())
	if err != nil || back.Get("chat") != string(chat) {
		t.Errorf("chat %q came back as %q (%v)", chat, back.Get("chat"), err)
	}
}
