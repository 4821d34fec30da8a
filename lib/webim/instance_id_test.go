package webim_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/sim"
	"github.com/ccmon/webim-checks/lib/testutil"
	"github.com/ccmon/webim-checks/lib/webim"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const seedID = "9b5ad6b158354197bcfb949c55756c4c"

func TestParseInstanceID(t *testing.T) {
	tests := []struct {
		name string
		body string
		want string
		err  string
	}{
		{name: "seed 000", body: string(testutil.Fixture(t, "webim/instance-id/seed.txt")), want: seedID},
		{name: "JSON string", body: string(testutil.Fixture(t, "webim/instance-id/quoted.json")), want: seedID},
		{name: "upper case in whitespace", body: string(testutil.Fixture(t, "webim/instance-id/upper-spaces.txt")), want: seedID},
		{name: "python string", body: "'" + seedID + "'", want: seedID},
		{name: "quotes with spaces inside", body: `" ` + seedID + ` "`, want: seedID},
		{name: "short", body: "0a", want: "0a"},
		{name: "empty", body: string(testutil.Fixture(t, "webim/instance-id/empty.txt")), err: "instance-id: empty answer, expected a hex instance id"},
		{name: "blank", body: " \r\n", err: "instance-id: empty answer, expected a hex instance id"},
		{name: "empty string", body: `""`, err: "instance-id: empty string, expected a hex instance id"},
		{name: "text", body: string(testutil.Fixture(t, "webim/instance-id/not-hex.txt")), err: `instance-id: expected a hex instance id, got "TORNADO_INSTANCE_ID is not set"`},
		{name: "JSON object", body: string(testutil.Fixture(t, "webim/instance-id/object.json")), err: `instance-id: expected a hex instance id, got "{\"instance_id\": \"9b5ad6b158354197bcfb949c55756c4c\"}"`},
		{name: "login page", body: string(testutil.Fixture(t, "bad/login.html")), err: `instance-id: expected a hex instance id, got an HTML page titled "Вход — Webim"`},
		{name: "uuid with dashes", body: "9b5ad6b1-5835-4197-bcfb-949c55756c4c", err: "instance-id: expected a hex instance id"},
		{name: "mismatched quotes", body: `"` + seedID + `'`, err: "instance-id: expected a hex instance id"},
		{name: "two ids", body: seedID + "\n" + seedID, err: "instance-id: expected a hex instance id"},
		{name: "too long", body: strings.Repeat("a", 129), err: "instance-id: expected a hex instance id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := webim.ParseInstanceID([]byte(tt.body))
			if tt.err != "" {
				require.Error(t, err)
				assert.ErrorIs(t, err, plugin.ErrDecode)
				assert.True(t, strings.HasPrefix(err.Error(), tt.err), "error %q does not start with %q", err, tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			assert.True(t, webim.IsInstanceID(got))
		})
	}
}

func TestIsInstanceID(t *testing.T) {
	assert.True(t, webim.IsInstanceID(seedID))
	assert.False(t, webim.IsInstanceID(""))
	assert.False(t, webim.IsInstanceID(strings.ToUpper(seedID)), "ids are kept in lower case")
	assert.False(t, webim.IsInstanceID("../"+seedID))
	assert.False(t, webim.IsInstanceID(strings.Repeat("a", 129)))
}

func TestInstanceID(t *testing.T) {
	tests := []struct {
		scenario string
		want     string
		kind     error
		err      string
	}{
		{scenario: "healthy", want: sim.WebimInstanceID},
		{scenario: "no-monitor", want: sim.WebimInstanceID},
		{scenario: "instance-id-garbage", kind: plugin.ErrDecode, err: `instance-id: expected a hex instance id, got "TORNADO_INSTANCE_ID is not set"`},
		{scenario: "unauthorized", kind: plugin.ErrAuth, err: "authentication failed (HTTP 401)"},
		{scenario: "bad-gateway", kind: plugin.ErrServer, err: `GET /bad-gateway/l/i/instance-id: HTTP 502 Bad Gateway (an HTML page titled "502 Bad Gateway")`},
		{scenario: "login-page", kind: plugin.ErrDecode},
		{scenario: "truncated", kind: plugin.ErrDecode},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			id, err := simClient(t, tt.scenario).InstanceID(context.Background())
			if tt.kind != nil {
				require.Error(t, err)
				assert.ErrorIs(t, err, tt.kind)
				if tt.err != "" {
					assert.Equal(t, tt.err, testutil.URLless(err.Error()))
				}
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, id)
		})
	}
}

func TestInstanceIDChanges(t *testing.T) {
	cl := simClient(t, "instance-changes")
	seen := map[string]bool{}
	for i := 0; i < 3; i++ {
		id, err := cl.InstanceID(context.Background())
		require.NoError(t, err)
		assert.Len(t, id, 32)
		assert.False(t, seen[id], "a new id on every request")
		seen[id] = true
	}
}

func FuzzParseInstanceID(f *testing.F) {
	testutil.FuzzSeeds(f, "FuzzParseInstanceID")
	f.Fuzz(func(t *testing.T, b []byte) {
		id, err := webim.ParseInstanceID(b)
		if err != nil {
			if !errors.Is(err, plugin.ErrDecode) {
				t.Fatalf("error of no decode kind: %v", err)
			}
			if strings.ContainsAny(err.Error(), "\n\r") {
				t.Fatalf("multi-line error %q", err)
			}
			return
		}
		if !webim.IsInstanceID(id) {
			t.Fatalf("returned %q, not an instance id", id)
		}
		if !strings.Contains(strings.ToLower(string(b)), id) {
			t.Fatalf("returned %q, not in the answer %q", id, b)
		}
	})
}
