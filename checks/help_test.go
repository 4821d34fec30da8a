package checks_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccmon/webim-checks/lib/checks/all"
	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/sim"
	"github.com/ccmon/webim-checks/lib/testutil"
)

// TestHelpForThreeAM holds every check's --help to what a person paged at
// night needs: every flag with its default and a value name that says its
// unit or kind, every state with the reasons for it, and two or three
// example command lines that really run (each is executed against the
// simulator with its host and credentials swapped for the simulator's).
func TestHelpForThreeAM(t *testing.T) {
	srv := testutil.Simulator(t, nil)
	for _, name := range all.Names() {
		t.Run(name, func(t *testing.T) {
			newCheck := all.Checks()[name]
			code, out, _ := testutil.Run(t, newCheck(), nil, "--help")
			require.Equal(t, 3, code, "--help exits 3")
			flat := strings.Join(strings.Fields(out), " ")

			for _, o := range plugin.Options(plugin.NewParser(newCheck())) {
				assert.Contains(t, out, "--"+o.LongName, "flag --%s is in --help", o.LongName)
				if len(o.Default) > 0 {
					assert.Contains(t, flat, "(default: "+strings.Join(o.Default, ", ")+")", "--%s shows its default", o.LongName)
				}
				if o.LongName == "help" || isBool(o.Value()) {
					continue
				}
				assert.NotEmpty(t, o.ValueName, "--%s names what its value is", o.LongName)
				if o.LongName == "warning" || o.LongName == "critical" {
					assert.Regexp(t, `^(SECONDS|DAYS|DURATION|N)$`, o.ValueName, "--%s says its unit", o.LongName)
				}
			}

			for _, st := range []string{"OK", "WARNING", "CRITICAL", "UNKNOWN"} {
				assert.Regexp(t, regexp.MustCompile(`(?m)^  `+st+` +\S.{10,}`), out, "the help says when %s is returned", st)
			}

			examples := section(out, "Examples:")
			require.GreaterOrEqual(t, len(examples), 2, "at least two examples")
			require.LessOrEqual(t, len(examples), 3, "at most three examples")
			for _, ex := range examples {
				runExample(t, srv.URL, name, ex)
			}
		})
	}
}

func isBool(v any) bool {
	switch v.(type) {
	case bool, []bool:
		return true
	}
	return false
}

// section returns the lines of a help section, without indentation.
func section(help, title string) []string {
	_, rest, ok := strings.Cut(help, "\n"+title+"\n")
	if !ok {
		return nil
	}
	var out []string
	for _, l := range strings.Split(rest, "\n") {
		if !strings.HasPrefix(l, "  ") {
			break
		}
		out = append(out, strings.TrimSpace(l))
	}
	return out
}

// simCredentials are the simulator's values for the credential variables
// an example may set.
var simCredentials = func() map[string]string {
	m := map[string]string{"WA_TOKEN": sim.WAToken}
	for _, kv := range sim.Env() {
		k, v, _ := strings.Cut(kv, "=")
		m[k] = v
	}
	return m
}()

// runExample runs one example line in-process against the simulator: its
// VAR=value prefixes become the simulator's credentials, -H points at the
// simulator, and secret files are written with the simulator's secret. The
// example must parse and reach the server: no usage error.
func runExample(t *testing.T, simURL, name, line string) {
	t.Helper()
	fields := strings.Fields(line)
	i := 0
	for ; i < len(fields) && strings.Contains(fields[i], "=") && !strings.HasPrefix(fields[i], "-"); i++ {
		k, _, _ := strings.Cut(fields[i], "=")
		v, ok := simCredentials[k]
		require.True(t, ok, "example %q sets %s, which is not a credential variable", line, k)
		t.Setenv(k, v)
	}
	require.Less(t, i, len(fields), "example %q has no command", line)
	require.Equal(t, name, fields[i], "example %q runs another command", line)
	args := append([]string(nil), fields[i+1:]...)
	for j, a := range args {
		// a single-quoted word is the shell's: 'webim_chats{state="queue"}'
		if len(a) >= 2 && a[0] == '\'' && a[len(a)-1] == '\'' {
			args[j] = a[1 : len(a)-1]
		}
	}
	dir := t.TempDir()
	t.Setenv("MP_STATE_PATH", dir)
	for j := 0; j < len(args)-1; j++ {
		switch args[j] {
		case "-H", "--host":
			args[j+1] = simURL
		case "--password-file", "--api-key-file", "--token-file":
			secret := map[string]string{
				"--password-file": map[bool]string{true: sim.ItgrixPassword, false: sim.WebimPassword}[strings.HasPrefix(name, "check_itgrix")],
				"--api-key-file":  sim.WAAPIKey,
				"--token-file":    sim.WAToken,
			}[args[j]]
			f := filepath.Join(dir, "secret")
			require.NoError(t, os.WriteFile(f, []byte(secret+"\n"), 0o600))
			args[j+1] = f
		case "--state-dir":
			args[j+1] = dir
		}
	}
	// the login named in an example is replaced by the simulator's
	for j := 0; j < len(args)-1; j++ {
		if args[j] == "-U" || args[j] == "--user" {
			args[j+1] = map[bool]string{true: sim.ItgrixUser, false: sim.WebimUser}[strings.HasPrefix(name, "check_itgrix")]
		}
	}
	code, out, _ := testutil.Run(t, all.Checks()[name](), nil, args...)
	assert.NotContains(t, out, "Usage:", "example %q is a valid command line", line)
	assert.NotContains(t, out, "authentication failed", "example %q authenticates", line)
	assert.Contains(t, []int{0, 1, 2, 3}, code)
}
