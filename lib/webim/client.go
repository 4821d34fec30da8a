package webim

import (
	"context"
	"net/url"

	"github.com/ccmon/webim-checks/lib/httpc"
	"github.com/ccmon/webim-checks/lib/plugin"
)

// Client talks to one Webim server.
type Client struct {
	http *httpc.Client
}

// New returns a client for the host in env's common options (https by
// default) with the given login. A login without a user sends no
// credentials.
func New(env *plugin.Env, login plugin.Login) (*Client, error) {
	hc, err := httpc.NewWithLogin(env, httpc.Login{Login: login, What: "service login",
		Scheme: func(u string, p plugin.Secret) httpc.Auth { return httpc.Basic{User: u, Password: p} }})
	if err != nil {
		return nil, err
	}
	return &Client{http: hc}, nil
}

// HTTP returns the underlying client (for the "time" perfdata).
func (c *Client) HTTP() *httpc.Client { return c.http }

// get fetches path and returns the answer whatever its status; the caller
// decides, with [Client.fail] for the statuses it does not interpret.
func (c *Client) get(ctx context.Context, path string, query url.Values) (*httpc.Response, error) {
	return c.http.Do(ctx, path, query)
}

// fail maps a status the endpoint does not document to an error (never nil).
func (c *Client) fail(r *httpc.Response) error { return c.http.Fail(r) }

// expect is [httpc.Client.Expect]: nil only for a documented status.
func (c *Client) expect(r *httpc.Response, documented ...int) error {
	return c.http.Expect(r, documented...)
}

// Product describes Webim for the checks' descriptors: https by default,
// the service login over HTTP Basic (seed 000).
var Product = plugin.Product{Name: "Webim", Scheme: "https", Auth: "HTTP Basic, the Webim service login"}
