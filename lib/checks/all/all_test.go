package all_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccmon/webim-checks/lib/checks/all"
	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/testutil"
)

// TestRegistryMatchesMains holds the registry equal to the checks/check_*
// main packages: a check with a binary but no registry entry would be
// missing from the multi-call binary, the man pages and the engine
// configurations.
func TestRegistryMatchesMains(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join(testutil.Root(), "checks", "check_*"))
	require.NoError(t, err)
	var mains []string
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "main.go")); err == nil {
			mains = append(mains, filepath.Base(d))
		}
	}
	slices.Sort(mains)
	assert.Equal(t, mains, all.Names())
}

func TestRegistryEntries(t *testing.T) {
	for name, newCheck := range all.Checks() {
		t.Run(name, func(t *testing.T) {
			c := newCheck()
			info := c.Info()
			assert.Equal(t, name, info.Name, "registered under another name than Info().Name")
			assert.NotEmpty(t, info.Prefix)
			assert.NotEmpty(t, info.Short)
			assert.NotSame(t, c, newCheck(), "the constructor must return a fresh check each time")
			p := plugin.NewParser(c) // panics on bad option tags
			seen := map[string]bool{}
			for _, o := range plugin.Options(p) {
				if o.LongName != "" {
					assert.False(t, seen[o.LongName], "--%s defined twice", o.LongName)
					seen[o.LongName] = true
				}
			}
			assert.True(t, seen["host"], "no --host")
		})
	}
}

// TestEnvironmentVariablesHaveTheirProduct holds every option's environment
// variable to a product prefix: a login group without its env-namespace
// tag would read the Unix USER and PASSWORD.
func TestEnvironmentVariablesHaveTheirProduct(t *testing.T) {
	for _, name := range all.Names() {
		t.Run(name, func(t *testing.T) {
			for _, o := range plugin.Options(plugin.NewParser(all.Checks()[name]())) {
				if key := o.EnvKeyWithNamespace(); key != "" && !strings.Contains(key, "_") {
					t.Errorf("--%s reads $%s: give its group an env-namespace (e.g. env-namespace:\"WEBIM\")", o.LongName, key)
				}
			}
		})
	}
}
