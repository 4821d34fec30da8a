package sim

import (
	"net/http"
	"strings"
)

// Credentials the simulator accepts for the Webim service login.
const (
	WebimUser     = "monitor"
	WebimPassword = "webim-secret"
)

// webimProduct: the Webim endpoints of seed 000.
func webimProduct() product {
	return product{
		owns: func(path string) bool {
			return strings.HasPrefix(path, "/l/") || strings.HasPrefix(path, "/service/") || strings.HasPrefix(path, "/webim/service/") || path == "/metrics"
		},
		auth: func(s *Server, w http.ResponseWriter, r *http.Request) bool {
			u, p, ok := r.BasicAuth()
			if ok && u == WebimUser && p == WebimPassword {
				return true
			}
			w.Header().Set("WWW-Authenticate", `Basic realm="webim"`)
			http.Error(w, "401 Unauthorized", http.StatusUnauthorized)
			return false
		},
	}
}

// generic failure scenarios, valid for every endpoint of every product.
func genericScenarios(paths []string) []Scenario {
	all := func(a Answer) map[string]Answer {
		m := make(map[string]Answer, len(paths))
		for _, p := range paths {
			m[p] = a
		}
		return m
	}
	return []Scenario{
		{Name: "bad-gateway", Doc: "every endpoint answers 502 with an nginx HTML page (CRITICAL)", Answers: all(Answer{Status: 502, Fixture: "bad/502.html", ContentType: "text/html"})},
		{Name: "forbidden", Doc: "every endpoint answers 403 with an HTML page (UNKNOWN authentication failed)", Answers: all(Answer{Status: 403, Fixture: "bad/403.html", ContentType: "text/html"})},
		{Name: "login-page", Doc: "every endpoint answers 200 with an HTML login page (UNKNOWN)", Answers: all(Answer{Fixture: "bad/login.html", ContentType: "text/html; charset=utf-8"})},
		{Name: "truncated", Doc: "every endpoint answers truncated JSON (UNKNOWN)", Answers: all(Answer{Fixture: "bad/truncated.json"})},
		{Name: "hang", Doc: "every endpoint accepts and never answers (the state of -t)", Answers: all(Answer{Behaviour: Hang})},
		{Name: "trickle", Doc: "every endpoint answers one byte every half second (the state of -t)", Answers: all(Answer{Behaviour: Trickle})},
		{Name: "huge", Doc: "every endpoint answers a 200 MiB body (UNKNOWN response too large)", Answers: all(Answer{Behaviour: Huge})},
		{Name: "reset", Doc: "every endpoint closes the connection without an answer (CRITICAL)", Answers: all(Answer{Behaviour: Reset})},
		{Name: "no-content", Doc: "every endpoint answers 204 No Content, a status no endpoint documents (UNKNOWN naming it)", Answers: all(Answer{Status: 204})},
	}
}
