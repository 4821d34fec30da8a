package itgrix

import (
	"context"

	"github.com/ccmon/webim-checks/lib/httpc"
	"github.com/ccmon/webim-checks/lib/plugin"
)

// DefaultPort is the port of the status API when -H names no port (seed
// 001: "<Asterisk IP>:8077/status").
const DefaultPort = 8077

// Client talks to the status API of one Itgrix installation.
type Client struct {
	http *httpc.Client
}

// New returns a client for the host in env's common options: a host
// without scheme or port means http://HOST:8077. A login without a user
// sends no credentials.
func New(env *plugin.Env, login plugin.Login) (*Client, error) {
	hc, err := httpc.NewWithLogin(env, httpc.Login{Login: login, What: "admin panel login",
		Scheme: func(u string, p plugin.Secret) httpc.Auth { return httpc.Digest{User: u, Password: p} }})
	if err != nil {
		return nil, err
	}
	return &Client{http: hc}, nil
}

// HTTP returns the underlying client (for the "time" perfdata).
func (c *Client) HTTP() *httpc.Client { return c.http }

// FetchStatus is what both Itgrix checks do first: a client for env's host
// with login and one GET /status.
func FetchStatus(ctx context.Context, env *plugin.Env, login plugin.Login) (*Status, error) {
	cl, err := New(env, login)
	if err != nil {
		return nil, err
	}
	return cl.Status(ctx)
}

// Product describes Itgrix for the checks' descriptors: the status API on
// http port 8077 behind the admin panel login over HTTP Digest (seed 001).
var Product = plugin.Product{Name: "Itgrix", Scheme: "http", Port: 8077, Auth: "HTTP Digest, the admin panel login"}
