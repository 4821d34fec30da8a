package dolibarr_test

import (
	"errors"
	"net/http"
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

func TestDecodeServerObserver(t *testing.T) {
	tests := []testutil.DecodeCase[*dolibarr.Instance]{
		{Name: "healthy", Fixture: "healthy.json", Want: &dolibarr.Instance{API: "serverobserver", APIVersion: "1.0", Version: "17.0.3", DataPath: "/var/lib/dolibarr/documents", DataSize: 1301807104, HasData: true, Disk: &dolibarr.Disk{Total: 105087112315, Used: 49037789102, Free: 56049323213, PercentUsed: 46.66}}},
		{Name: "size as a string", Fixture: "size-string.json", Want: &dolibarr.Instance{API: "serverobserver", APIVersion: "1.0", Version: "17.0.3", DataPath: "/var/lib/dolibarr/documents", DataSize: 1301807104, HasData: true, Disk: &dolibarr.Disk{Total: 105087112315, Used: 49037789102, Free: 56049323213, PercentUsed: 46.66}}},
		{Name: "decimal comma", Fixture: "comma.json", Err: `server_info.espace_total: "97,87 Go" is not a size`},
		{Name: "percent over 100", Fixture: "percent-over.json", Err: `server_info.percent_used: "146.66 %" is not a percentage`},
		{Name: "no server_info", Fixture: "no-server-info.json", Err: "no server_info (is this WebObserver?"},
		{Name: "no version", Fixture: "no-version.json", Err: "no dolibarr.version"},
		{Name: "WebObserver's answer", Fixture: "../webobserver/healthy.json", Err: "no server_info"},
		{Name: "login page", Fixture: "../../bad/login.html", Err: "got an HTML page"},
		{Name: "truncated", Fixture: "../../bad/truncated.json", Err: "truncated JSON"},
	}
	decode := func(b []byte, _ string) (*dolibarr.Instance, error) {
		return dolibarr.DecodeServerObserver(answer(b, ""))
	}
	testutil.RunDecodeCases(t, "dolibarr/serverobserver", decode, tests)
}

func TestDecodeWebObserver(t *testing.T) {
	tests := []testutil.DecodeCase[*dolibarr.Instance]{
		{Name: "healthy", Fixture: "healthy.json", Want: &dolibarr.Instance{API: "webobserver", APIVersion: "2.0", Version: "19.0.2", DataPath: "/var/lib/dolibarr/documents", DataSize: 1301807104, HasData: true}},
		{Name: "no data size", Body: `{"dolibarr": {"version": "20.0.0"}}`, Want: &dolibarr.Instance{API: "webobserver", Version: "20.0.0"}},
		{Name: "invalid hash", Fixture: "invalid-hash.txt", Kind: plugin.ErrAuth, Err: `"Invalid hash": the token is wrong (--token, DOLIBARR_TOKEN or --token-file), or this host's clock and the Dolibarr server's are more than 180 s apart`},
		{Name: "invalid hash with newline", Body: "Invalid hash\n", Kind: plugin.ErrAuth, Err: "Invalid hash"},
		{Name: "missing parameter", Fixture: "missing-parameter.txt", Err: `"Missing parameter"`},
		{Name: "no token configured", Fixture: "invalid-token-configuration.txt", Err: `"Invalid token configuration"`},
		{Name: "other text", Body: "Forbidden", Err: `webobserver: expected a JSON object`},
		{Name: "negative size", Body: `{"dolibarr": {"version": "20.0.0", "data": {"size": -5}}}`, Err: "is not a size"},
		{Name: "absurd size", Body: `{"dolibarr": {"version": "20.0.0", "data": {"size": 1e300}}}`, Err: "is not a size"},
		{Name: "hex size string", Body: `{"dolibarr": {"version": "20.0.0", "data": {"size": "0x10"}}}`, Err: "is not a size"},
		{Name: "version a number", Body: `{"dolibarr": {"version": 19}}`, Err: "dolibarr.version"},
	}
	decode := func(b []byte, _ string) (*dolibarr.Instance, error) {
		return dolibarr.DecodeWebObserver(answer(b, "text/html; charset=UTF-8"))
	}
	testutil.RunDecodeCases(t, "dolibarr/webobserver", decode, tests)
}

func TestDecodeStatus(t *testing.T) {
	tests := []testutil.DecodeCase[*dolibarr.Status]{
		{Name: "healthy", Fixture: "healthy.json", Want: &dolibarr.Status{Code: 200, Version: "19.0.2"}},
		{Name: "locked", Fixture: "locked.json", Want: &dolibarr.Status{Code: 200, Version: "19.0.2", Locked: true, LockedAs: "1"}},
		{Name: "locked for a login", Fixture: "locked-login.json", Want: &dolibarr.Status{Code: 200, Version: "19.0.2", Locked: true, LockedAs: "admin"}},
		{Name: "locked as a number", Body: `{"success": {"code": 200, "dolibarr_version": "18.0.4", "access_locked": 1}}`, Want: &dolibarr.Status{Code: 200, Version: "18.0.4", Locked: true, LockedAs: "1"}},
		{Name: "no access_locked", Body: `{"success": {"code": 200, "dolibarr_version": "16.0.1"}}`, Want: &dolibarr.Status{Code: 200, Version: "16.0.1"}},
		{Name: "no version", Fixture: "no-version.json", Err: "no success.code and success.dolibarr_version"},
		{Name: "error body with 200", Fixture: "unauthorized.json", Err: "no success.code"},
		{Name: "code not 200", Body: `{"success": {"code": 500, "dolibarr_version": "18.0.4"}}`, Err: "success.code is 500"},
		{Name: "access_locked an object", Body: `{"success": {"code": 200, "dolibarr_version": "18.0.4", "access_locked": {}}}`, Err: "access_locked is {}"},
		{Name: "login page", Body: "<html><head><title>Login</title></head></html>", Err: "got an HTML page"},
	}
	decode := func(b []byte, _ string) (*dolibarr.Status, error) {
		return dolibarr.DecodeStatus(answer(b, "application/json"))
	}
	testutil.RunDecodeCases(t, "dolibarr/status", decode, tests)
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
