package dolibarr

import (
	"context"

	"github.com/ccmon/webim-checks/lib/httpc"
	"github.com/ccmon/webim-checks/lib/plugin"
)

// Ping is WebHost's "Simple appel d'url" (seed 004): one GET of the
// instance's URL (plus path), online when it answers 2xx or a redirect
// that is not followed. Another status is an error of its kind.
func (c *Client) Ping(ctx context.Context, path string) (*httpc.Response, error) {
	r, err := c.http.Do(ctx, path, nil)
	if err != nil {
		return nil, err
	}
	switch {
	case r.StatusCode < 100 || r.StatusCode > 599:
		return nil, plugin.Errorf(plugin.ErrStatus, "%s: %d is not an HTTP status", r.Step, r.StatusCode)
	case r.StatusCode >= 200 && r.StatusCode < 400:
		return r, nil
	case r.StatusCode < 200:
		return nil, plugin.Errorf(plugin.ErrStatus, "%s: HTTP %d, an informational status is not an answer", r.Step, r.StatusCode)
	}
	return nil, r.Err() // 401/403 authentication, 5xx server error, other 4xx
}
