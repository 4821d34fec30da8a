package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccmon/webim-checks/lib/checks/all"
	"github.com/ccmon/webim-checks/lib/plugin"
)

// roffText undoes the escapes the page uses, so that the test can look
// for flags and texts as a reader sees them.
func roffText(s string) string {
	return strings.NewReplacer(`\-`, "-", `\fB`, "", `\fI`, "", `\fR`, "", `\fP`, "", `\&`, "", `\e`, `\`).Replace(s)
}

func TestEveryPageDescribesItsCheck(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1700000000")
	for name, newCheck := range all.Checks() {
		t.Run(name, func(t *testing.T) {
			c := newCheck()
			var b bytes.Buffer
			require.NoError(t, page(&b, c, "v9.9.9"))
			text := roffText(b.String())
			assert.True(t, strings.HasPrefix(text, ".TH "+strings.ToUpper(name)+` 1 "14 November 2023" "webim-checks v9.9.9" "Monitoring plugins"`+"\n"), "header: %s", strings.SplitN(text, "\n", 2)[0])
			for _, sec := range []string{".SH NAME", ".SH SYNOPSIS", ".SH DESCRIPTION", ".SH OPTIONS", ".SH EXIT STATUS", ".SH SEE ALSO"} {
				assert.Contains(t, text, "\n"+sec+"\n")
			}
			for _, o := range plugin.Options(plugin.NewParser(c)) {
				if o.LongName != "" {
					assert.Contains(t, text, "--"+o.LongName, "the page does not show --%s", o.LongName)
				}
				if o.ShortName != 0 {
					assert.Contains(t, text, "-"+string(o.ShortName)+", --"+o.LongName)
				}
				if o.EnvKeyWithNamespace() != "" {
					assert.Contains(t, text, ".B "+o.EnvKeyWithNamespace()+"\n", "ENVIRONMENT lacks %s", o.EnvKeyWithNamespace())
				}
			}
			info := c.Info()
			for _, s := range info.States {
				word, rest, _ := strings.Cut(strings.TrimSpace(s), " ")
				assert.Contains(t, text, strings.TrimSpace(rest), "state %s is missing", word)
			}
			for _, e := range info.Examples {
				assert.Contains(t, text, e)
			}
			for _, other := range all.Names() {
				if other != name {
					assert.Contains(t, text, ".BR "+other+" (1)")
				}
			}
		})
	}
}

func TestRoffEscapes(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"dashes", "--password-file", `\-\-password\-file`},
		{"backslash", `a\b`, `a\eb`},
		{"leading dot", ".hidden", `\&.hidden`},
		{"leading quote", "'quoted'", `\&'quoted'`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, roffLine(tt.in))
		})
	}
	assert.Equal(t, `\fB\-\-a\-b\fR x\-y \-v`, escapeDashes(`\fB\-\-a-b\fR x-y -v`))
	assert.Equal(t, ".TP\n\\&.x\n\\&'a\n", escapeLineStarts(".TP\n.x\n'a\n"))
}

// TestPagesRenderWithoutWarnings runs groff over every page, as man does.
func TestPagesRenderWithoutWarnings(t *testing.T) {
	groff, err := exec.LookPath("groff")
	if err != nil {
		t.Skip("groff is not installed")
	}
	dir := t.TempDir()
	require.NoError(t, writeAll(dir, "v1.0.0"))
	pages, err := filepath.Glob(filepath.Join(dir, "*.1"))
	require.NoError(t, err)
	require.Len(t, pages, len(all.Names()))
	for _, p := range pages {
		t.Run(filepath.Base(p), func(t *testing.T) {
			cmd := exec.Command(groff, "-man", "-Tutf8", "-ww", "-z", p)
			cmd.Env = append(os.Environ(), "LC_ALL=C.UTF-8")
			out, err := cmd.CombinedOutput()
			require.NoError(t, err, "%s", out)
			assert.Empty(t, string(out), "groff warnings")
		})
	}
}
