package plugin_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"

	"github.com/ccmon/webim-checks/lib/plugin"
)

func TestLabelStem(t *testing.T) {
	for _, tc := range []struct {
		name, in, suffix, want string
	}{
		{"short name kept", "demo", "_errors", "demo"},
		{"sanitised", "my shop=1", "_errors", "my_shop1"},
		{"cut to leave room", strings.Repeat("a", 70), "_errors", strings.Repeat("a", 57)},
		{"cut between characters", strings.Repeat("a", 56) + "жж", "_errors", strings.Repeat("a", 56)},
		{"empty", "", "_runs", "_"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := plugin.LabelStem(tc.in, tc.suffix)
			assert.Equal(t, tc.want, got)
			assert.True(t, utf8.ValidString(got))
			assert.LessOrEqual(t, len(got+tc.suffix), plugin.MaxLabel)
		})
	}
}
