package webim_test

import (
	"context"
	"net/http"
	"slices"
	"testing"

	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/testutil"
	"github.com/ccmon/webim-checks/lib/webim"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// decodeTornadoPorts parses b as an answer of get-tornado-ports.php.
func decodeTornadoPorts(b []byte, ct string) ([]int, error) {
	r := body(http.StatusOK, b, ct)
	r.Step = "GET " + webim.TornadoPortsPath
	return webim.DecodeTornadoPorts(r)
}

func TestDecodeTornadoPorts(t *testing.T) {
	seed := []int{8239, 8263, 8264, 8266, 8267, 8280, 8290, 8320, 8364, 8366, 8370, 8371, 8378}
	tests := []testutil.DecodeCase[[]int]{
		{Name: "seed 000", Fixture: "seed.json", Want: seed},
		{Name: "numbers", Fixture: "numbers.json", Want: []int{8364, 8366, 8378}},
		{Name: "python literal", Body: `['8364', '8366']`, Want: []int{8364, 8366}},
		{Name: "duplicates and order", Body: `["8366", "8364", "8366"]`, Want: []int{8364, 8366}},
		{Name: "empty list", Body: `[]`, Want: []int{}},
		{Name: "null", Body: `null`, Err: `get-tornado-ports: expected a JSON list of ports, got "null"`},
		{Name: "port out of range", Fixture: "bad-port.json", Err: `"99999" is not a TCP port`},
		{Name: "port zero", Body: `[0]`, Err: `"0" is not a TCP port`},
		{Name: "not a number", Body: `["http"]`, Err: `"http" is not a TCP port`},
		{Name: "a float", Body: `[8364.5]`, Err: `"8364.5" is not a TCP port`},
		{Name: "object", Fixture: "object.json", Err: "get-tornado-ports: expected a JSON list of ports"},
		{Name: "login page", Body: string(testutil.Fixture(t, "bad/login.html")), Err: "got an HTML page"},
		{Name: "truncated", Body: `["8364", "83`, Err: "truncated JSON"},
	}
	testutil.RunDecodeCases(t, "webim/get-tornado-ports", decodeTornadoPorts, tests)
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
	testutil.FuzzDecode(f, "FuzzDecodeTornadoPorts", decodeTornadoPorts, func(t *testing.T, b []byte, ports []int) {
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
