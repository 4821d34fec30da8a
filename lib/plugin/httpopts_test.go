package plugin_test

import (
	"context"
	"encoding/base64"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/testutil"
)

func TestProxyURL(t *testing.T) {
	tests := []struct {
		name, in string
		want     string // the URL as parsed, "" for none
		shown    string // MarshalFlag
		err      string
	}{
		{"http", "http://proxy.example.com:3128", "http://proxy.example.com:3128", "http://proxy.example.com:3128", ""},
		{"no scheme is http", "proxy.example.com:3128", "http://proxy.example.com:3128", "proxy.example.com:3128", ""},
		{"https", "https://proxy.example.com", "https://proxy.example.com", "https://proxy.example.com", ""},
		{"socks5", "socks5://127.0.0.1:1080", "socks5://127.0.0.1:1080", "socks5://127.0.0.1:1080", ""},
		{"socks5h upper case", "SOCKS5H://127.0.0.1:1080", "socks5h://127.0.0.1:1080", "SOCKS5H://127.0.0.1:1080", ""},
		{"credentials hidden", "http://bob:s3cret@proxy:3128", "http://bob:s3cret@proxy:3128", "http://****@proxy:3128", ""},
		{"none", "NONE", "", "none", ""},
		{"unknown scheme", "ftp://proxy:21", "", "", `proxy scheme "ftp" not supported (http, https, socks5 or socks5h)`},
		{"no host", "http://:3128", "", "", "the proxy URL names no host"},
		{"a path", "http://proxy:3128/x", "", "", "a proxy URL has no path or query (scheme://[user:password@]host:port)"},
		{"not a URL, password not echoed", "http://bob:s3c ret@pro xy", "", "", "not a proxy URL (scheme://[user:password@]host:port)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p plugin.ProxyURL
			err := p.UnmarshalFlag(tt.in)
			if tt.err != "" {
				require.EqualError(t, err, tt.err)
				return
			}
			require.NoError(t, err)
			u, err := p.URL()
			require.NoError(t, err)
			if tt.want == "" {
				assert.Nil(t, u)
			} else {
				assert.Equal(t, tt.want, u.String())
			}
			shown, _ := p.MarshalFlag()
			assert.Equal(t, tt.shown, shown)
		})
	}
}

func TestHeader(t *testing.T) {
	tests := []struct {
		name, in   string
		hname, val string
		secret     bool
		shown, err string
	}{
		{"plain", "X-Node: a1", "X-Node", "a1", false, "X-Node: a1", ""},
		{"spaces trimmed", "  Accept-Language :  ru  ", "Accept-Language", "ru", false, "Accept-Language: ru", ""},
		{"empty value", "X-Empty:", "X-Empty", "", false, "X-Empty: ", ""},
		{"colon in value", "X-Url: http://a:1", "X-Url", "http://a:1", false, "X-Url: http://a:1", ""},
		{"authorization", "authorization: Bearer abc123", "authorization", "Bearer abc123", true, "authorization: ****", ""},
		{"cookie", "Cookie: s=1", "Cookie", "s=1", true, "Cookie: ****", ""},
		{"api key", "X-Api-Key: k3y", "X-Api-Key", "k3y", true, "X-Api-Key: ****", ""},
		{"token", "X-Auth-TOKEN: t0k", "X-Auth-TOKEN", "t0k", true, "X-Auth-TOKEN: ****", ""},
		{"key not a suffix", "X-Keyboard: us", "X-Keyboard", "us", false, "X-Keyboard: us", ""},
		{"no colon", "X-Node a1", "", "", false, "", "expected 'Name: value'"},
		{"empty name", ": a1", "", "", false, "", `"" is not a valid header name`},
		{"space in name", "X Node: a1", "", "", false, "", `"X Node" is not a valid header name`},
		{"line break in value", "X-Node: a\r\nX-Evil: 1", "", "", false, "", "the value of header X-Node holds a line break or a control character"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var h plugin.Header
			err := h.UnmarshalFlag(tt.in)
			if tt.err != "" {
				require.EqualError(t, err, tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, plugin.Header{Name: tt.hname, Value: tt.val}, h)
			assert.Equal(t, tt.secret, h.Secret())
			shown, _ := h.MarshalFlag()
			assert.Equal(t, tt.shown, shown)
		})
	}
}

func TestRunnerNetworkOptions(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		first string // "" when the check runs
	}{
		{"-4 and -6", []string{"-4", "-6"}, "FAKE UNKNOWN - -4 and -6 exclude each other"},
		{"-I not an address", []string{"-I", "node1"}, `FAKE UNKNOWN - -I/--address: "node1" is not an IP address`},
		{"-I with a port", []string{"-I", "10.0.0.5:443"}, `FAKE UNKNOWN - -I/--address: "10.0.0.5:443" is not an IP address`},
		{"-I IPv6 with -4", []string{"-4", "-I", "::1"}, "FAKE UNKNOWN - -I/--address ::1 is an IPv6 address, but -4 asks for IPv4"},
		{"-I IPv4 with -6", []string{"-6", "--address=127.0.0.2"}, "FAKE UNKNOWN - -I/--address 127.0.0.2 is an IPv4 address, but -6 asks for IPv6"},
		{"bad proxy", []string{"--proxy", "ftp://bob:pw@p"}, `FAKE UNKNOWN - bad value for --proxy: proxy scheme "ftp" not supported (http, https, socks5 or socks5h)`},
		{"bad header", []string{"--header", "X-Node"}, "FAKE UNKNOWN - bad value for --header: expected 'Name: value'"},
		{"-I IPv4", []string{"-4", "-I", "127.0.0.2"}, ""},
		{"-I IPv6 in brackets", []string{"-6", "-I", "[::1]"}, ""},
		{"proxy and headers", []string{"--proxy=socks5h://127.0.0.1:1080", "--header", "X-A: 1", "--header", "X-B: 2"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &fakeCheck{}
			code, out, _ := testutil.Run(t, c, nil, append([]string{"-H", "h"}, tt.args...)...)
			if tt.first == "" {
				assert.Equal(t, 0, code, out)
				assert.True(t, c.ran)
				return
			}
			assert.Equal(t, 3, code)
			assert.False(t, c.ran)
			assert.Equal(t, tt.first, lines(out)[0])
			assert.Contains(t, out, "Run 'check_fake --help' for all options.")
		})
	}
}

// TestRunnerHTTPOptionSecrets: the proxy's user:password and the values
// of secret headers never show, in the -vv configuration or anywhere the
// check writes them.
func TestRunnerHTTPOptionSecrets(t *testing.T) {
	const pw, token, cookie = "pr0xy-pw", "t0ken-value", "sess=c00kie"
	c := &fakeCheck{run: func(_ context.Context, env *plugin.Env, _ *fakeCheck) (*plugin.Result, error) {
		return &plugin.Result{Summary: "echo " + pw + " " + token + " " + cookie + " " + base64.StdEncoding.EncodeToString([]byte("bob:"+pw))}, nil
	}}
	code, out, _ := testutil.Run(t, c, nil, "-H", "h", "-vv", "--proxy", "http://bob:"+pw+"@proxy.example.com:3128",
		"--header", "Authorization: Bearer "+token, "--header", "Cookie: "+cookie, "--header", "X-Node: a1")
	assert.Equal(t, 0, code)
	testutil.AssertNotPrinted(t, pw, out)
	testutil.AssertNotPrinted(t, token, out)
	testutil.AssertNotPrinted(t, cookie, out)
	testutil.AssertNotPrinted(t, base64.StdEncoding.EncodeToString([]byte("bob:"+pw)), out)
	assert.Contains(t, out, "config: --proxy=http://****@proxy.example.com:3128\n")
	assert.Contains(t, out, "config: --header=Authorization: ****, Cookie: ****, X-Node: a1\n")
}

func TestRunnerDidYouMean(t *testing.T) {
	tests := []struct {
		name, arg, first string
	}{
		{"swapped letters", "--warnign=5", "FAKE UNKNOWN - unknown flag `warnign'; did you mean --warning?"},
		{"missing letter", "--timout", "FAKE UNKNOWN - unknown flag `timout'; did you mean --timeout?"},
		{"underscore", "--max_body=1MiB", "FAKE UNKNOWN - unknown flag `max_body'; did you mean --max-body?"},
		{"upper case", "--PROXY=none", "FAKE UNKNOWN - unknown flag `PROXY'; did you mean --proxy?"},
		{"two edits in a long name", "--critcal", "FAKE UNKNOWN - unknown flag `critcal'; did you mean --critical?"},
		{"swap in a short name", "--hots", "FAKE UNKNOWN - unknown flag `hots'; did you mean --host?"},
		{"two edits in a short name is too far", "--prx", "FAKE UNKNOWN - unknown flag `prx'"},
		{"nothing close", "--bogus", "FAKE UNKNOWN - unknown flag `bogus'"},
		{"short flag", "-Z", "FAKE UNKNOWN - unknown flag `Z'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, _ := testutil.Run(t, &fakeCheck{}, nil, "-H", "h", tt.arg)
			assert.Equal(t, 3, code)
			assert.Equal(t, tt.first, lines(out)[0])
		})
	}
}
