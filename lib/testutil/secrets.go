package testutil

import (
	"strings"
	"testing"
	"time"

	"github.com/ccmon/webim-checks/lib/plugin"
)

// SecretCase is a run with a secret on the command line, see
// [RunSecretCases].
type SecretCase struct {
	// Name names the subtest.
	Name string
	// Secret is the password, token or key given.
	Secret string
	// Code is the expected exit code.
	Code int
	// Want is what the output starts with.
	Want string
}

// RunSecretCases runs newCheck() for each case with args(Secret) and -vvv
// (the HTTP trace on), the clock fixed at now, as a subtest: it must exit
// with Code and start with Want, show the configuration with --flag
// masked, trace the request with the header redacted (e.g. "Cookie:
// ****"), and print the secret nowhere, accepted or rejected.
func RunSecretCases[C plugin.Check](t *testing.T, newCheck func() C, now time.Time, flag, redacted string, args func(secret string) []string, cases []SecretCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.Name, func(t *testing.T) {
			code, stdout, stderr := Run(t, newCheck(), Fixed(now), append(args(tc.Secret), "-vvv")...)
			if code != tc.Code || !strings.HasPrefix(stdout, tc.Want) {
				t.Fatalf("exit %d, output\n%s\nwant exit %d, output starting %q", code, stdout, tc.Code, tc.Want)
			}
			if !strings.Contains(stderr, "> GET ") || !strings.Contains(stderr, "> "+redacted) {
				t.Errorf("the -vvv trace lacks the request with a redacted %q:\n%s", redacted, stderr)
			}
			if !strings.Contains(stdout, "config: --"+flag+"=****") {
				t.Errorf("-vvv does not show the configuration with --%s masked:\n%s", flag, stdout)
			}
			AssertNotPrinted(t, tc.Secret, stdout, stderr)
		})
	}
}
