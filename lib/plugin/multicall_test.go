package plugin_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccmon/webim-checks/lib/plugin"
)

// namedCheck is a check that says its name and the -w it was given, so a
// test can see which check the multi-call runner picked and with which
// arguments.
type namedCheck struct {
	name string
	Warn string `short:"w" long:"warning" description:"echoed"`
}

func (c *namedCheck) Info() plugin.Info {
	return plugin.Info{Name: c.name, Prefix: strings.ToUpper(strings.TrimPrefix(c.name, "check_")), HostOptional: true}
}

func (c *namedCheck) Run(context.Context, *plugin.Env) (*plugin.Result, error) {
	return &plugin.Result{State: plugin.Warning, Summary: "ran with -w " + c.Warn}, nil
}

func multiChecks() map[string]func() plugin.Check {
	return map[string]func() plugin.Check{
		"check_alpha": func() plugin.Check { return &namedCheck{name: "check_alpha"} },
		"check_beta":  func() plugin.Check { return &namedCheck{name: "check_beta"} },
	}
}

func TestRunMulti(t *testing.T) {
	tests := []struct {
		name  string
		argv  []string
		code  int
		first string
	}{
		{"by link name", []string{"/usr/lib/nagios/plugins/check_beta", "-w", "3"}, 1, "BETA WARNING - ran with -w 3"},
		{"by link name, bare", []string{"check_alpha"}, 1, "ALPHA WARNING - ran with -w "},
		{"by first argument", []string{"/usr/lib/nagios/plugins/webim-checks", "check_alpha", "-w", "7"}, 1, "ALPHA WARNING - ran with -w 7"},
		{"link name wins over argument", []string{"check_alpha", "check_beta"}, 3, "ALPHA UNKNOWN - unexpected argument \"check_beta\""},
		{"check flags are the check's", []string{"webim-checks", "check_beta", "--nope"}, 3, "BETA UNKNOWN - unknown flag `nope'"},
		{"no check", []string{"webim-checks"}, 3, "WEBIM-CHECKS UNKNOWN - name the check to run"},
		{"unknown check", []string{"webim-checks", "check_gamma"}, 3, `WEBIM-CHECKS UNKNOWN - no check named "check_gamma"`},
		{"link to a check it lacks", []string{"/x/check_gamma", "-w", "1"}, 3, `WEBIM-CHECKS UNKNOWN - this webim-checks holds no check named "check_gamma"`},
		{"version", []string{"webim-checks", "--version"}, 3, "webim-checks " + plugin.Version},
		{"help", []string{"webim-checks", "--help"}, 3, "webim-checks " + plugin.Version + ": every check of the suite in one binary."},
		{"list", []string{"webim-checks", "--list"}, 0, "check_alpha"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := plugin.Runner{Stdout: &out, Stderr: &errb}.RunMulti(context.Background(), tt.argv, multiChecks())
			first, _, _ := strings.Cut(out.String(), "\n")
			assert.Equal(t, tt.code, code, "exit code; output:\n%s", out.String())
			assert.Equal(t, tt.first, first)
			assert.Empty(t, errb.String())
		})
	}
}

func TestRunMultiListsEveryCheck(t *testing.T) {
	var out bytes.Buffer
	code := plugin.Runner{Stdout: &out}.RunMulti(context.Background(), []string{"webim-checks", "--list"}, multiChecks())
	require.Equal(t, 0, code)
	assert.Equal(t, "check_alpha\ncheck_beta\n", out.String())

	out.Reset()
	code = plugin.Runner{Stdout: &out}.RunMulti(context.Background(), []string{"webim-checks", "nonsense"}, multiChecks())
	require.Equal(t, 3, code)
	assert.Contains(t, out.String(), "Checks: check_alpha check_beta\n")
	assert.LessOrEqual(t, strings.Count(out.String(), "\n"), 23, "a usage text is at most 23 lines")
}

func TestNewParserIsTheRuntimeParser(t *testing.T) {
	p := plugin.NewParser(&namedCheck{name: "check_alpha"})
	assert.Equal(t, "check_alpha", p.Name)
	var longs []string
	for _, o := range plugin.Options(p) {
		longs = append(longs, o.LongName)
	}
	// the check's own options first, then the common ones, as --help shows them
	require.NotEmpty(t, longs)
	assert.Equal(t, "warning", longs[0])
	for _, want := range []string{"host", "port", "timeout", "retries", "insecure", "ca-file", "max-body", "verbose", "quiet", "format", "version"} {
		assert.Contains(t, longs, want)
	}
}
