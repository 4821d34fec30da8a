package webimhandler

import (
	"encoding/json"

	"github.com/ccmon/webim-checks/lib/plugin"
)

// readChatFile reads the chat JSON of --chat-file through the suite's cap
// for files and within the deadline (a FIFO or a hung network file system
// cannot hold the run). The bytes are returned as read, to be signed as
// they are.
func readChatFile(env *plugin.Env, name string) ([]byte, error) {
	b, err := env.ReadFile("--chat-file", name, plugin.MaxFile)
	if err != nil {
		return nil, err
	}
	if !json.Valid(b) {
		return nil, plugin.Errorf(plugin.ErrUsage, "--chat-file %s does not hold JSON (Webim sends the chat as a JSON object)", name)
	}
	return b, nil
}
