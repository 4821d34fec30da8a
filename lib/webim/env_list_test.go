package webim_test

import (
	"context"
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
	tests := []testutil.DecodeCase[[]webim.Env]{
		{Fixture: "seed.json", Want: seed},
		{Fixture: "python.txt", ContentType: "text/html; charset=UTF-8", Want: seed},
		{Fixture: "many.json", Check: func(t *testing.T, list []webim.Env) { assert.Len(t, list, 5) }},
		{Fixture: "empty.json", Err: `get-all-env-list: no environment listed ("[]")`},
		{Fixture: "object.json", Err: "get-all-env-list: expected a JSON list of {host, env, ip}"},
		{Fixture: "no-env.json", Err: `get-all-env-list: entry 2 (host "s1") has no env`},
		{Fixture: "../../bad/login.html", ContentType: "text/html", Err: "got an HTML page"},
		{Fixture: "../../bad/truncated.json", Err: "truncated JSON"},
	}
	testutil.RunDecodeCases(t, "webim/get-all-env-list", decodeEnvList, tests)
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

// decodeEnvList parses b as an answer of get-all-env-list.php.
func decodeEnvList(b []byte, ct string) ([]webim.Env, error) {
	return webim.DecodeEnvList(envResponse(b, ct))
}

// FuzzDecodeEnvList feeds arbitrary bodies through the interpretation of
// get-all-env-list.php: it never panics, a success lists at least one
// environment, each with a name, and a failure is an ErrDecode.
func FuzzDecodeEnvList(f *testing.F) {
	testutil.FuzzDecode(f, "FuzzDecodeEnvList", decodeEnvList, func(t *testing.T, b []byte, list []webim.Env) {
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
