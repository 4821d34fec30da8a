package checks_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccmon/webim-checks/lib/sim"
)

// TestSignalDuringRequest: SIGTERM or SIGINT while a check waits for a
// hung server prints the usual one line naming the signal and the step,
// and exits 3 (CONTRACT section 1), in the binary an engine runs.
func TestSignalDuringRequest(t *testing.T) {
	dir := binaries(t)
	for _, tt := range []struct {
		sig  syscall.Signal
		name string
	}{{syscall.SIGTERM, "SIGTERM"}, {syscall.SIGINT, "SIGINT"}} {
		t.Run(tt.name, func(t *testing.T) {
			arrived := make(chan struct{}, 1)
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				arrived <- struct{}{}
				<-r.Context().Done() // hang until the client goes away
			}))
			t.Cleanup(srv.Close)
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			var out, errb bytes.Buffer
			cmd := exec.CommandContext(ctx, filepath.Join(dir, "check_webim_db"), "-H", srv.URL, "-t", "60")
			cmd.Env = append(os.Environ(), sim.Env()...)
			cmd.Stdout, cmd.Stderr = &out, &errb
			require.NoError(t, cmd.Start())
			select {
			case <-arrived: // the check is now waiting for the answer
			case <-ctx.Done():
				t.Fatal("the request never arrived")
			}
			require.NoError(t, cmd.Process.Signal(tt.sig))
			err := cmd.Wait()
			var exit *exec.ExitError
			require.True(t, errors.As(err, &exit), "exit: %v", err)
			assert.Equal(t, 3, exit.ExitCode(), "killed by the signal instead of exiting 3? %v", err)
			want := "WEBIM DB UNKNOWN - interrupted by " + tt.name + " while waiting for GET " + srv.URL + "/l/a/monitor/connect-to-db\n"
			assert.Equal(t, want, out.String())
			assert.Empty(t, errb.String())
			assert.Equal(t, 1, strings.Count(out.String(), "\n"))
		})
	}
}
