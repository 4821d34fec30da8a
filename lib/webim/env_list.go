package webim

import (
	"context"
	"net/http"

	"github.com/ccmon/webim-checks/lib/httpc"
	"github.com/ccmon/webim-checks/lib/plugin"
)

// EnvListPath is the endpoint path (seed 000 documents it as
// /service/monitor/get-all-env-list.php under the PHP application's /webim
// prefix).
const EnvListPath = "/webim/service/monitor/get-all-env-list.php"

// Env is one entry of GET /webim/service/monitor/get-all-env-list.php
// (seed 000, "Возвращает словарь окружений на сервере"):
//
//	[{"host": "s1", "env": "eta", "ip": "31.41.158.42"}, ...]
type Env struct {
	// Host is the host name ("Название хоста").
	Host string `json:"host"`
	// Env is the Webim environment ("Окружение (environment) Webim").
	Env string `json:"env"`
	// IP is the address of the host.
	IP string `json:"ip"`
}

// EnvList fetches the environments of the server.
func (c *Client) EnvList(ctx context.Context) ([]Env, error) {
	r, err := c.get(ctx, EnvListPath, nil)
	if err != nil {
		return nil, err
	}
	if r.StatusCode != http.StatusOK {
		return nil, c.fail(r)
	}
	return DecodeEnvList(r)
}

// DecodeEnvList reads a 200 answer of get-all-env-list.php (JSON or its
// Python-literal form). An empty list, null, or an entry without env is
// an error of kind [plugin.ErrDecode]: a server always runs the
// environment that answers.
func DecodeEnvList(r *httpc.Response) ([]Env, error) {
	var list []Env
	if err := decode(r, "get-all-env-list", "a JSON list of {host, env, ip}", &list); err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, plugin.Errorf(plugin.ErrDecode, "get-all-env-list: no environment listed (%s)", httpc.Describe(r.Body, ""))
	}
	for i, e := range list {
		if e.Env == "" {
			return nil, plugin.Errorf(plugin.ErrDecode, "get-all-env-list: entry %d (host %q) has no env", i+1, e.Host)
		}
	}
	return list, nil
}
