package sim

import (
	"fmt"
	"net/http"
)

// webimChannelsProduct: a dynamic answer of /l/a/monitor/zabbix/channels
// (seed 000) for check_webim_channels, whose new errors need two runs
// against the same answer that changes between them. Authentication is
// the Webim service login, handled by webimProduct.
func webimChannelsProduct() product {
	return product{
		owns: func(string) bool { return false },
		scenarios: []Scenario{
			{Name: "channel-errors-growing", Doc: "Webim: telegram's error count grows by 5 on every request, vk stays at 1 (check_webim_channels: baseline, then WARNING 5 new errors on each later run)", Answers: map[string]Answer{
				"/l/a/monitor/zabbix/channels": {Body: func(s *Server, _ *http.Request) []byte {
					n := s.Next("channel-errors-growing")
					return fmt.Appendf(nil, `{"channels": {"telegram": {"error_cnt": %d}, "vk": {"error_cnt": 1}}}`, 1+5*(n-1))
				}},
			}},
		},
	}
}
