package webim_test

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"testing"

	"github.com/ccmon/webim-checks/lib/httpc"
	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/testutil"
	"github.com/ccmon/webim-checks/lib/webim"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func portsResponse(b []byte, ct string) *httpc.Response {
	r := body(http.StatusOK, b, ct)
	r.Step = "GET " + webim.TornadoPortsPath
	return r
}

func TestDecodeTornadoPorts(t *testing.T) {
	seed := []int{8239, 8263, 8264, 8266, 8267, 8280, 8290, 8320, 8364, 8366, 8370, 8371, 8378}
	tests := []struct {
		name string
		body string
		want []int
		err  string
	}{
		{name: "seed 000", body: string(testutil.Fixture(t, "webim/get-tornado-ports/seed.json")), want: seed},
		{name: "numbers", body: string(testutil.Fixture(t, "webim/get-tornado-ports/numbers.json")), want: []int{8364, 8366, 8378}},
		{name: "python literal", body: `['8364', '8366']`, want: []int{8364, 8366}},
		{name: "duplicates and order", body: `["8366", "8364", "8366"]`, want: []int{8364, 8366}},
		{name: "empty list", body: `[]`, want: []int{}},
		{name: "null", body: `null`, err: `get-tornado-ports: expected a JSON list of ports, got "null"`},
		{name: "port out of range", body: string(testutil.Fixture(t, "webim/get-tornado-ports/bad-port.json")), err: `"99999" is not a TCP port`},
		{name: "port zero", body: `[0]`, err: `"0" is not a TCP port`},
		{name: "not a number", body: `["http"]`, err: `"http" is not a TCP port`},
		{name: "a float", body: `[8364.5]`, err: `"8364.5" is not a TCP port`},
		{name: "object", body: string(testutil.Fixture(t, "webim/get-tornado-ports/object.json")), err: "get-tornado-ports: expected a JSON list of ports"},
		{name: "login page", body: string(testutil.Fixture(t, "bad/login.html")), err: "got an HTML page"},
		{name: "truncated", body: `["8364", "83`, err: "truncated JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ports, err := webim.DecodeTornadoPorts(portsResponse([]byte(tt.body), ""))
			if tt.err != "" {
				require.Error(t, err)
				assert.ErrorIs(t, err, plugin.ErrDecode)
				assert.Contains(t, err.Error(), tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, ports)
		})
	}
}

func TestTornadoPorts(t *testing.T) {
	ports, err := simClient(t, "healthy").TornadoPorts(context.Background())
	require.NoError(t, err)
	assert.Len(t, ports, 13)
	_, err = simClient(t, "bad-gateway").TornadoPorts(context.Background())
	assert.ErrorIs(t, err, plugin.ErrServer)
	_, err = simClient(t, "unauthorized").TornadoPorts(context.Background())
	assert.ErrorIs(t, err, plugin.ErrAuth)
}

// FuzzDecodeTornadoPorts feeds arbitrary bodies through the interpretation
// of get-tornado-ports.php: it never panics, a success is a sorted set of
// TCP ports, and a failure is an ErrDecode.
func FuzzDecodeTornadoPorts(f *testing.F) {
	testutil.FuzzSeeds(f, "FuzzDecodeTornadoPorts")
	f.Fuzz(func(t *testing.T, b []byte) {
		ports, err := webim.DecodeTornadoPorts(portsResponse(b, ""))
		if err != nil {
			if !errors.Is(err, plugin.ErrDecode) {
				t.Fatalf("error of an unexpected kind: %v", err)
			}
			return
		}
		if ports == nil || !slices.IsSorted(ports) || len(slices.Compact(slices.Clone(ports))) != len(ports) {
			t.Fatalf("not a sorted set of ports: %v", ports)
		}
		for _, p := range ports {
			if p < 1 || p > 65535 {
				t.Fatalf("port %d out of range for %q", p, b)
			}
		}
	})
}
