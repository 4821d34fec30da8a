package plugin_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/testutil"
)

// fakeLogin is a login option group nested in the fake check, as real
// checks embed theirs.
type fakeLogin struct {
	User         string        `short:"U" long:"user" env:"FAKE_USER" description:"user"`
	Password     plugin.Secret `short:"P" long:"password" env:"FAKE_PASSWORD" default-mask:"-" description:"password"`
	PasswordFile string        `long:"password-file" description:"file with the password"`
}

// fakeCheck is a small check whose behaviour each test sets with run.
type fakeCheck struct {
	Login    fakeLogin     `group:"Fake login"`
	Warning  *plugin.Range `short:"w" long:"warning" description:"warning range"`
	Critical *plugin.Range `short:"c" long:"critical" description:"critical range"`

	run      func(ctx context.Context, env *plugin.Env, c *fakeCheck) (*plugin.Result, error)
	validate func(env *plugin.Env) error
	ran      bool
}

func (c *fakeCheck) Info() plugin.Info {
	return plugin.Info{
		Name:     "check_fake",
		Prefix:   "FAKE",
		Short:    "Checks nothing; used by the runtime's tests.",
		States:   []string{"OK  always"},
		Examples: []string{"check_fake -H host"},
	}
}

func (c *fakeCheck) Validate(env *plugin.Env) error {
	if c.validate != nil {
		return c.validate(env)
	}
	return nil
}

func (c *fakeCheck) Run(ctx context.Context, env *plugin.Env) (*plugin.Result, error) {
	c.ran = true
	if c.run == nil {
		return &plugin.Result{Summary: "all fine", Perf: []plugin.Perf{{Label: "time", Value: 0.25, Unit: "s"}}}, nil
	}
	return c.run(ctx, env, c)
}

func withState(st plugin.State, summary string) func(context.Context, *plugin.Env, *fakeCheck) (*plugin.Result, error) {
	return func(context.Context, *plugin.Env, *fakeCheck) (*plugin.Result, error) {
		return &plugin.Result{State: st, Summary: summary, Long: []string{"detail"}}, nil
	}
}

func lines(s string) []string { return strings.Split(strings.TrimSuffix(s, "\n"), "\n") }

func TestRunnerUsage(t *testing.T) {
	tests := []struct {
		name      string
		args      []string
		firstLine string
	}{
		{"unknown flag", []string{"-H", "h", "--bogus"}, "FAKE UNKNOWN - unknown flag `bogus'"},
		{"unknown short flag", []string{"-H", "h", "-Z"}, "FAKE UNKNOWN - unknown flag `Z'"},
		{"extra positional argument", []string{"-H", "h", "extra"}, `FAKE UNKNOWN - unexpected argument "extra"`},
		{"missing -H", []string{"-w", "5"}, "FAKE UNKNOWN - -H/--host is required"},
		{"flag without value", []string{"-H"}, "FAKE UNKNOWN - expected argument for flag `-H, --host'"},
		{"bad format", []string{"-H", "h", "--format", "xml"}, `FAKE UNKNOWN - bad value for --format: unknown format "xml" (want nagios or json)`},
		{"bad timeout state", []string{"-H", "h", "-t", "1:bogus"}, `FAKE UNKNOWN - bad value for -t, --timeout: unknown state "bogus" (want OK, WARNING, CRITICAL or UNKNOWN)`},
		{"zero timeout", []string{"-H", "h", "-t", "0"}, "FAKE UNKNOWN - bad value for -t, --timeout: timeout must be positive"},
		{"bad max-body", []string{"-H", "h", "--max-body", "lots"}, `FAKE UNKNOWN - bad value for --max-body: "lots" is not a size (e.g. 4MiB, 512KiB)`},
		{"too many retries", []string{"-H", "h", "--retries", "11"}, "FAKE UNKNOWN - --retries must be between 0 and 10"},
		{"negative retries", []string{"-H", "h", "--retries=-1"}, "FAKE UNKNOWN - --retries must be between 0 and 10"},
		{"bad range", []string{"-H", "h", "-w", "abc"}, `FAKE UNKNOWN - bad value for -w, --warning: range "abc": "abc" is not a number`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &fakeCheck{}
			code, out, errOut := testutil.Run(t, c, nil, tt.args...)
			assert.Equal(t, 3, code)
			assert.Empty(t, errOut, "usage errors go to stdout")
			assert.False(t, c.ran)
			l := lines(out)
			assert.Equal(t, tt.firstLine, l[0])
			assert.LessOrEqual(t, len(l), 23)
			assert.Contains(t, out, "Run 'check_fake --help' for all options.")
		})
	}
}

func TestRunnerValidate(t *testing.T) {
	c := &fakeCheck{validate: func(*plugin.Env) error { return errors.New("--warning must be below --critical") }}
	code, out, _ := testutil.Run(t, c, nil, "-H", "h")
	assert.Equal(t, 3, code)
	assert.Equal(t, "FAKE UNKNOWN - --warning must be below --critical", lines(out)[0])
	assert.False(t, c.ran, "no request before a usage error")
}

func TestRunnerHelpAndVersion(t *testing.T) {
	t.Setenv("FAKE_PASSWORD", "env-secret-value")
	t.Run("help", func(t *testing.T) {
		for _, arg := range []string{"--help", "-h"} {
			code, out, errOut := testutil.Run(t, &fakeCheck{}, nil, arg)
			assert.Equal(t, 3, code)
			assert.Empty(t, errOut)
			assert.True(t, strings.HasPrefix(out, "check_fake "+plugin.Version+" (webim-checks)\n"), out)
			for _, want := range []string{"Usage:", "check_fake -H HOST [OPTIONS]", "--warning", "--password", "States:", "Examples:", "Exit codes:"} {
				assert.Contains(t, out, want)
			}
			assert.NotContains(t, out, "env-secret-value", "help never shows a secret from the environment")
		}
	})
	t.Run("version", func(t *testing.T) {
		for _, arg := range []string{"-V", "--version"} {
			code, out, errOut := testutil.Run(t, &fakeCheck{}, nil, arg)
			assert.Equal(t, 3, code)
			assert.Empty(t, errOut)
			assert.Equal(t, "check_fake "+plugin.Version+" (webim-checks)\n", out)
		}
	})
}

func TestRunnerStates(t *testing.T) {
	tests := []struct {
		name  string
		run   func(context.Context, *plugin.Env, *fakeCheck) (*plugin.Result, error)
		args  []string
		code  int
		first string
	}{
		{"ok", nil, nil, 0, "FAKE OK - all fine | time=0.25s"},
		{"warning", withState(plugin.Warning, "slow"), nil, 1, "FAKE WARNING - slow"},
		{"server error", func(context.Context, *plugin.Env, *fakeCheck) (*plugin.Result, error) {
			return nil, plugin.Errorf(plugin.ErrServer, "GET /x: HTTP 503 Service Unavailable")
		}, nil, 2, "FAKE CRITICAL - GET /x: HTTP 503 Service Unavailable"},
		{"auth error", func(context.Context, *plugin.Env, *fakeCheck) (*plugin.Result, error) {
			return nil, fmt.Errorf("login: %w", plugin.Errorf(plugin.ErrAuth, "authentication failed (HTTP 401)"))
		}, nil, 3, "FAKE UNKNOWN - login: authentication failed (HTTP 401)"},
		{"plain error", func(context.Context, *plugin.Env, *fakeCheck) (*plugin.Result, error) {
			return nil, errors.New("something odd")
		}, nil, 3, "FAKE UNKNOWN - something odd"},
		{"no result", func(context.Context, *plugin.Env, *fakeCheck) (*plugin.Result, error) {
			return nil, nil
		}, nil, 3, "FAKE UNKNOWN - internal error: the check returned no result"},
		{"panic", func(context.Context, *plugin.Env, *fakeCheck) (*plugin.Result, error) {
			panic("boom\nwith a second line")
		}, nil, 3, `FAKE UNKNOWN - internal error: boom\nwith a second line`},
		{"nil pointer panic", func(_ context.Context, _ *plugin.Env, c *fakeCheck) (*plugin.Result, error) {
			var r *plugin.Result
			r.Summary = c.Info().Name
			return r, nil
		}, nil, 3, "FAKE UNKNOWN - internal error: runtime error: invalid memory address or nil pointer dereference"},
		{"quiet ok prints nothing", nil, []string{"-q"}, 0, ""},
		{"quiet warning prints", withState(plugin.Warning, "slow"), []string{"--quiet"}, 1, "FAKE WARNING - slow"},
		{"quiet critical prints", withState(plugin.Critical, "down"), []string{"-q"}, 2, "FAKE CRITICAL - down"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &fakeCheck{run: tt.run}
			code, out, errOut := testutil.Run(t, c, nil, append([]string{"-H", "h"}, tt.args...)...)
			assert.Equal(t, tt.code, code)
			assert.Empty(t, errOut)
			if tt.first == "" {
				assert.Empty(t, out)
				return
			}
			assert.Equal(t, tt.first, lines(out)[0])
			if strings.Contains(tt.name, "panic") {
				assert.Equal(t, tt.first+"\n", out, "a panic is one line")
			}
		})
	}
}

func TestRunnerPanicTrace(t *testing.T) {
	c := &fakeCheck{run: func(context.Context, *plugin.Env, *fakeCheck) (*plugin.Result, error) { panic("boom") }}
	code, out, errOut := testutil.Run(t, c, nil, "-H", "h", "-vvv")
	assert.Equal(t, 3, code)
	l := lines(out)
	assert.Equal(t, "FAKE UNKNOWN - internal error: boom", l[0])
	for _, extra := range l[1:] {
		assert.True(t, strings.HasPrefix(extra, "config: "), "only -vv configuration follows: %q", extra)
	}
	assert.Contains(t, errOut, "panic: boom", "-vvv traces the stack of a panic")
}

func TestRunnerJSON(t *testing.T) {
	c := &fakeCheck{run: func(context.Context, *plugin.Env, *fakeCheck) (*plugin.Result, error) {
		return &plugin.Result{State: plugin.Warning, Summary: "queue is long", Long: []string{"a", "b"},
			Perf: []plugin.Perf{{Label: "queue", Value: 12, Unit: "c", Warn: plugin.MustRange("10"), Min: plugin.Float(0)}}}, nil
	}}
	code, out, _ := testutil.Run(t, c, nil, "-H", "h", "--format", "json")
	assert.Equal(t, 1, code)
	var got map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &got), out)
	assert.Equal(t, "WARNING", got["state"])
	assert.Equal(t, float64(1), got["code"])
	assert.Equal(t, "FAKE", got["prefix"])
	assert.Equal(t, "queue is long", got["summary"])
	assert.Equal(t, []any{"a", "b"}, got["long"])
	assert.Equal(t, []any{map[string]any{"label": "queue", "value": float64(12), "unit": "c", "warn": "10", "crit": nil, "min": float64(0), "max": nil}}, got["perfdata"])
	assert.Equal(t, 1, strings.Count(out, "\n"), "one JSON object on one line")

	code, out, _ = testutil.Run(t, &fakeCheck{}, nil, "-H", "h", "--format=json", "-q")
	assert.Equal(t, 0, code)
	assert.Empty(t, out, "-q wins over --format json on OK")
}

// TestRunnerJSONUsage: with --format json, a usage error is JSON too, so
// that a script or Zabbix reading the output can still parse it.
func TestRunnerJSONUsage(t *testing.T) {
	for _, args := range [][]string{
		{"--format", "json", "-H", "h", "-w", "abc"},
		{"--format", "json", "-H", "h", "extra"},
		{"--format=json"},
		{"-H", "h", "-w", "abc", "--format", "json"},
		{"-H", "h", "--no-such-flag", "--format=JSON"},
		{"-H", "h", "-t", "-1x", "--format", "json"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			c := &fakeCheck{}
			code, out, _ := testutil.Run(t, c, nil, args...)
			assert.Equal(t, 3, code)
			assert.False(t, c.ran)
			var got map[string]any
			require.NoError(t, json.Unmarshal([]byte(out), &got), out)
			assert.Equal(t, "UNKNOWN", got["state"])
			assert.Equal(t, float64(3), got["code"])
			assert.NotEmpty(t, got["summary"])
			assert.Contains(t, got["long"], "Run 'check_fake --help' for all options.")
		})
	}
}

// blockingCheck ignores its context and blocks until the test ends.
func blockingCheck(t *testing.T) *fakeCheck {
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	return &fakeCheck{run: func(_ context.Context, env *plugin.Env, _ *fakeCheck) (*plugin.Result, error) {
		env.Step("GET https://h/slow")
		<-release
		return &plugin.Result{Summary: "too late"}, nil
	}}
}

func TestRunnerTimeout(t *testing.T) {
	tests := []struct {
		name  string
		check func(t *testing.T) *fakeCheck
		arg   string
		code  int
		first string
	}{
		{"blocked check, default state", blockingCheck, "1", 2, "FAKE CRITICAL - timed out after 1s waiting for GET https://h/slow"},
		{"blocked check, UNKNOWN", blockingCheck, "1:UNKNOWN", 3, "FAKE UNKNOWN - timed out after 1s waiting for GET https://h/slow"},
		{"blocked check, WARNING", blockingCheck, "1:w", 1, "FAKE WARNING - timed out after 1s waiting for GET https://h/slow"},
		{"check returning the context error", func(*testing.T) *fakeCheck {
			return &fakeCheck{run: func(ctx context.Context, env *plugin.Env, _ *fakeCheck) (*plugin.Result, error) {
				env.Step("reading the answer")
				<-ctx.Done()
				return nil, fmt.Errorf("read: %w", ctx.Err())
			}}
		}, "1", 2, "FAKE CRITICAL - timed out after 1s waiting for reading the answer"},
		{"no step recorded", func(*testing.T) *fakeCheck {
			return &fakeCheck{run: func(ctx context.Context, _ *plugin.Env, _ *fakeCheck) (*plugin.Result, error) {
				<-ctx.Done()
				return nil, ctx.Err()
			}}
		}, "1:CRITICAL", 2, "FAKE CRITICAL - timed out after 1s"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := tt.check(t)
			start := time.Now()
			code, out, _ := testutil.Run(t, c, nil, "-H", "h", "-t", tt.arg)
			elapsed := time.Since(start)
			assert.Less(t, elapsed, 1500*time.Millisecond, "the runner returns soon after the deadline")
			assert.GreaterOrEqual(t, elapsed, time.Second)
			assert.Equal(t, tt.code, code)
			assert.Equal(t, tt.first+"\n", out)
		})
	}
}

func TestRunnerSecrets(t *testing.T) {
	const secret = `s3cr|et"pw\x`
	// leaks looks for the secret and what rendering could make of it.
	leaks := func(t *testing.T, s string) {
		t.Helper()
		for _, form := range []string{"s3cr", "et/pw", `et\"pw`} {
			assert.NotContains(t, s, form)
		}
	}
	echo := func(load bool) func(context.Context, *plugin.Env, *fakeCheck) (*plugin.Result, error) {
		return func(_ context.Context, env *plugin.Env, c *fakeCheck) (*plugin.Result, error) {
			s := c.Login.Password
			if load {
				var err error
				if s, err = env.LoadSecret(s, c.Login.PasswordFile); err != nil {
					return nil, err
				}
			}
			env.Tracef("> Authorization: %s", s.Reveal())
			res := &plugin.Result{State: plugin.Warning, Summary: "logged in with " + s.Reveal()}
			res.AddLong("password %s was accepted", s.Reveal())
			res.AddLong("as Go value: %v %#v", s, s)
			res.AddPerf(plugin.Perf{Label: s.Reveal(), Value: 1})
			return res, nil
		}
	}
	file := filepath.Join(t.TempDir(), "pw")
	require.NoError(t, os.WriteFile(file, []byte(secret+"\nsecond line is ignored\n"), 0o600))

	sources := []struct {
		name string
		args []string
		load bool
	}{
		{"flag, used directly", []string{"-P", secret}, false},
		{"flag, loaded", []string{"--password=" + secret}, true},
		{"file", []string{"--password-file", file}, true},
	}
	for _, src := range sources {
		for _, v := range []string{"", "-v", "-vv", "-vvv"} {
			for _, format := range []string{"nagios", "json"} {
				t.Run(fmt.Sprintf("%s/%s/%s", src.name, v, format), func(t *testing.T) {
					args := append([]string{"-H", "h", "--format", format}, src.args...)
					if v != "" {
						args = append(args, v)
					}
					code, out, errOut := testutil.Run(t, &fakeCheck{run: echo(src.load)}, nil, args...)
					assert.Equal(t, 1, code)
					leaks(t, out)
					leaks(t, errOut)
					assert.Contains(t, out, "logged in with ****")
					assert.Contains(t, out, "password **** was accepted")
					if v == "-vvv" {
						assert.Equal(t, "> Authorization: ****\n", errOut)
					} else {
						assert.Empty(t, errOut)
					}
				})
			}
		}
	}
}

func TestRunnerSecretSources(t *testing.T) {
	grab := func(_ context.Context, env *plugin.Env, c *fakeCheck) (*plugin.Result, error) {
		s, err := env.LoadSecret(c.Login.Password, c.Login.PasswordFile)
		if err != nil {
			return nil, err
		}
		return &plugin.Result{Summary: "got " + s.Reveal() + " for " + c.Login.User}, nil
	}
	file := filepath.Join(t.TempDir(), "pw")
	require.NoError(t, os.WriteFile(file, []byte("  file-password  \n"), 0o600))
	empty := filepath.Join(t.TempDir(), "empty")
	require.NoError(t, os.WriteFile(empty, []byte("\n"), 0o600))

	t.Run("environment feeds the secret flag", func(t *testing.T) {
		t.Setenv("FAKE_USER", "monitor")
		t.Setenv("FAKE_PASSWORD", "env-password")
		c := &fakeCheck{run: grab}
		code, out, _ := testutil.Run(t, c, nil, "-H", "h")
		assert.Equal(t, 0, code)
		assert.Equal(t, "FAKE OK - got **** for monitor\n", out)
		assert.Equal(t, plugin.Secret("env-password"), c.Login.Password)
	})
	t.Run("flag wins over environment", func(t *testing.T) {
		t.Setenv("FAKE_PASSWORD", "env-password")
		c := &fakeCheck{run: grab}
		code, out, _ := testutil.Run(t, c, nil, "-H", "h", "-P", "flag-password")
		assert.Equal(t, 0, code)
		assert.Equal(t, plugin.Secret("flag-password"), c.Login.Password)
		assert.NotContains(t, out, "flag-password")
	})
	t.Run("password file wins", func(t *testing.T) {
		t.Setenv("FAKE_PASSWORD", "env-password")
		var got plugin.Secret
		c := &fakeCheck{run: func(ctx context.Context, env *plugin.Env, c *fakeCheck) (*plugin.Result, error) {
			got, _ = env.LoadSecret(c.Login.Password, c.Login.PasswordFile)
			return grab(ctx, env, c)
		}}
		code, out, _ := testutil.Run(t, c, nil, "-H", "h", "-P", "flag-password", "--password-file", file, "-vv")
		assert.Equal(t, 0, code)
		assert.Equal(t, plugin.Secret("file-password"), got, "surrounding spaces are trimmed")
		for _, s := range []string{"file-password", "flag-password", "env-password"} {
			assert.NotContains(t, out, s)
		}
	})
	t.Run("missing password file", func(t *testing.T) {
		code, out, _ := testutil.Run(t, &fakeCheck{run: grab}, nil, "-H", "h", "--password-file", file+".missing")
		assert.Equal(t, 3, code)
		assert.Contains(t, lines(out)[0], "FAKE UNKNOWN - cannot read secret file")
	})
	t.Run("empty password file", func(t *testing.T) {
		code, out, _ := testutil.Run(t, &fakeCheck{run: grab}, nil, "-H", "h", "--password-file", empty)
		assert.Equal(t, 3, code)
		assert.Equal(t, "FAKE UNKNOWN - secret file "+empty+" is empty", lines(out)[0])
		assert.Contains(t, out, "Run 'check_fake --help' for all options.", "a usage error shows the usage")
	})
}

func TestRunnerConfigLines(t *testing.T) {
	code, out, _ := testutil.Run(t, &fakeCheck{}, nil, "-H", "h", "-U", "monitor", "-P", "hunter22", "-w", "1e3", "-vv")
	assert.Equal(t, 0, code)
	for _, want := range []string{
		"config: --user=monitor",
		"config: --password=****",
		"config: --warning=1000",
		"config: --host=h",
		"config: --timeout=10",
		"config: --max-body=4MiB",
		"config: --format=nagios",
	} {
		assert.Contains(t, lines(out), want)
	}
	assert.NotContains(t, out, "hunter22")

	_, out, _ = testutil.Run(t, &fakeCheck{}, nil, "-H", "h", "-P", "hunter22", "-v")
	assert.NotContains(t, out, "config:", "-v alone shows no configuration")
}

func TestRunnerClock(t *testing.T) {
	t0 := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	var now, deadline time.Time
	c := &fakeCheck{run: func(_ context.Context, env *plugin.Env, _ *fakeCheck) (*plugin.Result, error) {
		now, deadline = env.Now(), env.Deadline
		return &plugin.Result{Summary: "fine"}, nil
	}}
	code, _, _ := testutil.Run(t, c, testutil.Fixed(t0), "-H", "h", "-t", "15m")
	assert.Equal(t, 0, code)
	assert.Equal(t, t0, now)
	assert.Equal(t, t0.Add(15*time.Minute), deadline)
}

func TestRunnerDeadlineCoversValidate(t *testing.T) {
	// Validate may read a secret file that never ends (a FIFO, a hung
	// mount): the deadline of -t holds there too.
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	c := &fakeCheck{validate: func(env *plugin.Env) error {
		env.Step("reading the password file")
		<-release
		return nil
	}}
	type result struct {
		code int
		out  string
	}
	got := make(chan result, 1)
	start := time.Now()
	go func() {
		code, out, _ := testutil.Run(t, c, nil, "-H", "h", "-t", "1")
		got <- result{code, out}
	}()
	select {
	case r := <-got:
		assert.Less(t, time.Since(start), 1500*time.Millisecond, "the runner returns soon after the deadline")
		assert.Equal(t, 2, r.code)
		assert.Equal(t, "FAKE CRITICAL - timed out after 1s waiting for reading the password file\n", r.out)
		assert.False(t, c.ran)
	case <-time.After(5 * time.Second):
		t.Fatal("the run outlived -t 1 by seconds while Validate was stuck")
	}
}

func TestRunnerHostCredentials(t *testing.T) {
	const pw = `Sup3r"Secret`
	tests := []struct {
		name string
		host string
		err  func(host string) error // nil: an OK result
	}{
		{"-vv configuration", "https://mon:" + pw + "@h", nil},
		{"message quoting the URL", "https://mon:" + pw + "@h:bad", func(h string) error {
			return plugin.Errorf(plugin.ErrUsage, "bad -H/--host %q", h)
		}},
		{"without a scheme", "mon:" + pw + "@h:443", func(h string) error {
			return plugin.Errorf(plugin.ErrUsage, "bad -H/--host %s", h)
		}},
		{"percent-encoded, then decoded", "https://mon:Sup3r%22Secret@h", func(string) error {
			return plugin.Errorf(plugin.ErrUsage, "password %s", pw)
		}},
		{"token as the whole userinfo", "https://Sup3rSecretT0ken@h", func(h string) error {
			return plugin.Errorf(plugin.ErrUsage, "bad host %s", h)
		}},
		{"a slash in the password", "http://monitor:Sup3r/q9kLm@h", func(h string) error {
			return plugin.Errorf(plugin.ErrUsage, "bad -H/--host %q: port must be 1-65535", h)
		}},
		{"a question mark and a hash in the password", "http://monitor:Sup3r?q9#kLm@h/x", func(h string) error {
			return plugin.Errorf(plugin.ErrUsage, "bad -H/--host %s", h)
		}},
	}
	for _, tt := range tests {
		for _, format := range []string{"nagios", "json"} {
			t.Run(tt.name+"/"+format, func(t *testing.T) {
				c := &fakeCheck{run: func(_ context.Context, env *plugin.Env, _ *fakeCheck) (*plugin.Result, error) {
					if tt.err != nil {
						return nil, tt.err(env.Common.Host)
					}
					return &plugin.Result{Summary: "fine"}, nil
				}}
				_, out, errOut := testutil.Run(t, c, nil, "-H", tt.host, "-vvv", "--format", format)
				if !strings.Contains(out, "do not put credentials in the URL") {
					// the check ran: whatever quoted the host shows it redacted
					assert.Contains(t, out, "****")
				}
				for _, s := range []string{out, errOut} {
					assert.NotContains(t, s, "Sup3r")
				}
			})
		}
	}
}

func TestRunnerSecretQuoted(t *testing.T) {
	// an error quoting an answer that echoes the password (%q escapes its
	// quote and backslash) does not show it
	for _, pw := range []string{`Hunt"er2`, `Hunt\er2`, "Hunt\ter2"} {
		t.Run(fmt.Sprintf("%q", pw), func(t *testing.T) {
			c := &fakeCheck{run: func(_ context.Context, _ *plugin.Env, c *fakeCheck) (*plugin.Result, error) {
				return nil, plugin.Errorf(plugin.ErrDecode, "server said %q", "wrong password "+c.Login.Password.Reveal())
			}}
			code, out, _ := testutil.Run(t, c, nil, "-H", "h", "-P", pw)
			assert.Equal(t, 3, code)
			assert.Equal(t, `FAKE UNKNOWN - server said "wrong password ****"`+"\n", out)
		})
	}
}
