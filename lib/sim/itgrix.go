package sim

import "net/http"

// itgrixProduct: the Itgrix status API of seed 001 (filled in by the Itgrix work).
func itgrixProduct() product {
	return product{
		owns:    func(path string) bool { return path == "/status" },
		auth:    func(s *Server, w http.ResponseWriter, r *http.Request) bool { return true },
		healthy: map[string]Answer{},
	}
}

// Credentials the simulator accepts for the Itgrix admin panel (HTTP Digest).
const (
	ItgrixUser     = "admin"
	ItgrixPassword = "itgrix-secret"
)
