package testutil

import (
	"testing"
	"time"

	"github.com/ccmon/webim-checks/lib/plugin"
)

// LineCase is one run of a check judged by its first line, see
// [RunLineCases].
type LineCase struct {
	// Name names the subtest.
	Name string
	// Args is the whole command line.
	Args []string
	// Code is the expected exit code.
	Code int
	// Want is what the first line starts with; URLs are compared without
	// their scheme and address (see [URLless]).
	Want string
}

// RunLineCases runs newCheck() with the Args of each case, the clock now,
// as a subtest: the run must take at most within (0: no limit), exit with
// Code, and start its first line with Want.
func RunLineCases[C plugin.Check](t *testing.T, newCheck func() C, now func() time.Time, within time.Duration, cases []LineCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.Name, func(t *testing.T) {
			done := Within(t, within)
			code, out, _ := Run(t, newCheck(), now, tc.Args...)
			done()
			AssertFirstLinePrefix(t, code, out, tc.Code, tc.Want)
		})
	}
}
