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

// waHealthPath is the health node of seed 002.
const waHealthPath = "/v1/health"

// waProduct: the health node of the WhatsApp Business API client (seed
// 002), GET /v1/health with "Authorization: Apikey KEY" or "Bearer TOKEN".
// Any other Authorization is answered 401 with the vendor's error body.
func waProduct() product {
	health := func(name string) map[string]Answer {
		return map[string]Answer{waHealthPath: fixture("wa/health/" + name + ".json")}
	}
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
		healthy: health("connected"),
		scenarios: []Scenario{
			{Name: "wa-connected", Doc: "WhatsApp: single instance connected (check_wa_gateway OK)", Answers: health("connected")},
			{Name: "wa-connecting", Doc: "WhatsApp: single instance connecting, healthy for the vendor (check_wa_gateway OK)", Answers: health("connecting")},
			{Name: "wa-uninitialized", Doc: "WhatsApp: single instance uninitialized, start-up or schema upgrade (check_wa_gateway WARNING)", Answers: health("uninitialized")},
			{Name: "wa-unregistered", Doc: "WhatsApp: single instance unregistered (check_wa_gateway CRITICAL)", Answers: health("unregistered")},
			{Name: "wa-disconnected", Doc: "WhatsApp: single instance disconnected from WhatsApp (check_wa_gateway CRITICAL)", Answers: health("disconnected")},
			{Name: "wa-ha-ok", Doc: "WhatsApp: high availability, one coreapp connected, masters and the other coreapp disconnected (check_wa_gateway OK)", Answers: health("ha-ok")},
			{Name: "wa-ha-none", Doc: "WhatsApp: high availability, no coreapp connected (check_wa_gateway CRITICAL)", Answers: health("ha-none")},
			{Name: "wa-ha-two", Doc: "WhatsApp: high availability, two coreapps connected (check_wa_gateway WARNING)", Answers: health("ha-two")},
			{Name: "wa-multi-ok", Doc: "WhatsApp: multiconnect, 2 coreapps and the primary master connected (check_wa_gateway --shards 2 OK)", Answers: health("multi-ok")},
			{Name: "wa-multi-degraded", Doc: "WhatsApp: multiconnect, only 1 of 2 shards connected (check_wa_gateway --shards 2 WARNING)", Answers: health("multi-degraded")},
			{Name: "wa-multi-master-down", Doc: "WhatsApp: multiconnect, the primary master disconnected (check_wa_gateway --shards 2 WARNING)", Answers: health("multi-master-down")},
			{Name: "wa-server-error", Doc: "WhatsApp: /v1/health answers 500 with the vendor's error body (check_wa_gateway CRITICAL)", Answers: map[string]Answer{
				waHealthPath: {Status: http.StatusInternalServerError, Fixture: "wa/errors/internal.json"},
			}},
		},
	}
}
