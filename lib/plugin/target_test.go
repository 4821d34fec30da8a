package plugin_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccmon/webim-checks/lib/plugin"
)

func TestParseTarget(t *testing.T) {
	tests := []struct {
		name      string
		host      string
		port      int
		defScheme string
		defPort   int
		want      string
		err       string
	}{
		{name: "host", host: "chat.example.com", defScheme: "https", want: "https://chat.example.com"},
		{name: "host with spaces", host: " chat.example.com ", defScheme: "https", want: "https://chat.example.com"},
		{name: "host, product default port", host: "itgrix.local", defScheme: "http", defPort: 8077, want: "http://itgrix.local:8077"},
		{name: "host:port", host: "chat.example.com:8443", defScheme: "https", want: "https://chat.example.com:8443"},
		{name: "host:port beats default port", host: "itgrix.local:9000", defScheme: "http", defPort: 8077, want: "http://itgrix.local:9000"},
		{name: "IPv4", host: "10.0.0.5", defScheme: "https", want: "https://10.0.0.5"},
		{name: "IPv6 with port", host: "[::1]:8443", defScheme: "https", want: "https://[::1]:8443"},
		{name: "IPv6 without port", host: "[2001:db8::1]", defScheme: "http", defPort: 8077, want: "http://[2001:db8::1]:8077"},
		{name: "URL with prefix", host: "https://h/prefix/", defScheme: "https", want: "https://h/prefix"},
		{name: "URL, query and fragment dropped", host: "http://h:8080/a/b/?q=1#f", defScheme: "https", want: "http://h:8080/a/b"},
		{name: "URL scheme keeps its own port", host: "http://itgrix.local", defScheme: "http", defPort: 8077, want: "http://itgrix.local"},
		{name: "upper-case scheme", host: "HTTPS://Chat.Example.com", defScheme: "http", want: "https://Chat.Example.com"},
		{name: "trailing colon", host: "h:", defScheme: "https", want: "https://h"},
		{name: "path without scheme", host: "h/webim", defScheme: "https", want: "https://h/webim"},
		{name: "-p overrides", host: "h:8443", port: 9443, defScheme: "https", want: "https://h:9443"},
		{name: "-p with URL", host: "https://h/prefix", port: 8443, defScheme: "https", want: "https://h:8443/prefix"},
		{name: "-p with IPv6", host: "[::1]:1", port: 2, defScheme: "https", want: "https://[::1]:2"},
		{name: "-p beats default port", host: "itgrix.local", port: 80, defScheme: "http", defPort: 8077, want: "http://itgrix.local:80"},

		{name: "empty", host: "", defScheme: "https", err: "-H/--host is required"},
		{name: "blank", host: "  ", defScheme: "https", err: "-H/--host is required"},
		{name: "bad scheme", host: "ftp://h", defScheme: "https", err: `bad -H/--host "ftp://h": scheme must be http or https`},
		{name: "credentials in URL", host: "https://monitor:hunter22@h", defScheme: "https", err: "do not put credentials in the URL"},
		{name: "user in URL", host: "monitor@h", defScheme: "https", err: "do not put credentials in the URL"},
		{name: "a short password with a slash", host: "http://a:b/c@h", defScheme: "https", err: "do not put credentials in the URL"},
		{name: "port 0", host: "h:0", defScheme: "https", err: "port must be 1-65535"},
		{name: "port 70000", host: "h:70000", defScheme: "https", err: "port must be 1-65535"},
		{name: "-p 70000", host: "h", port: 70000, defScheme: "https", err: "bad -p/--port 70000: must be 1-65535"},
		{name: "-p negative", host: "h", port: -1, defScheme: "https", err: "bad -p/--port -1"},
		{name: "port not a number", host: "h:abc", defScheme: "https", err: "want host, host:port or scheme://host[:port][/prefix]"},
		{name: "bare IPv6", host: "::1", defScheme: "https", want: "https://[::1]"},
		{name: "bare IPv6 with the default port", host: "fe80::1", defScheme: "http", defPort: 8077, want: "http://[fe80::1]:8077"},
		{name: "bare IPv6 and -p", host: "::1", port: 8443, defScheme: "https", want: "https://[::1]:8443"},
		{name: "no host", host: "http://", defScheme: "https", err: "want host, host:port"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, err := plugin.ParseTarget(tt.host, tt.port, tt.defScheme, tt.defPort)
			if tt.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.err)
				assert.ErrorIs(t, err, plugin.ErrUsage)
				assert.NotContains(t, err.Error(), "hunter22", "never echo a password")
				assert.Equal(t, plugin.Unknown, plugin.StateFor(err, plugin.Critical))
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, u.String())
		})
	}
}
