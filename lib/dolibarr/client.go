package dolibarr

import (
	"github.com/ccmon/webim-checks/lib/httpc"
	"github.com/ccmon/webim-checks/lib/plugin"
)

// Credentials are the secrets of the two APIs that have one (CONTRACT
// section 5). ServerObserver and the URL call need none: the module
// allows by IP.
type Credentials struct {
	APIKey     plugin.Secret `long:"api-key" env:"DOLIBARR_API_KEY" default-mask:"-" value-name:"KEY" description:"key of a Dolibarr user for the core REST API (--api status), sent as header DOLAPIKEY; prefer DOLIBARR_API_KEY or --api-key-file (the command line shows in ps)"`
	APIKeyFile string        `long:"api-key-file" value-name:"FILE" description:"read the API key from the first line of FILE"`
	Token      plugin.Secret `long:"token" env:"DOLIBARR_TOKEN" default-mask:"-" value-name:"TOKEN" description:"the WebObserver module's token (--api webobserver), which signs each request; prefer DOLIBARR_TOKEN or --token-file"`
	TokenFile  string        `long:"token-file" value-name:"FILE" description:"read the WebObserver token from the first line of FILE"`
}

// Client talks to one Dolibarr instance.
type Client struct {
	http *httpc.Client
}

// New returns a client for the instance's base URL in env's common
// options (https by default), authenticating with auth (nil for none).
func New(env *plugin.Env, auth httpc.Auth) (*Client, error) {
	hc, err := httpc.New(env, auth)
	if err != nil {
		return nil, err
	}
	return &Client{http: hc}, nil
}

// HTTP returns the underlying client.
func (c *Client) HTTP() *httpc.Client { return c.http }

// Product describes Dolibarr for the checks' descriptors: https by
// default; no authentication (ServerObserver, URL), a token-signed hash
// (WebObserver) or the DOLAPIKEY header (core API).
var Product = plugin.Product{Name: "Dolibarr", Scheme: "https", Auth: "none (ServerObserver allows by IP), the WebObserver token, or the DOLAPIKEY header (REST API)"}
