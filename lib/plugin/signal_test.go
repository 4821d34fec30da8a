package plugin_test

import (
	"bytes"
	"context"
	"os"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/ccmon/webim-checks/lib/plugin"
)

// TestRunnerSignal: a signal while the check waits ends the run with the
// one line naming the signal and the step, exit 3, in any format.
func TestRunnerSignal(t *testing.T) {
	tests := []struct {
		name string
		sig  os.Signal
		args []string
		want string
	}{
		{"SIGTERM", syscall.SIGTERM, nil, "FAKE UNKNOWN - interrupted by SIGTERM while waiting for GET https://h/slow\n"},
		{"SIGINT", syscall.SIGINT, nil, "FAKE UNKNOWN - interrupted by SIGINT while waiting for GET https://h/slow\n"},
		{"json", syscall.SIGTERM, []string{"--format", "json"}, `{"state":"UNKNOWN","code":3,"prefix":"FAKE","summary":"interrupted by SIGTERM while waiting for GET https://h/slow","long":[],"perfdata":[]}` + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			waiting, release := make(chan struct{}), make(chan struct{})
			defer close(release)
			c := &fakeCheck{run: func(_ context.Context, env *plugin.Env, _ *fakeCheck) (*plugin.Result, error) {
				env.Step("GET https://h/slow")
				close(waiting)
				<-release
				return &plugin.Result{Summary: "too late"}, nil
			}}
			sig := make(chan os.Signal, 1)
			go func() {
				<-waiting
				sig <- tt.sig
			}()
			var out bytes.Buffer
			code := plugin.Runner{Args: append([]string{"-H", "h", "-t", "60"}, tt.args...), Stdout: &out, Stderr: &out, Signals: sig}.Run(context.Background(), c)
			assert.Equal(t, 3, code)
			assert.Equal(t, tt.want, out.String())
		})
	}
}
