package plugin_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/testutil"
)

// TestSecretFiles: every secret file is read through the 64 KiB cap, never
// blocks on a FIFO, says which line is wrong, and a file readable by
// everyone is noted at -v (CONTRACT section 5).
func TestSecretFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string, mode os.FileMode) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(content), mode))
		require.NoError(t, os.Chmod(p, mode))
		return p
	}
	fifo := filepath.Join(dir, "fifo")
	require.NoError(t, syscall.Mkfifo(fifo, 0o600))
	tests := []struct {
		name, file string
		args       []string
		want       string // the output
		secret     plugin.Secret
	}{
		{"first line", write("ok", "s3cret-pw\nignored\n", 0o600), nil, "FAKE OK - fine\n", "s3cret-pw"},
		{"blank first line", write("blank", "\n  \ns3cret-pw\n", 0o600), nil, "FAKE UNKNOWN - secret file %s has a blank first line; the secret must be on the first line\n", ""},
		{"empty", write("empty", " \n\n", 0o600), nil, "FAKE UNKNOWN - secret file %s is empty\n", ""},
		{"endless device", "/dev/zero", nil, "FAKE UNKNOWN - secret file %s is larger than 64 KiB\n", ""},
		{"too large", write("large", strings.Repeat("x", 64<<10+1), 0o600), nil, "FAKE UNKNOWN - secret file %s is larger than 64 KiB\n", ""},
		{"FIFO without a writer", fifo, nil, "FAKE UNKNOWN - secret file %s is empty\n", ""},
		{"readable by everyone, quiet", write("open", "s3cret-pw\n", 0o644), nil, "FAKE OK - fine\n", "s3cret-pw"},
		{"readable by everyone, -v", write("open2", "s3cret-pw\n", 0o644), []string{"-v"}, "FAKE OK - fine\nnote: secret file %[1]s is readable by every local user (chmod o-r %[1]s)\n", "s3cret-pw"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got plugin.Secret
			c := &fakeCheck{run: func(_ context.Context, env *plugin.Env, c *fakeCheck) (*plugin.Result, error) {
				s, err := env.LoadSecret(c.Login.Password, c.Login.PasswordFile)
				if err != nil {
					return nil, err
				}
				got = s
				return &plugin.Result{Summary: "fine"}, nil
			}}
			code, out, _ := testutil.Run(t, c, nil, append([]string{"-H", "h", "--password-file", tt.file}, tt.args...)...)
			want := tt.want
			if strings.Contains(want, "%") {
				want = fmt.Sprintf(want, tt.file)
			}
			if tt.secret == "" {
				// a usage error: the message, then the short usage
				assert.Equal(t, want, testutil.FirstLine(out)+"\n")
			} else {
				assert.Equal(t, want, out)
			}
			assert.Equal(t, tt.secret, got)
			if tt.secret == "" {
				assert.Equal(t, 3, code)
			}
		})
	}
}

// TestTimeoutSaysTheTimeGiven: -t 1.05 times out "after 1.05s", not 1s.
func TestTimeoutSaysTheTimeGiven(t *testing.T) {
	c := &fakeCheck{run: func(ctx context.Context, env *plugin.Env, _ *fakeCheck) (*plugin.Result, error) {
		env.Step("GET https://h/slow")
		<-ctx.Done()
		return nil, ctx.Err()
	}}
	code, out, _ := testutil.Run(t, c, nil, "-H", "h", "-t", "1.05")
	assert.Equal(t, 2, code)
	assert.Equal(t, "FAKE CRITICAL - timed out after 1.05s waiting for GET https://h/slow\n", out)
}

func TestMaxBodyUpToOneTiB(t *testing.T) {
	for in, want := range map[string]plugin.ByteSize{"1TiB": 1 << 40, "1t": 1 << 40, "1024GiB": 1 << 40} {
		var b plugin.ByteSize
		require.NoError(t, b.UnmarshalFlag(in), in)
		assert.Equal(t, want, b, in)
	}
	var b plugin.ByteSize
	assert.Error(t, b.UnmarshalFlag("2TiB"), "over the 1 TiB the help names")
}
