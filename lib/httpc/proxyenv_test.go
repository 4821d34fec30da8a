package httpc

import (
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccmon/webim-checks/lib/plugin"
)

// TestProxyChoice: the proxy of a request, from --proxy or the
// environment (which net/http never uses for loopback targets).
func TestProxyChoice(t *testing.T) {
	t.Setenv("HTTP_PROXY", "http://env-proxy.example.com:3128")
	t.Setenv("HTTPS_PROXY", "socks5h://env-socks.example.com:1080")
	t.Setenv("NO_PROXY", "skip.example.com,.internal")
	tests := []struct {
		name, flag, target, want string // want "" for no proxy
	}{
		{"HTTP_PROXY for http", "", "http://chat.example.com/", "http://env-proxy.example.com:3128"},
		{"HTTPS_PROXY for https", "", "https://chat.example.com/", "socks5h://env-socks.example.com:1080"},
		{"NO_PROXY by name", "", "https://skip.example.com/", ""},
		{"NO_PROXY by domain", "", "http://node.internal/", ""},
		{"never for loopback", "", "http://127.0.0.1:8080/", ""},
		{"--proxy over the environment", "http://flag.example.com:8080", "https://chat.example.com/", "http://flag.example.com:8080"},
		{"--proxy over NO_PROXY", "socks5://flag.example.com", "http://skip.example.com/", "socks5://flag.example.com"},
		{"--proxy=none", "none", "http://chat.example.com/", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := plugin.NewTestEnv(nil)
			if tt.flag != "" {
				require.NoError(t, env.Common.Proxy.UnmarshalFlag(tt.flag))
			}
			p, err := newProxies(env)
			require.NoError(t, err)
			u, err := url.Parse(tt.target)
			require.NoError(t, err)
			got, err := p.forURL(u)
			require.NoError(t, err)
			if tt.want == "" {
				assert.Nil(t, got)
				return
			}
			require.NotNil(t, got)
			assert.Equal(t, tt.want, got.String())
		})
	}
}

func TestProxyName(t *testing.T) {
	for raw, want := range map[string]string{
		"http://p.example.com":             "p.example.com:80",
		"https://p.example.com":            "p.example.com:443",
		"socks5h://p.example.com":          "p.example.com:1080",
		"http://bob:pw@p.example.com:3128": "p.example.com:3128",
		"socks5://[::1]":                   "[::1]:1080",
	} {
		u, err := url.Parse(raw)
		require.NoError(t, err)
		assert.Equal(t, want, proxyName(u), raw)
	}
}
