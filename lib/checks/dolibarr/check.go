// Package dolibarr is check_dolibarr: a Dolibarr instance, the way the
// WebHost module monitors it: ServerObserver, WebObserver, the core REST
// API's status or a simple URL call (CONTRACT section 8, seed 004).
package dolibarr

import (
	"context"
	"fmt"

	api "github.com/ccmon/webim-checks/lib/dolibarr"
	"github.com/ccmon/webim-checks/lib/httpc"
	"github.com/ccmon/webim-checks/lib/plugin"
)

// The APIs of --api.
const (
	APIServerObserver = "serverobserver"
	APIWebObserver    = "webobserver"
	APIStatus         = "status"
	APIURL            = "url"
)

// Check is check_dolibarr. Use [New] for the defaults.
type Check struct {
	//lint:ignore SA5008 go-flags takes one choice tag per allowed value
	API          string            `long:"api" value-name:"API" choice:"serverobserver" choice:"webobserver" choice:"status" choice:"url" default:"serverobserver" description:"what to ask: the ServerObserver module (version, documents size, disk), WebObserver (token-signed; version, documents size), the core REST API's status (version, locked access), or one GET of the URL (online)"`
	Path         string            `long:"path" value-name:"PATH" description:"path under -H instead of the API's own (/custom/serverobserver/_instance/check.php, /custom/webobserver/public/get-data.php, /api/index.php/status; none for url)"`
	Credentials  api.Credentials   `group:"Dolibarr credentials"`
	WarningDisk  plugin.Range      `long:"warning-disk" value-name:"PERCENT" default:"80" description:"percentage of the server's disk used that warns (range; serverobserver)"`
	CriticalDisk plugin.Range      `long:"critical-disk" value-name:"PERCENT" default:"90" description:"percentage of the server's disk used that is critical (range; serverobserver)"`
	WarningData  plugin.ByteSize   `long:"warning-data" value-name:"SIZE" description:"size of the documents directory that warns: bytes, or with a unit (500MB, 10GiB; 1024-based); serverobserver and webobserver"`
	CriticalData plugin.ByteSize   `long:"critical-data" value-name:"SIZE" description:"size of the documents directory that is critical (e.g. 20GiB)"`
	MinVersion   plugin.MinVersion `long:"min-version" value-name:"X.Y[.Z]" description:"an older Dolibarr version warns (all APIs but url)"`

	// the secrets, loaded by Validate
	apiKey, token plugin.Secret
}

// New returns the check with its defaults.
func New() *Check {
	return &Check{API: APIServerObserver, WarningDisk: *plugin.MustRange("80"), CriticalDisk: *plugin.MustRange("90")}
}

// Info describes the check.
func (c *Check) Info() plugin.Info {
	return plugin.Info{
		Name:    "check_dolibarr",
		Prefix:  "DOLIBARR",
		Product: api.Product,
		Perf: plugin.WithTime([]plugin.PerfDef{
			{Label: "disk_used", Unit: "%", Meaning: "percentage of the server's disk used (serverobserver)"},
			{Label: "disk_free", Unit: "B", Meaning: "free space on the server's disk (serverobserver)"},
			{Label: "data_size", Unit: "B", Meaning: "size of the documents directory (serverobserver, webobserver)"},
		}),
		Short: "Checks a Dolibarr instance as the WebHost module monitors it: ServerObserver (disk, documents size), WebObserver (token-signed), the REST API's status, or a simple URL call.",
		States: []string{
			"OK        the instance answers: online, disk and documents below the thresholds",
			"WARNING   disk use over --warning-disk (80%), documents over --warning-data, an older version than --min-version, access locked (status)",
			"CRITICAL  disk use over --critical-disk (90%) or documents over --critical-data; the instance is down, times out or answers 5xx",
			"UNKNOWN   a refused IP, API key or token (WebObserver's Invalid hash: wrong token or clocks apart), an answer that is not the API's, bad command line",
		},
		Examples: []string{
			"check_dolibarr -H https://erp.example.com --warning-disk 85 --critical-disk 95 --warning-data 10GiB",
			"DOLIBARR_TOKEN=token check_dolibarr -H https://erp.example.com --api webobserver --min-version 18.0",
			"DOLIBARR_API_KEY=key check_dolibarr -H https://erp.example.com --api status",
		},
	}
}

// Validate checks the options together, and loads every secret given,
// whichever API uses it: a file named on the command line is read (through
// the cap, within the deadline) and a bad one is said, never ignored.
func (c *Check) Validate(env *plugin.Env) error {
	var err error
	if c.apiKey, err = env.LoadSecret(c.Credentials.APIKey, c.Credentials.APIKeyFile); err != nil {
		return err
	}
	c.token, err = env.LoadSecret(c.Credentials.Token, c.Credentials.TokenFile)
	return err
}

// Run performs the check.
func (c *Check) Run(ctx context.Context, env *plugin.Env) (*plugin.Result, error) {
	switch c.API {
	case APIWebObserver:
		token, err := required(c.token, "no WebObserver token: set DOLIBARR_TOKEN (or --token-file) to the token of the WebObserver module")
		if err != nil {
			return nil, err
		}
		cl, err := api.New(env, nil)
		if err != nil {
			return nil, err
		}
		in, err := cl.WebObserver(ctx, c.Path, token, env.Now())
		if err != nil {
			return nil, err
		}
		return c.judgeInstance(in), nil
	case APIStatus:
		return c.runStatus(ctx, env)
	case APIURL:
		return c.runURL(ctx, env)
	}
	cl, err := api.New(env, nil)
	if err != nil {
		return nil, err
	}
	in, err := cl.ServerObserver(ctx, c.Path)
	if err != nil {
		return nil, err
	}
	return c.judgeInstance(in), nil
}

// required returns a secret the API needs, or the usage error saying how
// to give it.
func required(s plugin.Secret, missing string) (plugin.Secret, error) {
	if s == "" {
		return "", plugin.Errorf(plugin.ErrUsage, "%s", missing)
	}
	return s, nil
}

// runStatus asks the core REST API with the DOLAPIKEY header.
func (c *Check) runStatus(ctx context.Context, env *plugin.Env) (*plugin.Result, error) {
	key, err := required(c.apiKey, "no API key: set DOLIBARR_API_KEY (or --api-key-file) to the API key of a Dolibarr user")
	if err != nil {
		return nil, err
	}
	cl, err := api.New(env, httpc.Header{Name: "DOLAPIKEY", Value: key})
	if err != nil {
		return nil, err
	}
	st, err := cl.Status(ctx, c.Path)
	if err != nil {
		return nil, err
	}
	var ps plugin.Problems
	res := &plugin.Result{Summary: fmt.Sprintf("Dolibarr %s online (REST API)", st.Version)}
	if st.Locked {
		what := "access is locked: only one login may use the instance (MAIN_ONLY_LOGIN_ALLOWED, as during an upgrade)"
		if st.LockedAs != "1" {
			what = fmt.Sprintf("access is locked: only login %s may use the instance", st.LockedAs)
		}
		ps.Add(plugin.Warning, what)
	}
	c.judgeVersion(&ps, st.Version)
	ps.Apply(res, 3)
	return res, nil
}

// runURL is the simple URL call.
func (c *Check) runURL(ctx context.Context, env *plugin.Env) (*plugin.Result, error) {
	cl, err := api.New(env, nil)
	if err != nil {
		return nil, err
	}
	r, err := cl.Ping(ctx, c.Path)
	if err != nil {
		return nil, err
	}
	res := &plugin.Result{Summary: fmt.Sprintf("online: HTTP %d %s in %.3fs", r.StatusCode, httpStatusText(r.StatusCode), cl.HTTP().Elapsed().Seconds())}
	if loc := r.Header.Get("Location"); r.StatusCode >= 300 && loc != "" {
		res.Summary += fmt.Sprintf(" (a redirect to %s, not followed)", loc)
	}
	res.AddLong("GET %s", r.URL)
	return res, nil
}
