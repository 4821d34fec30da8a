package httpc_test

import (
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccmon/webim-checks/lib/httpc"
	"github.com/ccmon/webim-checks/lib/plugin"
)

func TestJoin(t *testing.T) {
	base, err := plugin.ParseTarget("https://h/prefix/", 0, "https", 0)
	require.NoError(t, err)
	assert.Equal(t, "https://h/prefix/l/a/monitor", httpc.Join(base, "/l/a/monitor", nil))
	assert.Equal(t, "https://h/prefix/l/i/x?a=1&b=two+words", httpc.Join(base, "/l/i/x", url.Values{"b": {"two words"}, "a": {"1"}}))
	assert.Equal(t, "https://h/prefix", base.String(), "Join leaves the base alone")
}
