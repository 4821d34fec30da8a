package plugin_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/testutil"
)

// TestWeakSecretsRefused: a secret that redaction cannot hide (too short,
// the host, the user, a word of the output) is a usage error that does not
// quote it, before any request.
func TestWeakSecretsRefused(t *testing.T) {
	file := func(content string) string {
		p := filepath.Join(t.TempDir(), "pw")
		require.NoError(t, os.WriteFile(p, []byte(content+"\n"), 0o600))
		return p
	}
	tests := []struct {
		name, secret string
		args         []string
		want         string
	}{
		{"short", "abc", []string{"-H", "chat.example.com", "-P", "abc"}, "the secret of --password is shorter than 4 characters"},
		{"the host", "127.0.0.1", []string{"-H", "https://127.0.0.1:8443/x", "-P", "127.0.0.1"}, "the secret of --password is the host of -H"},
		{"the user", "monitor7", []string{"-H", "h.example", "-U", "Monitor7", "-P", "monitor7"}, "the secret of --password is the same as --user"},
		{"a common word", "Monitor", []string{"-H", "h.example", "-P", "Monitor"}, "the secret of --password is a common word that appears in the output"},
		{"short in a file", "xy", []string{"-H", "h.example", "--password-file", file("xy")}, " is shorter than 4 characters"},
		{"host in a file", "h.example", []string{"-H", "h.example", "--password-file", file("h.example")}, " is the host of -H"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &fakeCheck{run: func(_ context.Context, env *plugin.Env, c *fakeCheck) (*plugin.Result, error) {
				if _, err := env.LoadSecret(c.Login.Password, c.Login.PasswordFile); err != nil {
					return nil, err
				}
				return &plugin.Result{Summary: "sent the password"}, nil
			}}
			code, out, errb := testutil.Run(t, c, nil, append(tt.args, "-vvv")...)
			assert.Equal(t, 3, code)
			first := testutil.FirstLine(out)
			assert.Contains(t, first, tt.want)
			assert.Contains(t, out, "Usage: check_fake")
			assert.NotContains(t, first, "sent the password")
			if len(tt.secret) >= 4 {
				// the line names where the secret came from, never the secret
				rest := strings.ReplaceAll(first, "h.example", "")
				rest = strings.ReplaceAll(rest, "127.0.0.1", "")
				assert.NotContains(t, strings.ToLower(rest), strings.ToLower(tt.secret))
			}
			assert.NotContains(t, errb, tt.secret+"\n")
		})
	}
	t.Run("a good one passes", func(t *testing.T) {
		code, _, _ := testutil.Run(t, &fakeCheck{}, nil, "-H", "h.example", "-U", "monitor", "-P", "Xy7/q9kLm")
		assert.Equal(t, 0, code)
	})
}

// TestRedactJSONEscapedEchoes: a server echoing the password inside JSON,
// escaped the way PHP, Python or Go escape it, has it redacted too.
func TestRedactJSONEscapedEchoes(t *testing.T) {
	const pw = `Sup3r/S3cret-жук"<>`
	for _, echo := range []string{
		pw,
		`Sup3r\/S3cret-\u0436\u0443\u043a\"<>`, // PHP json_encode
		`Sup3r/S3cret-\u0436\u0443\u043a\"<>`,  // Python json.dumps
		`Sup3r\/S3cret-жук\"<>`,                // PHP, JSON_UNESCAPED_UNICODE
		`Sup3r/S3cret-жук\"\u003c\u003e`,       // Go encoding/json
		`Sup3r/S3cret-жук\"<>`,                 // JSON without escapes
	} {
		t.Run(echo, func(t *testing.T) {
			c := &fakeCheck{run: func(_ context.Context, env *plugin.Env, _ *fakeCheck) (*plugin.Result, error) {
				env.Tracef("< body: {\"error\": \"bad password %s\"}", echo)
				return &plugin.Result{Summary: "server said: " + echo, Long: []string{"again: " + echo}}, nil
			}}
			var out, errb bytes.Buffer
			code := plugin.Runner{Args: []string{"-H", "h", "-P", pw, "-vvv"}, Stdout: &out, Stderr: &errb}.Run(context.Background(), c)
			assert.Equal(t, 0, code)
			assert.NotContains(t, out.String(), "S3cret")
			assert.NotContains(t, errb.String(), "S3cret")
			assert.Contains(t, out.String(), "server said: ****")
		})
	}
}
