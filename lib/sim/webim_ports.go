package sim

import (
	"fmt"
	"net"
	"net/http"
)

// webimPortsProduct: the dynamic answers of get-tornado-ports.php (seed
// 000) for check_webim_ports --connect, which opens a TCP connection to
// each port listed: the simulator lists its own port, which accepts, and
// a port that refuses. Authentication is the Webim service login.
func webimPortsProduct() product {
	const path = "/webim/service/monitor/get-tornado-ports.php"
	return product{
		owns: func(string) bool { return false },
		scenarios: []Scenario{
			{Name: "ports-self", Doc: "Webim: the only Chat Backend port listed is the simulator's own (check_webim_ports --connect OK)", Answers: map[string]Answer{
				path: {Body: func(_ *Server, r *http.Request) []byte { return fmt.Appendf(nil, "[%q]\n", selfPort(r)) }},
			}},
			{Name: "ports-refused", Doc: "Webim: the simulator's own port and a loopback port that refuses connections (check_webim_ports --connect CRITICAL naming it)", Answers: map[string]Answer{
				path: {Body: func(_ *Server, r *http.Request) []byte {
					return fmt.Appendf(nil, "[%q, %q]\n", selfPort(r), refusedPort())
				}},
			}},
		},
	}
}

// selfPort is the port the request reached.
func selfPort(r *http.Request) string {
	if a, ok := r.Context().Value(http.LocalAddrContextKey).(net.Addr); ok {
		if _, p, err := net.SplitHostPort(a.String()); err == nil {
			return p
		}
	}
	return "0"
}

// refusedPort is a loopback port nothing listens on: one the system just
// gave out and that was closed again.
func refusedPort() string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "0"
	}
	defer ln.Close()
	_, p, _ := net.SplitHostPort(ln.Addr().String())
	return p
}
