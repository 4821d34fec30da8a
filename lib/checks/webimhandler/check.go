// Package webimhandler is check_webim_handler: does a CRM's chat event
// handler take the events Webim sends it? A signed synthetic chat event,
// POSTed exactly as Webim does (CONTRACT section 8, seed 003).
package webimhandler

import (
	"context"
	"fmt"
	"net/http"

	"github.com/ccmon/webim-checks/lib/httpc"
	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/webim"
)

// Check is check_webim_handler. The zero value is ready to parse flags into.
type Check struct {
	Login          plugin.Login  `group:"CRM handler login (HTTP Basic, if the handler has one)" env-namespace:"WEBIM_HANDLER"`
	PrivateKey     plugin.Secret `long:"private-key" env:"WEBIM_PRIVATE_KEY" default-mask:"-" value-name:"KEY" description:"the account's first private key, which signs the event (required); prefer WEBIM_PRIVATE_KEY or --private-key-file (the command line shows in ps)"`
	PrivateKeyFile string        `long:"private-key-file" value-name:"FILE" description:"read the private key from the first line of FILE"`
	//lint:ignore SA5008 go-flags takes one choice tag per allowed value
	Event           string `long:"event" value-name:"EVENT" choice:"chat_started" choice:"chat_assigned" choice:"chat_closed" default:"chat_started" description:"the event to simulate; chat_assigned and chat_closed carry an operator"`
	Department      string `long:"department" value-name:"KEY" default:"monitoring-probe" description:"department_key of the synthetic chat, by which the CRM recognises a probe"`
	HandlersVersion int    `long:"handlers-version" value-name:"N" default:"4" description:"the account's chat_event_handlers_version: 4 and later sign with HMAC-SHA256 (field signature), below 4 with MD5 (field crc)"`
	ChatFile        string `long:"chat-file" value-name:"FILE" description:"send the chat JSON of FILE (at most 1 MiB) instead of the synthetic one, signed byte for byte as read"`
	Forged          bool   `long:"forged" description:"then send the same event with a wrong signature: a handler that accepts it can be fooled by anyone"`
	//lint:ignore SA5008 go-flags takes one choice tag per allowed value
	ForgedState string `long:"forged-state" value-name:"STATE" choice:"WARNING" choice:"CRITICAL" default:"WARNING" description:"the state when the handler accepts a forged event"`
	DryRun      bool   `long:"dry-run" description:"print the request that would be sent (key and password redacted) and exit OK, sending nothing"`
	plugin.ResponseTime
}

// New returns the check with its defaults.
func New() *Check {
	return &Check{Event: webim.EventChatStarted, Department: webim.ProbeDepartment, HandlersVersion: webim.SignatureVersion, ForgedState: "WARNING"}
}

// Info describes the check.
func (c *Check) Info() plugin.Info {
	return plugin.Info{
		Name:       "check_webim_handler",
		Prefix:     "WEBIM HANDLER",
		StatusOnly: true,
		Product:    plugin.Product{Name: "Webim chat event handler (CRM)", Scheme: "https", Auth: "HTTP Basic, the handler's login (optional); events signed with the account's private key"},
		Perf: []plugin.PerfDef{
			{Label: "time", Unit: "s", Meaning: "seconds the handler took to answer the signed event, retries included"},
			{Label: "forged_time", Unit: "s", Meaning: "seconds the handler took to answer the forged event (with --forged)"},
		},
		Short: "Checks that a CRM's Webim chat event handler accepts a signed synthetic chat event, sent exactly as Webim sends it (POST, data in the query string).",
		States: []string{
			"OK        the handler answered 2xx",
			"WARNING   slower than -w seconds; or, with --forged, the handler accepted an event with a wrong signature",
			"CRITICAL  the handler answered another status (a refused signature, 404, 5xx), is down or times out; slower than -c",
			"UNKNOWN   the handler's login was refused (HTTP 401/403), no private key, bad command line",
		},
		Examples: []string{
			"WEBIM_PRIVATE_KEY=key check_webim_handler -H https://crm.example.com/handler/webim_chat_start.php --forged",
			"WEBIM_PRIVATE_KEY=key WEBIM_HANDLER_USER=crm WEBIM_HANDLER_PASSWORD=pw check_webim_handler -H https://crm.example.com/webim/closed --event chat_closed -w 2 -c 5",
			"WEBIM_PRIVATE_KEY=key check_webim_handler -H https://crm.example.com/webim/start --handlers-version 3 --dry-run",
		},
	}
}

// Validate checks the options together.
func (c *Check) Validate(*plugin.Env) error {
	if c.HandlersVersion < 1 || c.HandlersVersion > 99 {
		return plugin.Errorf(plugin.ErrUsage, "--handlers-version %d: want the account's chat_event_handlers_version, 1 or more", c.HandlersVersion)
	}
	if c.ChatFile != "" && (c.Event != webim.EventChatStarted || c.Department != webim.ProbeDepartment) {
		return plugin.Errorf(plugin.ErrUsage, "--chat-file sends the file as it is: --event and --department do not apply")
	}
	return nil
}

// event is the request the check sends: the chat and its signature.
type event struct {
	chat         []byte
	field, value string
}

// Run performs the check.
func (c *Check) Run(ctx context.Context, env *plugin.Env) (*plugin.Result, error) {
	key, err := c.key(env)
	if err != nil {
		return nil, err
	}
	ev, err := c.event(ctx, env, key)
	if err != nil {
		return nil, err
	}
	if c.DryRun {
		return c.dryRun(env, ev)
	}
	h, err := webim.NewHandler(env, c.Login)
	if err != nil {
		return nil, err
	}
	r, err := h.Send(ctx, ev.chat, ev.field, ev.value)
	if err != nil {
		return nil, err
	}
	elapsed := h.HTTP().Elapsed()
	res, accepted, err := c.judge(h, r, elapsed.Seconds())
	if err != nil || !c.Forged {
		return res, err
	}
	if !accepted {
		res.AddLong("forged event not sent: the handler did not accept the genuine one")
		return res, nil
	}
	if err := c.forge(ctx, res, h, key, ev); err != nil {
		return nil, err
	}
	th := res.TimeThresholds
	res.AddPerf(plugin.Perf{Label: "time", Value: elapsed.Seconds(), Unit: "s", Warn: th.Warn, Crit: th.Crit, Min: plugin.Float(0)},
		plugin.Perf{Label: "forged_time", Value: (h.HTTP().Elapsed() - elapsed).Seconds(), Unit: "s", Min: plugin.Float(0)})
	return res, nil
}

// key loads the private key (the file wins over the flag and the
// environment); it is required.
func (c *Check) key(env *plugin.Env) (string, error) {
	k, err := env.LoadSecret(c.PrivateKey, c.PrivateKeyFile)
	if err != nil {
		return "", err
	}
	if k == "" {
		return "", plugin.Errorf(plugin.ErrUsage, "no private key: set WEBIM_PRIVATE_KEY (or --private-key-file) to the account's first private key, which signs the events")
	}
	return k.Reveal(), nil
}

// event builds the chat (synthetic or from --chat-file) and signs it.
func (c *Check) event(ctx context.Context, env *plugin.Env, key string) (event, error) {
	var chat []byte
	var err error
	if c.ChatFile != "" {
		chat, err = readChatFile(env, c.ChatFile)
	} else {
		chat, err = webim.ProbeChat(c.Event, c.Department, env.Now())
	}
	if err != nil {
		return event{}, err
	}
	field, value := webim.Sign(chat, key, c.HandlersVersion)
	return event{chat: chat, field: field, value: value}, nil
}

// what names the event and its signature for messages.
func (c *Check) what() string {
	if c.ChatFile != "" {
		return "the chat of " + c.ChatFile
	}
	return c.Event
}

// judge turns the handler's answer to the signed event into a result,
// and says whether the handler accepted the event.
func (c *Check) judge(h *webim.Handler, r *httpc.Response, elapsed float64) (*plugin.Result, bool, error) {
	res := &plugin.Result{TimeThresholds: c.ResponseTime.Thresholds()}
	switch {
	case r.StatusCode < 100 || r.StatusCode > 599:
		return nil, false, plugin.Errorf(plugin.ErrStatus, "%s: %d is not an HTTP status", r.Step, r.StatusCode)
	case r.StatusCode == http.StatusUnauthorized || r.StatusCode == http.StatusForbidden:
		return nil, false, authError(h, r)
	case r.StatusCode < 200 || r.StatusCode > 299:
		res.State = plugin.Critical
		res.Summary = fmt.Sprintf("the handler did not accept %s: HTTP %s%s", c.what(), status(r), quote(r))
		res.AddLong("sent signed with %s, as Webim signs its events", c.signing())
		if r.StatusCode >= 400 && r.StatusCode < 500 {
			res.AddLong("if the handler says the signature is wrong, compare --private-key with the account's first private key and --handlers-version with its chat_event_handlers_version")
		}
		return res, false, nil
	}
	res.Summary = fmt.Sprintf("the handler accepted %s in %.3fs (HTTP %s)", c.what(), elapsed, status(r))
	res.JudgeTime(elapsed, func(took string) string {
		return fmt.Sprintf("the handler took %s to accept %s (HTTP %s)", took, c.what(), status(r))
	})
	res.AddLong("signed with %s", c.signing())
	return res, true, nil
}

// forge sends the event again with a wrong signature and judges whether
// the handler accepts it.
func (c *Check) forge(ctx context.Context, res *plugin.Result, h *webim.Handler, key string, ev event) error {
	_, wrong := webim.Sign(ev.chat, key+"-forged", c.HandlersVersion)
	r, err := h.Send(ctx, ev.chat, ev.field, wrong)
	if err != nil {
		return err
	}
	if r.StatusCode < 200 || r.StatusCode > 299 {
		res.AddLong("the handler refused an event with a wrong %s: HTTP %s%s (as it should)", ev.field, status(r), quote(r))
		return nil
	}
	st, _ := plugin.ParseState(c.ForgedState)
	res.Raise(st)
	slow := res.Summary
	res.Summary = fmt.Sprintf("the handler accepts chat events with a wrong %s: anyone can forge them (HTTP %s)", ev.field, status(r))
	res.Long = append([]string{slow}, res.Long...)
	return nil
}

// authError is the error of a 401/403, which may also be a handler
// refusing the signature with 403.
func authError(h *webim.Handler, r *httpc.Response) error {
	err := h.Fail(r)
	if r.StatusCode == 403 {
		return plugin.Errorf(plugin.ErrAuth, "%v: the handler refused the login, or the signature (is the private key the account's first one?)%s", err, quote(r))
	}
	return err
}

// signing says how the event is signed: "signature (HMAC-SHA256,
// handlers version 4)".
func (c *Check) signing() string {
	if c.HandlersVersion >= webim.SignatureVersion {
		return fmt.Sprintf("signature (HMAC-SHA256, handlers version %d)", c.HandlersVersion)
	}
	return fmt.Sprintf("crc (MD5, handlers version %d)", c.HandlersVersion)
}

func status(r *httpc.Response) string {
	if t := http.StatusText(r.StatusCode); t != "" {
		return fmt.Sprintf("%d %s", r.StatusCode, t)
	}
	return fmt.Sprint(r.StatusCode)
}

// quote is the start of the answer, for messages: ` ("invalid signature")`.
func quote(r *httpc.Response) string {
	if d := httpc.Describe(r.Body, r.Header.Get("Content-Type")); d != "" {
		return " (" + d + ")"
	}
	return ""
}
