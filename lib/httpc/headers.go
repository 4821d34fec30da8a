package httpc

import (
	"net/http"

	"github.com/ccmon/webim-checks/lib/plugin"
)

// setHeaders adds the headers of --header to req (CONTRACT section 5). A
// header given replaces the suite's own of that name (User-Agent,
// Accept); several of one name are all sent; Host sets the Host header.
// Their secret values were registered for redaction when parsed, and a
// client with a secret header does not follow a redirect to another host.
func setHeaders(req *http.Request, hs plugin.Headers) {
	seen := map[string]bool{}
	for _, h := range hs {
		name := http.CanonicalHeaderKey(h.Name)
		if name == "Host" {
			req.Host = h.Value
			continue
		}
		if !seen[name] {
			req.Header.Del(name)
			seen[name] = true
		}
		req.Header.Add(name, h.Value)
	}
}
