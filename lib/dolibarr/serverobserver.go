package dolibarr

import (
	"bytes"
	"context"
	"net/http"

	"github.com/ccmon/webim-checks/lib/httpc"
	"github.com/ccmon/webim-checks/lib/plugin"
)

// ServerObserverPath is the script of the ServerObserver module that
// WebHost's "Server observer API V1" calls (seed 004); the module allows
// callers by IP, with no token.
const ServerObserverPath = "/custom/serverobserver/_instance/check.php"

// mb is ServerObserver's unit of directory sizes.
const mb = 1 << 20

// ServerObserver asks the ServerObserver module for the instance's
// version, documents size and disk space (path "" for the default).
func (c *Client) ServerObserver(ctx context.Context, path string) (*Instance, error) {
	if path == "" {
		path = ServerObserverPath
	}
	r, err := c.http.Do(ctx, path, nil)
	if err != nil {
		return nil, err
	}
	if r.StatusCode != http.StatusOK {
		return nil, failIPAllowList(r)
	}
	return DecodeServerObserver(r)
}

// DecodeServerObserver reads an answer of check.php: dolibarr.version,
// dolibarr.data.size in MB and server_info's strings ("12.34 GB",
// "45.67 %"), all required.
func DecodeServerObserver(r *httpc.Response) (*Instance, error) {
	const want = `a JSON object {"apiversion": ..., "dolibarr": {...}, "server_info": {...}}`
	in, a, err := decodeObserver(r, "serverobserver", want, mb)
	if err != nil {
		return nil, err
	}
	si := a.ServerInfo
	if si == nil {
		return nil, plugin.Errorf(plugin.ErrDecode, "serverobserver: the answer has no server_info (is this WebObserver? try --api webobserver)")
	}
	var d Disk
	for _, f := range []struct {
		name, s string
		v       *int64
	}{{"espace_total", si.EspaceTotal, &d.Total}, {"espace_used", si.EspaceUsed, &d.Used}, {"espace_restant", si.EspaceRestant, &d.Free}} {
		if *f.v, err = ParseSize(f.s); err != nil {
			return nil, plugin.Errorf(plugin.ErrDecode, "serverobserver: server_info.%s: %v", f.name, err)
		}
	}
	if d.PercentUsed, err = ParsePercent(si.PercentUsed); err != nil {
		return nil, plugin.Errorf(plugin.ErrDecode, "serverobserver: server_info.percent_used: %v", err)
	}
	in.Disk = &d
	return in, nil
}

// failIPAllowList is the error of a status check.php does not document;
// a 401/403 most likely means this host is not in the module's IP list.
func failIPAllowList(r *httpc.Response) error {
	err := r.Err()
	if r.StatusCode == http.StatusUnauthorized || r.StatusCode == http.StatusForbidden {
		return plugin.Errorf(plugin.ErrAuth, "%v: is this host's address in the ServerObserver module's allowed IPs?", err)
	}
	if err == nil { // another 2xx
		return plugin.Errorf(plugin.ErrStatus, "%s: HTTP %d, expected 200", r.Step, r.StatusCode)
	}
	return err
}

// decodeObserver decodes what both observer modules share; unit is the
// unit of the sizes in bytes (MB for ServerObserver, 1 for WebObserver).
func decodeObserver(r *httpc.Response, api, want string, unit float64) (*Instance, *observerAnswer, error) {
	var a observerAnswer
	if err := httpc.DecodeJSON(jsonBody(r), api, want, &a); err != nil {
		return nil, nil, err
	}
	if a.Dolibarr == nil || a.Dolibarr.Version == nil || *a.Dolibarr.Version == "" {
		return nil, nil, plugin.Errorf(plugin.ErrDecode, "%s: the answer has no dolibarr.version (%s)", api, httpc.Describe(r.Body, ""))
	}
	in := &Instance{API: api, Version: *a.Dolibarr.Version}
	if a.APIVersion != nil {
		in.APIVersion = *a.APIVersion
	}
	if d := a.Dolibarr.Data; d != nil && d.Size != nil {
		b := float64(*d.Size) * unit
		if b > maxBytes {
			return nil, nil, plugin.Errorf(plugin.ErrDecode, "%s: dolibarr.data.size %v is larger than any disk", api, float64(*d.Size))
		}
		in.DataPath, in.DataSize, in.HasData = d.Path, int64(b), true
	}
	return in, &a, nil
}

// jsonBody returns r, or a copy of it without its Content-Type when the
// body is a JSON object: PHP modules often send JSON as text/html, which
// DecodeJSON would otherwise take for a page.
func jsonBody(r *httpc.Response) *httpc.Response {
	if !bytes.HasPrefix(bytes.TrimSpace(r.Body), []byte("{")) || r.Header.Get("Content-Type") == "" {
		return r
	}
	c := *r
	c.Header = r.Header.Clone()
	c.Header.Del("Content-Type")
	return &c
}
