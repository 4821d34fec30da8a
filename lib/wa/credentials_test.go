package wa

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ccmon/webim-checks/lib/plugin"
)

// writeSecret writes content to a file in a temporary directory.
func writeSecret(t *testing.T, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "secret")
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestResolve(t *testing.T) {
	key := "key-from-flag-0001"
	envKey := "key-from-env-00002"
	envToken := "token-from-env-3"
	fileKey := "key-from-file-0004"
	keyFile := writeSecret(t, fileKey+"\nsecond line ignored\n")
	emptyFile := writeSecret(t, "  \n")
	tests := []struct {
		name      string
		creds     Credentials
		envKey    string
		envToken  string
		want      Auth
		wantErr   string
		secretOut string // must not appear in the error
	}{
		{name: "key flag", creds: Credentials{APIKey: plugin.Secret(key)}, want: Auth{SchemeAPIKey, plugin.Secret(key), "--api-key"}},
		{name: "key file", creds: Credentials{APIKeyFile: keyFile}, want: Auth{SchemeAPIKey, plugin.Secret(fileKey), "--api-key-file " + keyFile}},
		{name: "key file wins over key flag", creds: Credentials{APIKey: plugin.Secret(key), APIKeyFile: keyFile}, want: Auth{SchemeAPIKey, plugin.Secret(fileKey), "--api-key-file " + keyFile}},
		{name: "token flag", creds: Credentials{Token: "tok-0123"}, want: Auth{SchemeBearer, "tok-0123", "--token"}},
		{name: "token file", creds: Credentials{TokenFile: keyFile}, want: Auth{SchemeBearer, plugin.Secret(fileKey), "--token-file " + keyFile}},
		{name: "key from env", envKey: envKey, want: Auth{SchemeAPIKey, plugin.Secret(envKey), EnvAPIKey}},
		{name: "token from env", envToken: envToken, want: Auth{SchemeBearer, plugin.Secret(envToken), EnvToken}},
		{name: "env key wins over env token", envKey: envKey, envToken: envToken, want: Auth{SchemeAPIKey, plugin.Secret(envKey), EnvAPIKey}},
		{name: "command-line token wins over env key", creds: Credentials{Token: "tok-0123"}, envKey: envKey, want: Auth{SchemeBearer, "tok-0123", "--token"}},
		{name: "command-line key wins over env token", creds: Credentials{APIKey: plugin.Secret(key)}, envToken: envToken, want: Auth{SchemeAPIKey, plugin.Secret(key), "--api-key"}},
		{name: "key and token flags", creds: Credentials{APIKey: plugin.Secret(key), Token: "tok-0123"}, wantErr: "not both", secretOut: key},
		{name: "key file and token flag", creds: Credentials{APIKeyFile: keyFile, Token: "tok-0123"}, wantErr: "not both", secretOut: fileKey},
		{name: "nothing", wantErr: "no credentials: set WA_API_KEY"},
		{name: "key of 11 characters", creds: Credentials{APIKey: "12345678901"}, wantErr: "has 11 characters; the WhatsApp Business API requires 12 to 128", secretOut: "12345678901"},
		{name: "key of 12 characters", creds: Credentials{APIKey: "123456789012"}, want: Auth{SchemeAPIKey, "123456789012", "--api-key"}},
		{name: "key of 12 multibyte characters", creds: Credentials{APIKey: "ключключключ"}, want: Auth{SchemeAPIKey, "ключключключ", "--api-key"}},
		{name: "key of 128 characters", creds: Credentials{APIKey: plugin.Secret(strings.Repeat("k", 128))}, want: Auth{SchemeAPIKey, plugin.Secret(strings.Repeat("k", 128)), "--api-key"}},
		{name: "key of 129 characters", creds: Credentials{APIKey: plugin.Secret(strings.Repeat("k", 129))}, wantErr: "has 129 characters", secretOut: strings.Repeat("k", 129)},
		{name: "short key from env", envKey: "short-key", wantErr: "the API key from WA_API_KEY has 9 characters", secretOut: "short-key"},
		{name: "key with a line break", creds: Credentials{APIKey: "key-with-a\nbreak"}, wantErr: "contains a control character", secretOut: "key-with-a"},
		{name: "token with a line break", envToken: "token\r\nX-Injected: 1", wantErr: "the token from WA_TOKEN contains a control character", secretOut: "X-Injected"},
		{name: "missing key file", creds: Credentials{APIKeyFile: "/nonexistent/wa.key"}, wantErr: "cannot read secret file"},
		{name: "empty token file", creds: Credentials{TokenFile: emptyFile}, wantErr: "is empty"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv(EnvAPIKey, tc.envKey)
			t.Setenv(EnvToken, tc.envToken)
			got, err := resolveFromCommandLine(t, tc.creds)
			if tc.wantErr != "" {
				if err == nil {
					t.Fatalf("got %+v, want an error containing %q", got, tc.wantErr)
				}
				if !errors.Is(err, plugin.ErrUsage) {
					t.Errorf("error %q is not a usage error", err)
				}
				if !strings.Contains(err.Error(), tc.wantErr) {
					t.Errorf("error %q does not contain %q", err, tc.wantErr)
				}
				if tc.secretOut != "" && strings.Contains(err.Error(), tc.secretOut) {
					t.Errorf("error %q shows the secret", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			if got != tc.want {
				t.Errorf("got %#v from %s, want %#v from %s", got.Scheme, got.Source, tc.want.Scheme, tc.want.Source)
			}
			if got.Secret.Reveal() != tc.want.Secret.Reveal() {
				t.Errorf("got a different secret than the one given")
			}
		})
	}
}

// resolveCheck is a check that only resolves its credentials, so that
// Resolve is tested as the runtime calls it: after go-flags parsed the
// command line and the environment.
type resolveCheck struct {
	Creds Credentials `group:"credentials"`
	got   Auth
	err   error
}

func (c *resolveCheck) Info() plugin.Info {
	return plugin.Info{Name: "check_resolve", Prefix: "RESOLVE"}
}

func (c *resolveCheck) Run(_ context.Context, env *plugin.Env) (*plugin.Result, error) {
	c.got, c.err = c.Creds.Resolve(env)
	return &plugin.Result{Summary: "resolved"}, nil
}

// resolveFromCommandLine gives creds as flags on a command line and
// returns what Resolve makes of them and of the environment.
func resolveFromCommandLine(t *testing.T, creds Credentials) (Auth, error) {
	t.Helper()
	args := []string{"-H", "wa.example.com"}
	for _, f := range []struct{ flag, value string }{
		{"--api-key", string(creds.APIKey)}, {"--api-key-file", creds.APIKeyFile},
		{"--token", string(creds.Token)}, {"--token-file", creds.TokenFile},
	} {
		if f.value != "" {
			args = append(args, f.flag+"="+f.value)
		}
	}
	c := &resolveCheck{}
	if code := (plugin.Runner{Args: args, Stdout: io.Discard, Stderr: io.Discard}).Run(context.Background(), c); code != 0 {
		t.Fatalf("the run itself failed with exit %d", code)
	}
	return c.got, c.err
}
