package webim_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/ccmon/webim-checks/lib/httpc"
	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/testutil"
	"github.com/ccmon/webim-checks/lib/webim"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDecodeEnvList(t *testing.T) {
	seed := []webim.Env{{Host: "s1", Env: "eta", IP: "31.41.158.42"}, {Host: "s1", Env: "epsilon", IP: "31.41.158.42"}}
	tests := []struct {
		fixture string
		ct      string
		want    []webim.Env
		n       int
		err     string
	}{
		{fixture: "seed.json", want: seed},
		{fixture: "python.txt", ct: "text/html; charset=UTF-8", want: seed},
		{fixture: "many.json", n: 5},
		{fixture: "empty.json", err: `get-all-env-list: no environment listed ("[]")`},
		{fixture: "object.json", err: "get-all-env-list: expected a JSON list of {host, env, ip}"},
		{fixture: "no-env.json", err: `get-all-env-list: entry 2 (host "s1") has no env`},
		{fixture: "../../bad/login.html", ct: "text/html", err: "got an HTML page"},
		{fixture: "../../bad/truncated.json", err: "truncated JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			list, err := webim.DecodeEnvList(envResponse(testutil.Fixture(t, "webim/get-all-env-list/"+tt.fixture), tt.ct))
			if tt.err != "" {
				require.Error(t, err)
				assert.ErrorIs(t, err, plugin.ErrDecode)
				assert.Contains(t, err.Error(), tt.err)
				return
			}
			require.NoError(t, err)
			if tt.want != nil {
				assert.Equal(t, tt.want, list)
			} else {
				assert.Len(t, list, tt.n)
			}
		})
	}
}

func TestDecodeEnvListNull(t *testing.T) {
	_, err := webim.DecodeEnvList(envResponse([]byte("null"), ""))
	assert.ErrorIs(t, err, plugin.ErrDecode)
}

func TestEnvList(t *testing.T) {
	list, err := simClient(t, "healthy").EnvList(context.Background())
	require.NoError(t, err)
	assert.Len(t, list, 2)
	_, err = simClient(t, "bad-gateway").EnvList(context.Background())
	assert.ErrorIs(t, err, plugin.ErrServer)
	_, err = simClient(t, "unauthorized").EnvList(context.Background())
	assert.ErrorIs(t, err, plugin.ErrAuth)
}

func envResponse(b []byte, ct string) *httpc.Response {
	r := body(http.StatusOK, b, ct)
	r.Step = "GET " + webim.EnvListPath
	return r
}

// FuzzDecodeEnvList feeds arbitrary bodies through the interpretation of
// get-all-env-list.php: it never panics, a success lists at least one
// environment, each with a name, and a failure is an ErrDecode.
func FuzzDecodeEnvList(f *testing.F) {
	testutil.FuzzSeeds(f, "FuzzDecodeEnvList")
	f.Fuzz(func(t *testing.T, b []byte) {
		list, err := webim.DecodeEnvList(envResponse(b, ""))
		if err != nil {
			if !errors.Is(err, plugin.ErrDecode) {
				t.Fatalf("error of an unexpected kind: %v", err)
			}
			return
		}
		if len(list) == 0 {
			t.Fatalf("no error and no environment for %q", b)
		}
		for _, e := range list {
			if e.Env == "" {
				t.Fatalf("an environment without a name for %q", b)
			}
		}
	})
}
