package webim

import (
	"context"
	"errors"
	"net/url"

	"github.com/ccmon/webim-checks/lib/httpc"
	"github.com/ccmon/webim-checks/lib/plugin"
)

// Login holds the service login flags (HTTP Basic). Seed 000: "Для проверки
// будет необходимо авторизоваться в системе по сервисному логину и паролю".
type Login struct {
	User         string        `short:"U" long:"user" env:"WEBIM_USER" value-name:"USER" description:"Webim service login (HTTP Basic)"`
	Password     plugin.Secret `short:"P" long:"password" env:"WEBIM_PASSWORD" default-mask:"-" value-name:"PASSWORD" description:"service password; prefer WEBIM_PASSWORD or --password-file (the command line shows in ps)"`
	PasswordFile string        `long:"password-file" value-name:"FILE" description:"read the service password from the first line of FILE"`
}

// Client talks to one Webim server.
type Client struct {
	http      *httpc.Client
	anonymous bool
}

// New returns a client for the host in env's common options (https by
// default) with the given login. A login without a user sends no
// credentials.
func New(env *plugin.Env, login Login) (*Client, error) {
	base, err := httpc.BaseURL(env.Common.Host, env.Common.Port, "https", 0)
	if err != nil {
		return nil, err
	}
	pw, err := env.LoadSecret(login.Password, login.PasswordFile)
	if err != nil {
		return nil, err
	}
	var auth httpc.Auth
	if login.User != "" {
		auth = httpc.Basic{User: login.User, Password: pw}
	}
	hc, err := httpc.New(env, base, auth)
	if err != nil {
		return nil, err
	}
	return &Client{http: hc, anonymous: login.User == ""}, nil
}

// HTTP returns the underlying client (for the "time" perfdata).
func (c *Client) HTTP() *httpc.Client { return c.http }

// get fetches path and returns the answer whatever its status; the caller
// decides, with [Client.fail] for the statuses it does not interpret.
func (c *Client) get(ctx context.Context, path string, query url.Values) (*httpc.Response, error) {
	return c.http.Do(ctx, path, query)
}

// fail maps a status the endpoint does not document to an error, adding a
// hint when no login was given.
func (c *Client) fail(r *httpc.Response) error {
	err := r.Err()
	if err != nil && c.anonymous && errors.Is(err, plugin.ErrAuth) {
		return plugin.Errorf(plugin.ErrAuth, "%v; no service login given (-U/WEBIM_USER and -P/WEBIM_PASSWORD)", err)
	}
	return err
}
