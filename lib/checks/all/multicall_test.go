package all_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccmon/webim-checks/lib/checks/all"
	"github.com/ccmon/webim-checks/lib/checks/multicall"
	"github.com/ccmon/webim-checks/lib/testutil"
)

// TestMultiCallSet holds the multi-call binary's set (package multicall),
// the registry and the Makefile's OWN_BINARY (what make install builds as
// its own binary instead of a link) in agreement: every check is either in
// the multi-call binary or installed as its own binary, never both, never
// neither.
func TestMultiCallSet(t *testing.T) {
	var inMulti []string
	for name := range multicall.Checks() {
		inMulti = append(inMulti, name)
	}
	slices.Sort(inMulti)
	own := all.OwnBinary()
	want := slices.DeleteFunc(all.Names(), func(n string) bool { return slices.Contains(own, n) })
	assert.Equal(t, want, inMulti, "multicall.Checks() is the registry less all.OwnBinary()")
	for name, newCheck := range multicall.Checks() {
		assert.Equal(t, name, newCheck().Info().Name, "registered under another name than Info().Name")
	}

	mk, err := os.ReadFile(filepath.Join(testutil.Root(), "Makefile"))
	require.NoError(t, err)
	m := regexp.MustCompile(`(?m)^OWN_BINARY\s*:=(.*)$`).FindSubmatch(mk)
	require.NotNil(t, m, "the Makefile has no OWN_BINARY := line")
	listed := strings.Fields(string(m[1]))
	slices.Sort(listed)
	assert.Equal(t, own, listed, "the Makefile's OWN_BINARY is all.OwnBinary()")
}

// TestMultiCallLeavesOutProtobuf holds what the checks built as their own
// binary are for: the multi-call binary does not link protobuf (whose
// package init every check would pay).
func TestMultiCallLeavesOutProtobuf(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	cmd := exec.Command("go", "list", "-deps", "./checks/webim-checks")
	cmd.Dir = testutil.Root()
	out, err := cmd.Output()
	require.NoError(t, err)
	for _, pkg := range strings.Fields(string(out)) {
		assert.False(t, strings.HasPrefix(pkg, "google.golang.org/protobuf/"), "the multi-call binary links %s", pkg)
	}
}
