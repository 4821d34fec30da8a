package webimhandler

import (
	"fmt"

	"github.com/ccmon/webim-checks/lib/httpc"
	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/webim"
)

// maxShown bounds how much of the chat and of the URL --dry-run prints,
// so that the output stays within the engines' 4 KiB.
const maxShown = 1500

// dryRun describes the request the check would send, and sends nothing:
// method, URL with its query, headers, the signature and the chat. The
// key and the password are never shown (the password only as ****).
func (c *Check) dryRun(env *plugin.Env, ev event) (*plugin.Result, error) {
	base, err := env.Target()
	if err != nil {
		return nil, err
	}
	pw, err := env.LoadSecret(c.Login.Password, c.Login.PasswordFile)
	if err != nil {
		return nil, err
	}
	target := httpc.Join(base, "", webim.EventQuery(ev.chat, ev.field, ev.value))
	res := &plugin.Result{Summary: fmt.Sprintf("dry run: would POST %s signed with %s to %s; nothing sent",
		c.what(), c.signing(), httpc.Join(base, "", nil))}
	res.AddLong("POST %s", abbreviate(target))
	res.AddLong("Content-Type: application/x-www-form-urlencoded")
	res.AddLong("Content-Length: 0 (the data is in the query string, the body is empty)")
	res.AddLong("User-Agent: %s/%s", plugin.Suite, plugin.Version)
	switch {
	case c.Login.User != "":
		res.AddLong("Authorization: Basic **** (user %s, password %s)", c.Login.User, redacted(pw))
	default:
		res.AddLong("no Authorization header (no handler login given)")
	}
	res.AddLong("%s=%s (with the private key ****)", ev.field, ev.value)
	res.AddLong("chat=%s", abbreviate(string(ev.chat)))
	return res, nil
}

func redacted(s plugin.Secret) string {
	if s == "" {
		return "not set"
	}
	return "****"
}

// abbreviate cuts s to maxShown bytes (at a character boundary), saying
// how much was left out.
func abbreviate(s string) string {
	if len(s) <= maxShown {
		return s
	}
	cut := maxShown
	for cut > 0 && s[cut]&0xC0 == 0x80 {
		cut--
	}
	return fmt.Sprintf("%s... (%d more bytes)", s[:cut], len(s)-cut)
}
