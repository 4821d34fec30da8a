package wa

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/ccmon/webim-checks/lib/httpc"
	"github.com/ccmon/webim-checks/lib/plugin"
)

// Client talks to one WhatsApp Business API client (its Webapp).
type Client struct {
	http *httpc.Client
	auth Auth
}

// New resolves the credentials (see [Credentials.Resolve]) and returns a
// client for the host in env's common options, https by default.
func New(env *plugin.Env, creds Credentials) (*Client, error) {
	a, err := creds.Resolve(env)
	if err != nil {
		return nil, err
	}
	hc, err := httpc.New(env, httpc.Header{Name: "Authorization", Value: a.header()})
	if err != nil {
		return nil, err
	}
	return &Client{http: hc, auth: a}, nil
}

// HTTP returns the underlying client (for the "time" perfdata).
func (c *Client) HTTP() *httpc.Client { return c.http }

// fail turns an answer with a status the endpoint does not document as a
// success into an error of the right kind, quoting the vendor's error body
// when there is one:
//
//	authentication failed (HTTP 401): "Unauthorized" (code 1005)
//	GET /v1/health: HTTP 500 Internal Server Error: "Internal error" (code 1014): ...
func (c *Client) fail(r *httpc.Response) error {
	base := r.Err() // never nil
	said := DescribeErrors(DecodeErrors(r.Body))
	var err error
	switch {
	case errors.Is(base, plugin.ErrAuth):
		msg := base.Error()
		if said != "" {
			msg = fmt.Sprintf("authentication failed (HTTP %d): %s", r.StatusCode, said)
		}
		err = plugin.Errorf(plugin.ErrAuth, "%s; %s", msg, c.authHint())
	case said == "":
		err = base
	case errors.Is(base, plugin.ErrServer):
		err = plugin.Errorf(plugin.ErrServer, "%s: HTTP %s: %s", r.Step, statusText(r.StatusCode), said)
	default:
		err = plugin.Errorf(plugin.ErrStatus, "%s: HTTP %s: %s", r.Step, statusText(r.StatusCode), said)
	}
	return err
}

// authHint says what to look at after a 401/403, by kind of credential.
func (c *Client) authHint() string {
	if c.auth.Scheme == SchemeBearer {
		return fmt.Sprintf("the Bearer token from %s may have expired (tokens last 7 days; an API key does not)", c.auth.Source)
	}
	return fmt.Sprintf("check the API key from %s against the Webapp's WA_API_KEY (restart the Webapp after changing it)", c.auth.Source)
}

func statusText(code int) string {
	if t := http.StatusText(code); t != "" {
		return fmt.Sprintf("%d %s", code, t)
	}
	return fmt.Sprint(code)
}

// Product describes the WhatsApp Business API client for the checks'
// descriptors: https, an API key or a bearer token (seed 002).
var Product = plugin.Product{Name: "WhatsApp Business API", Scheme: "https", Auth: "Authorization: Apikey KEY or Bearer TOKEN"}
