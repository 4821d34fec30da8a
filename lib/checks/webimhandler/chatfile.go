package webimhandler

import (
	"context"
	"encoding/json"
	"io"
	"os"

	"github.com/ccmon/webim-checks/lib/plugin"
)

// maxChatFile bounds what --chat-file reads (CONTRACT section 5: 1 MiB
// for files that are not secrets).
const maxChatFile = 1 << 20

// readChatFile reads the chat JSON of --chat-file through the size cap and
// within the deadline (a FIFO or a hung network file system cannot hold
// the run). The bytes are returned as read, to be signed as they are.
func readChatFile(ctx context.Context, env *plugin.Env, name string) ([]byte, error) {
	type read struct {
		b   []byte
		err error
	}
	env.Step("reading --chat-file " + name)
	done := make(chan read, 1)
	go func() {
		f, err := os.Open(name)
		if err != nil {
			done <- read{nil, err}
			return
		}
		defer f.Close()
		b, err := io.ReadAll(io.LimitReader(f, maxChatFile+1))
		done <- read{b, err}
	}()
	var r read
	select {
	case <-ctx.Done():
		return nil, env.TimeoutError()
	case r = <-done:
	}
	switch {
	case r.err != nil:
		return nil, plugin.Errorf(plugin.ErrUsage, "cannot read --chat-file: %v", r.err)
	case len(r.b) > maxChatFile:
		return nil, plugin.Errorf(plugin.ErrUsage, "--chat-file %s is larger than 1 MiB", name)
	case !json.Valid(r.b):
		return nil, plugin.Errorf(plugin.ErrUsage, "--chat-file %s does not hold JSON (Webim sends the chat as a JSON object)", name)
	}
	return r.b, nil
}
