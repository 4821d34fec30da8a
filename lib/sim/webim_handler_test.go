package sim_test

import (
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/ccmon/webim-checks/lib/sim"
	"github.com/ccmon/webim-checks/lib/testutil"
)

// TestWebimHandler: the simulated CRM handler verifies what Webim sends
// (seed 003) and refuses the rest, per scenario.
func TestWebimHandler(t *testing.T) {
	srv := httptest.NewServer(sim.New(os.DirFS(testutil.Path("")), nil).Handler(""))
	t.Cleanup(srv.Close)
	chat := `{"id": 1, "department_key": "monitoring-probe", "message": "Добрый день!"}`
	m := hmac.New(sha256.New, []byte(sim.WebimPrivateKey))
	m.Write([]byte(chat))
	sig := hex.EncodeToString(m.Sum(nil))
	sum := md5.Sum([]byte(chat + sim.WebimPrivateKey))
	crc := hex.EncodeToString(sum[:])
	q := func(kv ...string) string {
		v := url.Values{}
		for i := 0; i < len(kv); i += 2 {
			v.Set(kv[i], kv[i+1])
		}
		return v.Encode()
	}
	const form = "application/x-www-form-urlencoded"
	tests := []struct {
		name, scenario, method, ctype, query, body string
		noLogin                                    bool
		status                                     int
		want                                       string
	}{
		{name: "signature", query: q("chat", chat, "signature", sig), status: 200, want: `"ok"`},
		{name: "signature upper case", query: q("chat", chat, "signature", strings.ToUpper(sig)), status: 200},
		{name: "crc", query: q("chat", chat, "crc", crc), status: 200},
		{name: "wrong signature", query: q("chat", chat, "signature", crc+crc), status: 400, want: "invalid signature"},
		{name: "wrong crc", query: q("chat", chat, "crc", sig[:32]), status: 400, want: "invalid crc"},
		{name: "no signature", query: q("chat", chat), status: 400, want: "invalid crc"},
		{name: "chat changed", query: q("chat", chat+" ", "signature", sig), status: 400, want: "invalid signature"},
		{name: "not JSON", query: q("chat", "nope", "signature", sig), status: 400, want: "not JSON"},
		{name: "GET", method: http.MethodGet, query: q("chat", chat, "signature", sig), status: 405},
		{name: "body", query: q("chat", chat, "signature", sig), body: "chat=x", status: 400, want: "body must be empty"},
		{name: "JSON content type", ctype: "application/json", query: q("chat", chat, "signature", sig), status: 400, want: "Content-Type"},
		{name: "no login", noLogin: true, query: q("chat", chat, "signature", sig), status: 401},
		{name: "accepts any", scenario: "handler-accepts-any", query: q("chat", chat, "signature", "00"), status: 200},
		{name: "crc only takes crc", scenario: "handler-crc-only", query: q("chat", chat, "crc", crc), status: 200},
		{name: "crc only refuses signature", scenario: "handler-crc-only", query: q("chat", chat, "signature", sig), status: 400, want: "invalid crc"},
		{name: "error", scenario: "handler-error", query: q("chat", chat, "signature", sig), status: 500, want: "database connection refused"},
		{name: "unauthorized", scenario: "unauthorized", query: q("chat", chat, "signature", sig), status: 401},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			method, ctype := tt.method, tt.ctype
			if method == "" {
				method = http.MethodPost
			}
			if ctype == "" {
				ctype = form
			}
			u := srv.URL + sim.WebimHandlerPath
			if tt.scenario != "" {
				u = srv.URL + "/" + tt.scenario + sim.WebimHandlerPath
			}
			req, err := http.NewRequest(method, u+"?"+tt.query, strings.NewReader(tt.body))
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Content-Type", ctype)
			if !tt.noLogin {
				req.SetBasicAuth(sim.WebimHandlerUser, sim.WebimHandlerPassword)
			}
			assertAnswer(t, req, tt.status, tt.want)
		})
	}
}
