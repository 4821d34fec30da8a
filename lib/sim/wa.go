package sim

import (
	"net/http"
	"strings"
)

// waProduct: the WhatsApp Business API health node of seed 002 (filled in by the WhatsApp work).
func waProduct() product {
	return product{
		owns:    func(path string) bool { return strings.HasPrefix(path, "/v1/") },
		auth:    func(s *Server, w http.ResponseWriter, r *http.Request) bool { return true },
		healthy: map[string]Answer{},
	}
}

// Credentials the simulator accepts for the WhatsApp Business API.
const (
	WAAPIKey = "sim-api-key-0123456789"
	WAToken  = "sim-bearer-token-abcdef"
)
