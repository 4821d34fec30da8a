package webim

import (
	"context"
	"net/url"

	"github.com/ccmon/webim-checks/lib/httpc"
	"github.com/ccmon/webim-checks/lib/plugin"
)

// HandlerLogin holds the flags of the Basic login of a CRM's chat event
// handler. Webim takes it from the userinfo of the handler URL (seed 003:
// "логин и пароль можно указать прямо в URL"); the checks take it from
// flags, the environment or a file instead.
type HandlerLogin struct {
	User         string        `short:"U" long:"user" env:"WEBIM_HANDLER_USER" value-name:"USER" description:"user of the handler's HTTP Basic login, if it has one"`
	Password     plugin.Secret `short:"P" long:"password" env:"WEBIM_HANDLER_PASSWORD" default-mask:"-" value-name:"PASSWORD" description:"password of the handler's login; prefer WEBIM_HANDLER_PASSWORD or --password-file (the command line shows in ps)"`
	PasswordFile string        `long:"password-file" value-name:"FILE" description:"read the handler's password from the first line of FILE"`
}

// Handler talks to one chat event handler of a CRM: -H is its URL.
type Handler struct {
	http *httpc.Client
}

// NewHandler returns a client for the handler URL in env's common options
// (https by default), with login (none without a user).
func NewHandler(env *plugin.Env, login HandlerLogin) (*Handler, error) {
	hc, err := httpc.NewWithLogin(env, httpc.Login{
		User: login.User, Password: login.Password, PasswordFile: login.PasswordFile,
		Scheme: func(u string, p plugin.Secret) httpc.Auth { return httpc.Basic{User: u, Password: p} },
		Hint:   "no handler login given (-U/WEBIM_HANDLER_USER and -P/WEBIM_HANDLER_PASSWORD)",
	})
	if err != nil {
		return nil, err
	}
	return &Handler{http: hc}, nil
}

// HTTP returns the underlying client.
func (h *Handler) HTTP() *httpc.Client { return h.http }

// EventQuery is the query string of a chat event as Webim sends it (seed
// 003): "chat", the chat JSON, and the signature field with its value.
func EventQuery(chat []byte, field, value string) url.Values {
	return url.Values{"chat": {string(chat)}, field: {value}}
}

// Send posts a chat event to the handler as Webim does (seed 003): POST,
// the data in the query string, an empty body, Content-Type
// application/x-www-form-urlencoded. Any status is returned as an answer;
// the caller judges it.
func (h *Handler) Send(ctx context.Context, chat []byte, field, value string) (*httpc.Response, error) {
	return h.http.Post(ctx, "", EventQuery(chat, field, value))
}

// Fail maps an answer that is not a 2xx to an error (401/403: an
// authentication failure, with a hint when no login was given).
func (h *Handler) Fail(r *httpc.Response) error { return h.http.Fail(r) }
