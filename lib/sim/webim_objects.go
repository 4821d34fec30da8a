package sim

import (
	"fmt"
	"net/http"
)

// webimObjectsProduct: a dynamic answer of /l/a/object-stats (seed 000)
// for check_webim_objects, whose growth needs two runs against an answer
// that changes between them. Authentication is the Webim service login,
// handled by webimProduct.
func webimObjectsProduct() product {
	return product{
		owns: func(string) bool { return false },
		scenarios: []Scenario{
			{Name: "objects-leaking", Doc: "Webim: the dict objects grow by 25% on every request (check_webim_objects --type dict --warning-growth 10: baseline, then WARNING on each later run)", Answers: map[string]Answer{
				"/l/a/object-stats": {Body: func(s *Server, _ *http.Request) []byte {
					dicts := 38112
					for i := s.Next("objects-leaking"); i > 1; i-- {
						dicts += dicts / 4
					}
					return fmt.Appendf(nil, `{"function": 52340, "dict": %d, "tuple": 24517, "list": 12408, "VisitSession": 1180}`, dicts)
				}},
			}},
		},
	}
}
