package dolibarr_test

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/ccmon/webim-checks/lib/dolibarr"
	"github.com/ccmon/webim-checks/lib/httpc"
	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/testutil"
)

// answer is a response of 200 with body b.
func answer(b []byte, contentType string) *httpc.Response {
	h := http.Header{}
	if contentType != "" {
		h.Set("Content-Type", contentType)
	}
	return &httpc.Response{StatusCode: 200, Status: "200 OK", Header: h, Body: b, Step: "GET /x"}
}

// wantErr checks err against an expected kind and message fragment.
func wantErr(t *testing.T, err, kind error, msg string) {
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

func TestDecodeServerObserver(t *testing.T) {
	tests := []struct {
		name, fixture string
		want          dolibarr.Instance
		disk          dolibarr.Disk
		kind          error
		msg           string
	}{
		{name: "healthy", fixture: "healthy.json", want: dolibarr.Instance{API: "serverobserver", APIVersion: "1.0", Version: "17.0.3", DataPath: "/var/lib/dolibarr/documents", DataSize: 1301807104, HasData: true},
			disk: dolibarr.Disk{Total: 105087112315, Used: 49037789102, Free: 56049323213, PercentUsed: 46.66}},
		{name: "size as a string", fixture: "size-string.json", want: dolibarr.Instance{API: "serverobserver", APIVersion: "1.0", Version: "17.0.3", DataPath: "/var/lib/dolibarr/documents", DataSize: 1301807104, HasData: true},
			disk: dolibarr.Disk{Total: 105087112315, Used: 49037789102, Free: 56049323213, PercentUsed: 46.66}},
		{name: "decimal comma", fixture: "comma.json", kind: plugin.ErrDecode, msg: `server_info.espace_total: "97,87 Go" is not a size`},
		{name: "percent over 100", fixture: "percent-over.json", kind: plugin.ErrDecode, msg: `server_info.percent_used: "146.66 %" is not a percentage`},
		{name: "no server_info", fixture: "no-server-info.json", kind: plugin.ErrDecode, msg: "no server_info (is this WebObserver?"},
		{name: "no version", fixture: "no-version.json", kind: plugin.ErrDecode, msg: "no dolibarr.version"},
		{name: "WebObserver's answer", fixture: "../webobserver/healthy.json", kind: plugin.ErrDecode, msg: "no server_info"},
		{name: "login page", fixture: "../../bad/login.html", kind: plugin.ErrDecode, msg: "got an HTML page"},
		{name: "truncated", fixture: "../../bad/truncated.json", kind: plugin.ErrDecode, msg: "truncated JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, err := dolibarr.DecodeServerObserver(answer(testutil.Fixture(t, "dolibarr/serverobserver/"+tt.fixture), ""))
			wantErr(t, err, tt.kind, tt.msg)
			if tt.kind != nil {
				return
			}
			if in.Disk == nil || *in.Disk != tt.disk {
				t.Errorf("disk %+v, want %+v", in.Disk, tt.disk)
			}
			in.Disk = nil
			if *in != tt.want {
				t.Errorf("got %+v, want %+v", *in, tt.want)
			}
		})
	}
}

func TestDecodeWebObserver(t *testing.T) {
	tests := []struct {
		name, body string
		fixture    string
		want       dolibarr.Instance
		kind       error
		msg        string
	}{
		{name: "healthy", fixture: "healthy.json", want: dolibarr.Instance{API: "webobserver", APIVersion: "2.0", Version: "19.0.2", DataPath: "/var/lib/dolibarr/documents", DataSize: 1301807104, HasData: true}},
		{name: "no data size", body: `{"dolibarr": {"version": "20.0.0"}}`, want: dolibarr.Instance{API: "webobserver", Version: "20.0.0"}},
		{name: "invalid hash", fixture: "invalid-hash.txt", kind: plugin.ErrAuth, msg: `"Invalid hash": the token is wrong (--token, DOLIBARR_TOKEN or --token-file), or this host's clock and the Dolibarr server's are more than 180 s apart`},
		{name: "invalid hash with newline", body: "Invalid hash\n", kind: plugin.ErrAuth, msg: "Invalid hash"},
		{name: "missing parameter", fixture: "missing-parameter.txt", kind: plugin.ErrDecode, msg: `"Missing parameter"`},
		{name: "no token configured", fixture: "invalid-token-configuration.txt", kind: plugin.ErrDecode, msg: `"Invalid token configuration"`},
		{name: "other text", body: "Forbidden", kind: plugin.ErrDecode, msg: `webobserver: expected a JSON object`},
		{name: "negative size", body: `{"dolibarr": {"version": "20.0.0", "data": {"size": -5}}}`, kind: plugin.ErrDecode, msg: "is not a size"},
		{name: "absurd size", body: `{"dolibarr": {"version": "20.0.0", "data": {"size": 1e300}}}`, kind: plugin.ErrDecode, msg: "is not a size"},
		{name: "hex size string", body: `{"dolibarr": {"version": "20.0.0", "data": {"size": "0x10"}}}`, kind: plugin.ErrDecode, msg: "is not a size"},
		{name: "version a number", body: `{"dolibarr": {"version": 19}}`, kind: plugin.ErrDecode, msg: "dolibarr.version"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := []byte(tt.body)
			if tt.fixture != "" {
				b = testutil.Fixture(t, "dolibarr/webobserver/"+tt.fixture)
			}
			in, err := dolibarr.DecodeWebObserver(answer(b, "text/html; charset=UTF-8"))
			wantErr(t, err, tt.kind, tt.msg)
			if tt.kind == nil && *in != tt.want {
				t.Errorf("got %+v, want %+v", *in, tt.want)
			}
		})
	}
}

func TestDecodeStatus(t *testing.T) {
	tests := []struct {
		name, body, fixture string
		want                dolibarr.Status
		kind                error
		msg                 string
	}{
		{name: "healthy", fixture: "healthy.json", want: dolibarr.Status{Code: 200, Version: "19.0.2"}},
		{name: "locked", fixture: "locked.json", want: dolibarr.Status{Code: 200, Version: "19.0.2", Locked: true, LockedAs: "1"}},
		{name: "locked for a login", fixture: "locked-login.json", want: dolibarr.Status{Code: 200, Version: "19.0.2", Locked: true, LockedAs: "admin"}},
		{name: "locked as a number", body: `{"success": {"code": 200, "dolibarr_version": "18.0.4", "access_locked": 1}}`, want: dolibarr.Status{Code: 200, Version: "18.0.4", Locked: true, LockedAs: "1"}},
		{name: "no access_locked", body: `{"success": {"code": 200, "dolibarr_version": "16.0.1"}}`, want: dolibarr.Status{Code: 200, Version: "16.0.1"}},
		{name: "no version", fixture: "no-version.json", kind: plugin.ErrDecode, msg: "no success.code and success.dolibarr_version"},
		{name: "error body with 200", fixture: "unauthorized.json", kind: plugin.ErrDecode, msg: "no success.code"},
		{name: "code not 200", body: `{"success": {"code": 500, "dolibarr_version": "18.0.4"}}`, kind: plugin.ErrDecode, msg: "success.code is 500"},
		{name: "access_locked an object", body: `{"success": {"code": 200, "dolibarr_version": "18.0.4", "access_locked": {}}}`, kind: plugin.ErrDecode, msg: "access_locked is {}"},
		{name: "login page", body: "<html><head><title>Login</title></head></html>", kind: plugin.ErrDecode, msg: "got an HTML page"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := []byte(tt.body)
			if tt.fixture != "" {
				b = testutil.Fixture(t, "dolibarr/status/"+tt.fixture)
			}
			st, err := dolibarr.DecodeStatus(answer(b, "application/json"))
			wantErr(t, err, tt.kind, tt.msg)
			if tt.kind == nil && *st != tt.want {
				t.Errorf("got %+v, want %+v", *st, tt.want)
			}
		})
	}
}

// TestWebObserverHash: md5(TOKEN . time), computed with openssl:
//
//	printf '%s' 'sim-webobserver-token-45671700000000' | openssl dgst -md5
//	printf '%s' 'tök€n "x"1759511293' | openssl dgst -md5
func TestWebObserverHash(t *testing.T) {
	tests := []struct {
		token string
		unix  int64
		want  string
	}{
		{"sim-webobserver-token-4567", 1700000000, "f758543cdf799616a5cbfff5c7333432"},
		{`tök€n "x"`, 1759511293, "5eabbfb55128bf3b68ccf1a4ecff2ac1"},
	}
	for _, tt := range tests {
		t.Run(tt.token, func(t *testing.T) {
			if got := dolibarr.WebObserverHash(tt.token, tt.unix); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

// fuzzDecoder runs a decoder on arbitrary bodies: it never panics, and
// every error is of a kind the runtime maps to a state.
func fuzzDecoder[T any](f *testing.F, name string, decode func(*httpc.Response) (*T, error)) {
	testutil.FuzzSeeds(f, name)
	f.Fuzz(func(t *testing.T, b []byte) {
		v, err := decode(answer(b, ""))
		if err != nil {
			if !errors.Is(err, plugin.ErrDecode) && !errors.Is(err, plugin.ErrAuth) {
				t.Fatalf("error of no decode kind: %v", err)
			}
			return
		}
		if v == nil {
			t.Fatal("nil answer without an error")
		}
	})
}

func FuzzDecodeServerObserver(f *testing.F) {
	fuzzDecoder(f, "FuzzDecodeServerObserver", dolibarr.DecodeServerObserver)
}

func FuzzDecodeWebObserver(f *testing.F) {
	fuzzDecoder(f, "FuzzDecodeWebObserver", dolibarr.DecodeWebObserver)
}

func FuzzDecodeDolibarrStatus(f *testing.F) {
	fuzzDecoder(f, "FuzzDecodeDolibarrStatus", dolibarr.DecodeStatus)
}
