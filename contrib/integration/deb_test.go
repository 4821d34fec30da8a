//go:build integration

package integration

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccmon/webim-checks/lib/checks/all"
	"github.com/ccmon/webim-checks/lib/sim"
	"github.com/ccmon/webim-checks/lib/testutil"
)

const pkgName = "webim-checks"

// builtPackage is the package make integration built ($env), or one
// built here with make target, found in DIST by glob.
func builtPackage(t *testing.T, env, target, glob string) string {
	t.Helper()
	if p := os.Getenv(env); p != "" {
		return p
	}
	dist := t.TempDir()
	cmd := exec.Command("make", "--no-print-directory", target, "DIST="+dist)
	cmd.Dir = testutil.Root()
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "make %s:\n%s", target, out)
	found, _ := filepath.Glob(filepath.Join(dist, glob))
	require.Len(t, found, 1, "make %s built no package", target)
	return found[0]
}

// tool runs a package tool (dpkg, rpm) and returns its output; a failure
// fails the test.
func tool(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	require.NoError(t, err, "%s %s:\n%s", name, strings.Join(args, " "), out)
	return string(out)
}

// TestDebianPackage installs the package with dpkg -i, runs an installed
// check, and removes it with dpkg -r: nothing it brought may remain.
func TestDebianPackage(t *testing.T) {
	need(t, "dpkg", "dpkg")
	if exec.Command("dpkg", "-s", pkgName).Run() == nil {
		t.Fatalf("%s is already installed on this machine; the test would replace it", pkgName)
	}
	deb := builtPackage(t, "DEB", "deb", pkgName+"_*.deb")

	// what the package holds, and which of it exists before
	var paths []string
	for _, line := range strings.Split(tool(t, "dpkg", "--contents", deb), "\n") {
		f := strings.Fields(line)
		if len(f) < 6 {
			continue
		}
		p := strings.TrimPrefix(f[5], ".")
		if p != "/" {
			paths = append(paths, strings.TrimSuffix(p, "/"))
		}
	}
	require.NotEmpty(t, paths)
	before := map[string]bool{}
	for _, p := range paths {
		if _, err := os.Lstat(p); err == nil {
			before[p] = true
		}
	}
	t.Cleanup(func() { _ = exec.Command("dpkg", "--purge", pkgName).Run() })

	out := tool(t, "dpkg", "-i", deb)
	assert.NotContains(t, out, "warning", "dpkg -i:\n%s", out)
	assert.Contains(t, tool(t, "dpkg", "-s", pkgName), "Status: install ok installed")

	plugins := "/usr/lib/nagios/plugins"
	for _, name := range all.Names() {
		t.Run("installed "+name, func(t *testing.T) {
			p := filepath.Join(plugins, name)
			cmd := exec.Command(p, "--version")
			b, err := cmd.Output()
			var exit *exec.ExitError
			require.ErrorAs(t, err, &exit, "%s --version must exit 3", p)
			assert.Equal(t, 3, exit.ExitCode())
			assert.Regexp(t, `^`+name+` \S+ \(webim-checks\)\n$`, string(b))
			_, err = os.Stat(filepath.Join("/usr/share/man/man1", name+".1.gz"))
			assert.NoError(t, err, "no man page")
		})
	}
	t.Run("an installed check against the simulator", func(t *testing.T) {
		srv := testutil.Simulator(t, nil)
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		code, stdout, err := run(ctx, filepath.Join(plugins, "check_webim_db"), []string{"-H", srv.URL + "/db-down"}, append([]string{"PATH=/usr/bin:/bin"}, sim.Env()...))
		require.NoError(t, err)
		assert.Equal(t, 2, code)
		assert.True(t, strings.HasPrefix(stdout, "WEBIM DB CRITICAL - the meta database is unreachable"), stdout)
	})
	if man, err := exec.LookPath("man"); err == nil {
		t.Run("man finds the pages", func(t *testing.T) {
			b, err := exec.Command(man, "-w", "check_wa_gateway").CombinedOutput()
			require.NoError(t, err, "%s", b)
			assert.Equal(t, "/usr/share/man/man1/check_wa_gateway.1.gz\n", string(b))
		})
	}
	for _, f := range []string{"icinga2/webim-checks.conf", "nagios/webim-checks-commands.cfg", "zabbix/webim-checks.yaml", "cron/webim-checks.cron"} {
		_, err := os.Stat(filepath.Join("/usr/share/webim-checks", f))
		assert.NoError(t, err, "the package lacks %s", f)
	}
	for _, p := range paths {
		assert.False(t, strings.HasPrefix(p, "/var"), "%s: a package creates no state directory", p)
	}
	if _, err := os.Stat("/usr/share/bash-completion/completions/check_webim_db"); assert.NoError(t, err, "no bash completion") {
		out, err := exec.Command("bash", "-c", `source /usr/share/bash-completion/completions/check_webim_db
COMP_WORDS=(`+plugins+`/check_webim_db --warn); COMP_CWORD=1; _webim_checks; echo "${COMPREPLY[@]}"`).CombinedOutput()
		assert.NoError(t, err, "%s", out)
		assert.Equal(t, "--warning\n", string(out), "completion of --warn")
	}

	out = tool(t, "dpkg", "-r", pkgName)
	assert.NotContains(t, out, "warning", "dpkg -r:\n%s", out)
	st, _ := exec.Command("dpkg-query", "-W", "-f=${Status}", pkgName).CombinedOutput()
	assert.NotContains(t, string(st), "installed", "dpkg -r left the package %q", st)
	for _, p := range paths {
		if before[p] {
			continue
		}
		_, err := os.Lstat(p)
		assert.True(t, os.IsNotExist(err), "dpkg -r left %s behind", p)
	}
}
