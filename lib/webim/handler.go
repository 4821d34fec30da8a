package webim

import (
	"context"
	"net/url"

	"github.com/ccmon/webim-checks/lib/httpc"
	"github.com/ccmon/webim-checks/lib/plugin"
)

// Handler talks to one chat event handler of a CRM: -H is its URL.
type Handler struct {
	http *httpc.Client
}

// NewHandler returns a client for the handler URL in env's common options
// (https by default), with login (none without a user).
func NewHandler(env *plugin.Env, login plugin.Login) (*Handler, error) {
	hc, err := httpc.NewWithLogin(env, httpc.Login{Login: login, What: "handler login",
		Scheme: func(u string, p plugin.Secret) httpc.Auth { return httpc.Basic{User: u, Password: p} }})
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
