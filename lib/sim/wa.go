package sim

import (
	"io/fs"
	"net/http"
	"strings"
)

// Credentials the simulator accepts for the WhatsApp Business API.
const (
	WAAPIKey = "sim-api-key-0123456789"
	WAToken  = "sim-bearer-token-abcdef"
)

// waProduct: the health node of the WhatsApp Business API client (seed
// 002), GET /v1/health with "Authorization: Apikey KEY" or "Bearer TOKEN".
// Any other Authorization is answered 401 with the vendor's error body.
func waProduct() product {
	return product{
		owns: func(path string) bool { return strings.HasPrefix(path, "/v1/") },
		auth: func(s *Server, w http.ResponseWriter, r *http.Request) bool {
			scheme, cred, _ := strings.Cut(r.Header.Get("Authorization"), " ")
			switch {
			case strings.EqualFold(scheme, "Apikey") && cred == WAAPIKey:
				return true
			case strings.EqualFold(scheme, "Bearer") && cred == WAToken:
				return true
			}
			body, err := fs.ReadFile(s.fixtures, "wa/errors/unauthorized.json")
			if err != nil {
				body = []byte(`{"errors": [{"code": 1005, "title": "Unauthorized"}]}`)
			}
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusUnauthorized)
			w.Write(body)
			return false
		},
	}
}
