//go:build integration

package integration

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/ccmon/webim-checks/lib/checks/all"
)

// TestRPMPackage reads the RPM as rpm does: the RHEL layout, the man
// pages, the completion and the engine examples, no state directory and
// no scripts.
func TestRPMPackage(t *testing.T) {
	if _, err := exec.LookPath("rpm"); err != nil {
		t.Fatal("rpm is not installed: apt-get install -y rpm")
	}
	p := builtPackage(t, "RPM", "rpm", pkgName+"-*.rpm")
	files := strings.Split(strings.TrimSpace(tool(t, "rpm", "-qlp", p)), "\n")
	want := []string{"/usr/lib64/nagios/plugins/webim-checks", "/usr/share/bash-completion/completions/webim-checks",
		"/usr/share/webim-checks/zabbix/webim-checks.yaml", "/usr/share/webim-checks/icinga2/webim-checks.conf",
		"/usr/share/doc/webim-checks/CHANGELOG.md"}
	for _, name := range all.Names() {
		want = append(want, "/usr/lib64/nagios/plugins/"+name, "/usr/share/man/man1/"+name+".1.gz", "/usr/share/bash-completion/completions/"+name)
	}
	for _, f := range want {
		assert.Contains(t, files, f)
	}
	for _, f := range files {
		assert.True(t, strings.HasPrefix(f, "/usr/lib64/nagios") || strings.HasPrefix(f, "/usr/share/"), "%s: outside the RHEL layout", f)
		assert.NotContains(t, f, "/var/", "a package creates no state directory")
	}
	assert.Empty(t, strings.TrimSpace(tool(t, "rpm", "-qp", "--scripts", p)), "the package needs no scripts")
	info := tool(t, "rpm", "-qp", "--qf", "%{NAME} %{VERSION}", p)
	assert.Regexp(t, `^webim-checks [0-9]+\.[0-9]+\.[0-9]+`, info, "the version comes from the tag or CHANGELOG.md")
	t.Logf("%s: %d files, %s", filepath.Base(p), len(files), info)
}
