package sim

import (
	"net/http"
)

// WebimAuthToken is the agent session token the simulator accepts in the
// WEBIM_AUTH_TOKEN cookie of /l/o/pingservice.
const WebimAuthToken = "sim-agent-token-7f3a9c"

// webimPingProduct: GET /l/o/pingservice of seed 000, authenticated by
// the Agent Frontend's session cookie instead of the service login (so it
// comes before webimProduct, which owns the other /l/ paths). Its answers
// are fixtures with sidecars in testdata/webim/pingservice/.
func webimPingProduct() product {
	return product{
		owns: func(path string) bool { return path == "/l/o/pingservice" },
		auth: func(_ *Server, w http.ResponseWriter, r *http.Request) bool {
			c, err := r.Cookie("WEBIM_AUTH_TOKEN")
			if err != nil || c.Value != WebimAuthToken {
				// what the Agent Frontend's backend does with a missing
				// or expired session
				http.Error(w, `{"error": "not authorized"}`, http.StatusUnauthorized)
				return false
			}
			q := r.URL.Query()
			if q.Get("pinger-id") == "" || q.Get("ts") == "" {
				// seed 000: missing query parameters give a 4xx
				http.Error(w, `{"error": "missing pinger-id or ts"}`, http.StatusBadRequest)
				return false
			}
			return true
		},
	}
}
