package wagateway_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ccmon/webim-checks/lib/checks/wagateway"
	"github.com/ccmon/webim-checks/lib/sim"
	"github.com/ccmon/webim-checks/lib/testutil"
)

var t0 = time.Date(2026, 3, 2, 3, 0, 0, 0, time.UTC)

// run runs check_wa_gateway in-process with a fixed clock.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	return testutil.Run(t, wagateway.New(), testutil.Fixed(t0), args...)
}

// fixtureServer answers GET /<name>/v1/health with testdata/wa/health/<name>.json
// to the simulator's API key or token (401 with the vendor's body
// otherwise) and counts the requests it sees.
type fixtureServer struct {
	*httptest.Server
	requests atomic.Int32
	lastAuth atomic.Value
}

func newFixtureServer(t *testing.T) *fixtureServer {
	t.Helper()
	fs := &fixtureServer{}
	fs.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fs.requests.Add(1)
		auth := r.Header.Get("Authorization")
		fs.lastAuth.Store(auth)
		w.Header().Set("Content-Type", "application/json")
		name, rest, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
		if auth != "Apikey "+sim.WAAPIKey && auth != "Bearer "+sim.WAToken {
			w.WriteHeader(http.StatusUnauthorized)
			w.Write(testutil.Fixture(t, "wa/errors/unauthorized.json"))
			return
		}
		body, err := os.ReadFile(testutil.Path("wa/health/" + name + ".json"))
		if rest != "v1/health" || err != nil {
			http.NotFound(w, r)
			return
		}
		w.Write(body)
	}))
	t.Cleanup(fs.Close)
	return fs
}

// TestStates runs every documented state, from the simulator's scenarios
// and from fixtures, and compares the whole output with its golden file.
func TestStates(t *testing.T) {
	simSrv := testutil.Simulator(t, testutil.Fixed(t0))
	fx := newFixtureServer(t)
	key := "--api-key=" + sim.WAAPIKey
	tests := []struct {
		name string
		host string // simulator scenario path, or "fx:" + fixture name
		args []string
		code int
		want string
	}{
		// single instance
		{"single-connected", "/wa-connected", nil, 0, "WA GATEWAY OK - gateway connected to the WhatsApp servers |"},
		{"single-healthy-default", "", nil, 0, "WA GATEWAY OK - gateway connected to the WhatsApp servers |"},
		{"single-connecting", "/wa-connecting", nil, 0, "WA GATEWAY OK - gateway connecting to the WhatsApp servers (a healthy state for the vendor)"},
		{"single-uninitialized", "/wa-uninitialized", nil, 1, "WA GATEWAY WARNING - gateway uninitialized: the client is starting up or upgrading its database schema"},
		{"single-unregistered", "/wa-unregistered", nil, 2, "WA GATEWAY CRITICAL - gateway unregistered: the client is not registered"},
		{"single-disconnected", "/wa-disconnected", nil, 2, "WA GATEWAY CRITICAL - gateway disconnected: the client is not connected to the WhatsApp servers"},
		{"single-undocumented", "fx:undocumented", nil, 3, `WA GATEWAY UNKNOWN - gateway_status "suspended" is not a documented state`},
		{"single-shards-2", "/wa-connected", []string{"--shards", "2"}, 3, "WA GATEWAY UNKNOWN - --shards=2 expects multiconnect, but the client answered as a single instance; gateway connected"},
		{"single-disconnected-shards-2", "/wa-disconnected", []string{"--shards", "2"}, 2, "WA GATEWAY CRITICAL - gateway disconnected"},
		// high availability
		{"ha-ok", "/wa-ha-ok", nil, 0, "WA GATEWAY OK - coreapp wa-core-1:5c7a9e1b3d24 connected to WhatsApp; 3 other nodes on standby (high availability, 4 nodes) | connected_coreapps=1;1:1;1:;0 nodes=4;;;0 time=0s;;;0"},
		{"ha-connecting", "fx:ha-connecting", nil, 0, "WA GATEWAY OK - coreapp wa-core-2:e4f6a8c0b2d1 connecting to WhatsApp (a healthy state for the vendor)"},
		{"ha-none", "/wa-ha-none", nil, 2, "WA GATEWAY CRITICAL - no coreapp connected to WhatsApp (2 coreapps, all disconnected); high availability: 0 coreapps connected, 4 nodes"},
		{"ha-two", "/wa-ha-two", nil, 1, "WA GATEWAY WARNING - 2 coreapps connected to WhatsApp (wa-core-1:5c7a9e1b3d24, wa-core-2:e4f6a8c0b2d1), expected exactly 1 in high availability; if this is multiconnect, set --shards=2"},
		{"ha-unregistered", "fx:ha-unregistered", nil, 1, "WA GATEWAY WARNING - unregistered (the client is not registered): wa-core-2:e4f6a8c0b2d1 (coreapp)"},
		{"ha-none-uninitialized", "fx:ha-none-uninitialized", nil, 2, "WA GATEWAY CRITICAL - no coreapp connected to WhatsApp (2 coreapps: 1 disconnected, 1 uninitialized); uninitialized (starting up or upgrading the database schema): wa-core-1:5c7a9e1b3d24 (coreapp)"},
		{"ha-undocumented", "fx:ha-undocumented", nil, 3, `WA GATEWAY UNKNOWN - 2 nodes report values the vendor does not document: wa-core-2:e4f6a8c0b2d1 has gateway_status "standby", wa-master-2:9b2d4e6f8a10 has role "arbiter"; high availability: 1 coreapp connected, 4 nodes`},
		// multiconnect
		{"multi-ok", "/wa-multi-ok", []string{"--shards", "2"}, 0, "WA GATEWAY OK - 2 coreapps connected to WhatsApp, one per shard; primary master wa-master-1:3e1f0c9a7b42 connected (multiconnect with 2 shards, 5 nodes) | connected_coreapps=2;2:2;1:;0 nodes=5;;;0 time=0s;;;0"},
		{"multi-connecting", "fx:multi-connecting", []string{"--shards=2"}, 0, "WA GATEWAY OK - 2 coreapps connected to WhatsApp (1 connecting, a healthy state), one per shard"},
		{"multi-degraded", "/wa-multi-degraded", []string{"--shards", "2"}, 1, "WA GATEWAY WARNING - only 1 coreapp connected to WhatsApp (wa-core-1:5c7a9e1b3d24), expected 2, one per shard; multiconnect with 2 shards: 1 coreapp connected, 5 nodes"},
		{"multi-master-down", "/wa-multi-master-down", []string{"--shards", "2"}, 1, "WA GATEWAY WARNING - primary master wa-master-1:3e1f0c9a7b42 is disconnected; multiconnect with 2 shards: 2 coreapps connected, 5 nodes"},
		{"multi-none", "fx:multi-none", []string{"--shards", "2"}, 2, "WA GATEWAY CRITICAL - no coreapp connected to WhatsApp (3 coreapps, all disconnected)"},
		{"multi-three", "fx:multi-three", []string{"--shards", "2"}, 1, "WA GATEWAY WARNING - 3 coreapps connected to WhatsApp, expected 2, one per shard (is --shards right?)"},
		{"multi-no-master", "fx:multi-no-master", []string{"--shards", "2"}, 1, "WA GATEWAY WARNING - no primary master in the answer"},
		{"multi-ok-as-ha", "/wa-multi-ok", nil, 1, "WA GATEWAY WARNING - 2 coreapps connected to WhatsApp (wa-core-1:5c7a9e1b3d24, wa-core-2:e4f6a8c0b2d1), expected exactly 1 in high availability; if this is multiconnect, set --shards=2"},
		{"ha-ok-as-multi", "/wa-ha-ok", []string{"--shards", "2"}, 1, "WA GATEWAY WARNING - only 1 coreapp connected to WhatsApp (wa-core-1:5c7a9e1b3d24), expected 2, one per shard; primary master wa-master-1:3e1f0c9a7b42 is disconnected"},
		// the whole output as JSON
		{"multi-degraded-json", "/wa-multi-degraded", []string{"--shards", "2", "--format", "json"}, 1, `{"state":"WARNING","code":1,"prefix":"WA GATEWAY","summary":"only 1 coreapp connected`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			host := simSrv.URL + tc.host
			if name, ok := strings.CutPrefix(tc.host, "fx:"); ok {
				host = fx.URL + "/" + name
			}
			code, out, errOut := run(t, append([]string{"-H", host, key}, tc.args...)...)
			testutil.AssertFirstLinePrefix(t, code, out, tc.code, tc.want)
			testutil.AssertNoStderr(t, errOut)
			testutil.Golden(t, "check_wa_gateway/"+tc.name+".txt", []byte(out))
		})
	}
}

// countingServer answers nothing useful; it only counts requests, to show
// that a check stopped before sending one.
func countingServer(t *testing.T) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		http.Error(w, "should not be asked", http.StatusTeapot)
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

func TestUsageErrorsBeforeAnyRequest(t *testing.T) {
	t.Setenv("WA_API_KEY", "")
	t.Setenv("WA_TOKEN", "")
	short := "k2345678901"                       // 11 characters
	long := strings.Repeat("L0ngKey!", 16) + "x" // 129 characters
	tests := []struct {
		name   string
		args   []string
		env    map[string]string
		want   string
		secret string
	}{
		{name: "key of 11 characters", args: []string{"--api-key", short}, want: "WA GATEWAY UNKNOWN - the API key from --api-key has 11 characters; the WhatsApp Business API requires 12 to 128", secret: short},
		{name: "key of 129 characters", args: []string{"--api-key", long}, want: "WA GATEWAY UNKNOWN - the API key from --api-key has 129 characters; the WhatsApp Business API requires 12 to 128", secret: long},
		{name: "key of 11 characters from env", env: map[string]string{"WA_API_KEY": short}, want: "WA GATEWAY UNKNOWN - the API key from WA_API_KEY has 11 characters", secret: short},
		{name: "key of 129 characters from a file", args: []string{"--api-key-file", testutil.SecretFile(t, long+"\n")}, want: "WA GATEWAY UNKNOWN - the API key from --api-key-file ", secret: long},
		{name: "key and token", args: []string{"--api-key", sim.WAAPIKey, "--token", sim.WAToken}, want: "WA GATEWAY UNKNOWN - give either an API key (--api-key, --api-key-file) or a Bearer token (--token, --token-file), not both", secret: sim.WAAPIKey},
		{name: "no credentials", want: "WA GATEWAY UNKNOWN - no credentials: set WA_API_KEY (or --api-key-file) to the Webapp's API key, or WA_TOKEN (or --token-file) to a Bearer token"},
		{name: "shards 0", args: []string{"--api-key", sim.WAAPIKey, "--shards", "0"}, want: "WA GATEWAY UNKNOWN - --shards must be 1 or more", secret: sim.WAAPIKey},
		{name: "shards not a number", args: []string{"--api-key", sim.WAAPIKey, "--shards", "two"}, want: "WA GATEWAY UNKNOWN - ", secret: sim.WAAPIKey},
		{name: "missing key file", args: []string{"--api-key-file", "/nonexistent/wa.key"}, want: "WA GATEWAY UNKNOWN - cannot read secret file"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			srv, requests := countingServer(t)
			code, out, errOut := run(t, append([]string{"-H", srv.URL}, tc.args...)...)
			testutil.AssertFirstLinePrefix(t, code, out, 3, tc.want)
			if n := requests.Load(); n != 0 {
				t.Errorf("the server saw %d requests, want none", n)
			}
			if !strings.Contains(out, "Usage: check_wa_gateway") {
				t.Errorf("no short usage in the output:\n%s", out)
			}
			testutil.AssertNotPrinted(t, tc.secret, out, errOut)
		})
	}
}

func TestKeyLengthBoundsAccepted(t *testing.T) {
	for _, n := range []int{12, 128} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			t.Parallel()
			key := strings.Repeat("k", n)
			fx := newFixtureServer(t)
			code, out, _ := run(t, "-H", fx.URL+"/connected", "--api-key", key)
			// the server does not know this key: the request was made
			if code != 3 || !strings.HasPrefix(out, `WA GATEWAY UNKNOWN - authentication failed (HTTP 401): "Unauthorized" (code 1005)`) {
				t.Errorf("got exit %d, %s", code, out)
			}
			if fx.requests.Load() != 1 {
				t.Errorf("server saw %d requests, want 1", fx.requests.Load())
			}
			if fx.lastAuth.Load() != "Apikey "+key {
				t.Errorf("server saw Authorization %q", fx.lastAuth.Load())
			}
		})
	}
}

// TestCredentialSources: every way to pass a credential reaches the server
// as the right Authorization header.
func TestCredentialSources(t *testing.T) {
	keyFile := testutil.SecretFile(t, sim.WAAPIKey+"\n")
	tokenFile := testutil.SecretFile(t, "  "+sim.WAToken+"  \n")
	tests := []struct {
		name     string
		args     []string
		envKey   string
		envToken string
		want     string
	}{
		{name: "key flag", args: []string{"--api-key", sim.WAAPIKey}, want: "Apikey " + sim.WAAPIKey},
		{name: "key from env", envKey: sim.WAAPIKey, want: "Apikey " + sim.WAAPIKey},
		{name: "key from file", args: []string{"--api-key-file", keyFile}, want: "Apikey " + sim.WAAPIKey},
		{name: "token flag", args: []string{"--token", sim.WAToken}, want: "Bearer " + sim.WAToken},
		{name: "token from env", envToken: sim.WAToken, want: "Bearer " + sim.WAToken},
		{name: "token from file", args: []string{"--token-file", tokenFile}, want: "Bearer " + sim.WAToken},
		{name: "env key wins over env token", envKey: sim.WAAPIKey, envToken: "not-this-token", want: "Apikey " + sim.WAAPIKey},
		{name: "token flag wins over env key", args: []string{"--token", sim.WAToken}, envKey: "not-this-key-000", want: "Bearer " + sim.WAToken},
		{name: "key file wins over env token", args: []string{"--api-key-file", keyFile}, envToken: "not-this-token", want: "Apikey " + sim.WAAPIKey},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("WA_API_KEY", tc.envKey)
			t.Setenv("WA_TOKEN", tc.envToken)
			fx := newFixtureServer(t)
			code, out, _ := run(t, append([]string{"-H", fx.URL + "/connected"}, tc.args...)...)
			if code != 0 || !strings.HasPrefix(out, "WA GATEWAY OK - gateway connected") {
				t.Errorf("got exit %d, %s", code, out)
			}
			if got := fx.lastAuth.Load(); got != tc.want {
				t.Errorf("server saw Authorization %q, want %q", got, tc.want)
			}
		})
	}
}

// TestVendorErrorQuoted: the vendor's error body is quoted for 401 and 5xx.
func TestVendorErrorQuoted(t *testing.T) {
	simSrv := testutil.Simulator(t, testutil.Fixed(t0))
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{name: "401-wrong-key", args: []string{"-H", simSrv.URL, "--api-key", "wrong-key-000000"}, code: 3,
			want: `WA GATEWAY UNKNOWN - authentication failed (HTTP 401): "Unauthorized" (code 1005): Invalid or missing Authorization header; check the API key from --api-key against the Webapp's WA_API_KEY (restart the Webapp after changing it)`},
		{name: "401-wrong-token", args: []string{"-H", simSrv.URL, "--token", "expired-token"}, code: 3,
			want: `WA GATEWAY UNKNOWN - authentication failed (HTTP 401): "Unauthorized" (code 1005): Invalid or missing Authorization header; the Bearer token from --token may have expired (tokens last 7 days; an API key does not)`},
		{name: "401-generic", args: []string{"-H", simSrv.URL + "/unauthorized", "--api-key", sim.WAAPIKey}, code: 3,
			want: `WA GATEWAY UNKNOWN - authentication failed (HTTP 401); check the API key from --api-key`},
		{name: "500", args: []string{"-H", simSrv.URL + "/wa-server-error", "--api-key", sim.WAAPIKey}, code: 2,
			want: `WA GATEWAY CRITICAL - GET /wa-server-error/v1/health: HTTP 500 Internal Server Error: "Internal error" (code 1014): Coreapp is not reachable`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			code, out, _ := run(t, tc.args...)
			testutil.AssertFirstLinePrefix(t, code, out, tc.code, tc.want)
			testutil.Golden(t, "check_wa_gateway/error-"+tc.name+".txt", []byte(testutil.URLless(out)))
		})
	}
}

// TestSecretsNeverPrinted runs with -vvv (HTTP trace) and -vv
// (configuration), with the secret from every source, including a server
// that echoes the Authorization header back in its error body.
func TestSecretsNeverPrinted(t *testing.T) {
	simSrv := testutil.Simulator(t, testutil.Fixed(t0))
	echo := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprintf(w, `{"errors":[{"code":1005,"title":"Unauthorized","details":"refused %s"}]}`, r.Header.Get("Authorization"))
	}))
	t.Cleanup(echo.Close)
	keyFile := testutil.SecretFile(t, sim.WAAPIKey+"\n")
	wrong := "wrong-but-valid-key-0001"
	tests := []struct {
		name   string
		args   []string
		env    map[string]string
		secret string
		code   int
	}{
		{name: "key flag", args: []string{"-H", simSrv.URL, "--api-key", sim.WAAPIKey}, secret: sim.WAAPIKey},
		{name: "key env", args: []string{"-H", simSrv.URL + "/wa-ha-none"}, env: map[string]string{"WA_API_KEY": sim.WAAPIKey}, secret: sim.WAAPIKey, code: 2},
		{name: "key file", args: []string{"-H", simSrv.URL + "/wa-server-error", "--api-key-file", keyFile}, secret: sim.WAAPIKey, code: 2},
		{name: "token flag", args: []string{"-H", simSrv.URL, "--token", sim.WAToken}, secret: sim.WAToken},
		{name: "token env", args: []string{"-H", simSrv.URL + "/login-page"}, env: map[string]string{"WA_TOKEN": sim.WAToken}, secret: sim.WAToken, code: 3},
		{name: "wrong key", args: []string{"-H", simSrv.URL, "--api-key", wrong}, secret: wrong, code: 3},
		{name: "key echoed by the server", args: []string{"-H", echo.URL, "--api-key", wrong}, secret: wrong, code: 3},
		{name: "token echoed by the server, json", args: []string{"-H", echo.URL, "--format", "json"}, env: map[string]string{"WA_TOKEN": sim.WAToken}, secret: sim.WAToken, code: 3},
		{name: "key too short", args: []string{"-H", simSrv.URL, "--api-key", "tooshortkey"}, secret: "tooshortkey", code: 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("WA_API_KEY", "")
			t.Setenv("WA_TOKEN", "")
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			for _, v := range []string{"-vvv", "-vv"} {
				code, out, errOut := run(t, append(tc.args, v)...)
				if code != tc.code {
					t.Errorf("%s: got exit %d, want %d: %s", v, code, tc.code, out)
				}
				testutil.AssertNotPrinted(t, tc.secret, out, errOut)
				if v == "-vvv" && tc.code != 3 && !strings.Contains(errOut, "Authorization: ") {
					t.Errorf("-vvv: no trace of the request headers on stderr:\n%s", errOut)
				}
			}
		})
	}
}

// TestBadAnswers: what is not the documented answer is UNKNOWN, what is down
// is CRITICAL, and each says what happened.
func TestBadAnswers(t *testing.T) {
	fx := newFixtureServer(t)
	tests := []struct {
		name string
		host string
		args []string
		code int
		want string
	}{
		{name: "truncated health", host: fx.URL + "/truncated", code: 3, want: `WA GATEWAY UNKNOWN - health: expected a JSON object {"health": {...}}, got "{\"health\": {\"gateway_status\": \"connected\"": truncated JSON`},
		{name: "health missing", host: fx.URL + "/missing", code: 3, want: `WA GATEWAY UNKNOWN - health: the answer has no health field (got "{\"meta\": {\"api_status\": \"stable\", \"version\": \"2.53.2\"}}")`},
		{name: "health missing, errors instead", host: fx.URL + "/errors-only", code: 3, want: `WA GATEWAY UNKNOWN - health: the answer has no health field; the client said "Service not ready" (code 1011): Database schema upgrade in progress`},
		{name: "health an array", host: fx.URL + "/array", code: 3, want: "WA GATEWAY UNKNOWN - health: health is a JSON array, expected an object"},
		{name: "health empty", host: fx.URL + "/empty", code: 3, want: "WA GATEWAY UNKNOWN - health: health is an empty object (neither a gateway_status nor any node)"},
		{name: "gateway_status a number", host: fx.URL + "/status-number", code: 3, want: "WA GATEWAY UNKNOWN - health: gateway_status is a JSON number, expected a string"},
		{name: "node without role", host: fx.URL + "/node-no-role", code: 3, want: `WA GATEWAY UNKNOWN - health: node "wa-core-1:5c7a9e1b3d24" has no role`},
		{name: "no such endpoint", host: fx.URL + "/nonexistent", code: 3, want: "WA GATEWAY UNKNOWN - GET /nonexistent/v1/health: HTTP 404 Not Found"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			done := testutil.Within(t, 3*time.Second)
			code, out, errOut := run(t, append([]string{"-H", tc.host, "--api-key", sim.WAAPIKey}, tc.args...)...)
			done()
			testutil.AssertFirstLinePrefix(t, code, out, tc.code, tc.want)
			testutil.AssertNoStderr(t, errOut)
		})
	}
}

func TestHelp(t *testing.T) {
	code, out, _ := run(t, "--help")
	if code != 3 {
		t.Errorf("--help exits %d, want 3", code)
	}
	for _, want := range []string{"--api-key=KEY", "--api-key-file=FILE", "--token=TOKEN", "--token-file=FILE", "--shards=N", "WA_API_KEY", "WA_TOKEN", "12 to 128", "up to about 5 minutes"} {
		if !strings.Contains(out, want) {
			t.Errorf("--help does not mention %q", want)
		}
	}
}
