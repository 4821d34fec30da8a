package webimhandler_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/ccmon/webim-checks/lib/checks/webimhandler"
	"github.com/ccmon/webim-checks/lib/sim"
	"github.com/ccmon/webim-checks/lib/testutil"
	"github.com/ccmon/webim-checks/lib/webim"
)

// stepping returns a clock that advances from testutil.T0 by step at every call.
func stepping(step time.Duration) func() time.Time { return testutil.Stepping(testutil.T0, step) }

// login is the simulated handler's login and the account key as flags.
func login() []string {
	return []string{"-U", sim.WebimHandlerUser, "-P", sim.WebimHandlerPassword, "--private-key", sim.WebimPrivateKey}
}

func TestCheck(t *testing.T) {
	chat := testutil.Path("webim/signing/chat-cyrillic.json")
	tests := []testutil.Case{
		{Name: "healthy", Code: 0},
		{Name: "chat-assigned", Args: []string{"--event", "chat_assigned"}, Code: 0},
		{Name: "chat-closed", Args: []string{"--event", "chat_closed", "--department", "probes"}, Code: 0},
		{Name: "forged-refused", Args: []string{"--forged"}, Code: 0},
		{Name: "forged-accepted", Path: "/handler-accepts-any", Args: []string{"--forged"}, Code: 1},
		{Name: "forged-accepted-critical", Path: "/handler-accepts-any", Args: []string{"--forged", "--forged-state", "CRITICAL"}, Code: 2},
		{Name: "forged-accepted-and-slow", Path: "/handler-accepts-any", Args: []string{"--forged", "-w", "1"}, Clock: stepping(1500 * time.Millisecond), Code: 1},
		{Name: "accepts-any-without-forged", Path: "/handler-accepts-any", Code: 0},
		{Name: "crc-only-refuses-signature", Path: "/handler-crc-only", Code: 2},
		{Name: "crc-only-version-3", Path: "/handler-crc-only", Args: []string{"--handlers-version", "3", "--forged"}, Code: 0},
		{Name: "version-3-healthy", Args: []string{"--handlers-version", "3"}, Code: 0},
		{Name: "server-error", Path: "/handler-error", Args: []string{"--forged"}, Code: 2},
		{Name: "time-warning", Args: []string{"-w", "1", "-c", "5"}, Clock: stepping(1500 * time.Millisecond), Code: 1},
		{Name: "time-critical-forged", Args: []string{"-w", "1", "-c", "1.2", "--forged"}, Clock: stepping(1500 * time.Millisecond), Code: 2},
		{Name: "unauthorized", Path: "/unauthorized", Code: 3},
		{Name: "no-login", NoLogin: true, Args: []string{"--private-key", sim.WebimPrivateKey}, Code: 3},
		{Name: "wrong-key", NoLogin: true, Args: []string{"-U", sim.WebimHandlerUser, "-P", sim.WebimHandlerPassword, "--private-key", "not-the-key"}, Code: 2},
		{Name: "no-key", NoLogin: true, Args: []string{"-U", sim.WebimHandlerUser}, Code: 3},
		{Name: "chat-file", Args: []string{"--chat-file", chat}, Code: 0},
		{Name: "chat-file-with-event", Args: []string{"--chat-file", chat, "--event", "chat_closed"}, Code: 3},
		{Name: "chat-file-missing", Args: []string{"--chat-file", "/nonexistent/chat.json"}, Code: 3},
		{Name: "chat-file-not-json", Args: []string{"--chat-file", testutil.Path("bad/login.html")}, Code: 3},
		{Name: "bad-version", Args: []string{"--handlers-version", "0"}, Code: 3},
		{Name: "bad-event", Args: []string{"--event", "chat_deleted"}, Code: 3},
		{Name: "dry-run", Args: []string{"--dry-run", "--event", "chat_assigned"}, Code: 0},
		{Name: "dry-run-version-3", Args: []string{"--dry-run", "--handlers-version", "3", "--private-key", sim.WebimPrivateKey}, NoLogin: true, Code: 0},
		{Name: "forbidden", Host: func(t *testing.T) string {
			return testutil.Serve(t, 403, "text/plain", "signature check failed")
		}, Code: 3},
		{Name: "no-content", Host: func(t *testing.T) string { return testutil.Serve(t, 204, "text/plain", "") }, Code: 0},
		{Name: "not-found", Host: func(t *testing.T) string {
			return testutil.Serve(t, 404, "text/html", "<html><title>404 Not Found</title></html>")
		}, Code: 2},
		{Name: "bad-gateway", Path: "/bad-gateway", Code: 2},
		{Name: "userinfo-in-host", Host: func(*testing.T) string { return "https://crm:handler-pw-in-url@crm.example.com/hook" }, Code: 3},
		{Name: "format-json", Args: []string{"--format", "json", "--forged"}, Code: 0},
	}
	for i := range tests {
		tests[i].Path += sim.WebimHandlerPath // the simulator's handler, under the case's scenario
	}
	testutil.RunSimCases(t, webimhandler.New, login(), testutil.T0, tests, sim.WebimPrivateKey, sim.WebimHandlerPassword)
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
			code, stdout, _ := testutil.Run(t, webimhandler.New(), testutil.Fixed(testutil.T0), args...)
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
	code, stdout, _ := testutil.Run(t, webimhandler.New(), testutil.Fixed(testutil.T0), "-H", srv.URL, "--private-key", "probe-key", "--chat-file", file)
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
	code, stdout, _ := testutil.Run(t, webimhandler.New(), testutil.Fixed(testutil.T0), "-H", "http://127.0.0.1:9", "--private-key", "probe-key", "--chat-file", file)
	testutil.AssertFirstLine(t, code, stdout, 3, "WEBIM HANDLER UNKNOWN - --chat-file "+file+" is larger than 1 MiB")
}

// TestSecretsNeverShown: the key and the password, from flags or files,
// appear nowhere, at -vvv and in --dry-run.
func TestSecretsNeverShown(t *testing.T) {
	simURL := testutil.Simulator(t, testutil.Fixed(testutil.T0)).URL + sim.WebimHandlerPath
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
			code, stdout, stderr := testutil.Run(t, webimhandler.New(), testutil.Fixed(testutil.T0), append([]string{"-H", simURL}, tt.args...)...)
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
