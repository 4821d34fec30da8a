package wa

import (
	"errors"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/ccmon/webim-checks/lib/httpc"
	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/testutil"
)

func response(body []byte, contentType string) *httpc.Response {
	h := http.Header{}
	if contentType != "" {
		h.Set("Content-Type", contentType)
	}
	return &httpc.Response{StatusCode: 200, Header: h, Body: body, Step: "GET " + HealthPath}
}

func TestDecodeHealth(t *testing.T) {
	const (
		m1 = "wa-master-1:3e1f0c9a7b42"
		m2 = "wa-master-2:9b2d4e6f8a10"
		c1 = "wa-core-1:5c7a9e1b3d24"
		c2 = "wa-core-2:e4f6a8c0b2d1"
	)
	meta := Meta{Version: "2.53.2", APIStatus: "stable"}
	tests := []struct {
		name    string
		fixture string
		want    *Health
		wantErr string
	}{
		{name: "single connected", fixture: "wa/health/connected.json", want: &Health{GatewayStatus: "connected", Meta: meta}},
		{name: "single unregistered", fixture: "wa/health/unregistered.json", want: &Health{GatewayStatus: "unregistered", Meta: meta}},
		{name: "single undocumented status", fixture: "wa/health/undocumented.json", want: &Health{GatewayStatus: "suspended", Meta: meta}},
		{name: "high availability", fixture: "wa/health/ha-ok.json", want: &Health{Cluster: true, Meta: meta, Nodes: []Node{
			{Name: c1, GatewayStatus: "connected", Role: "coreapp"},
			{Name: c2, GatewayStatus: "disconnected", Role: "coreapp"},
			{Name: m1, GatewayStatus: "disconnected", Role: "primary_master"},
			{Name: m2, GatewayStatus: "disconnected", Role: "secondary_master"},
		}}},
		{name: "cluster without meta", fixture: "wa/health/node-no-role.json", wantErr: `health: node "wa-core-1:5c7a9e1b3d24" has no role`},
		{name: "health missing", fixture: "wa/health/missing.json", wantErr: `health: the answer has no health field (got "{\"meta\"`},
		{name: "health missing, errors instead", fixture: "wa/health/errors-only.json", wantErr: `health: the answer has no health field; the client said "Service not ready" (code 1011): Database schema upgrade in progress`},
		{name: "health an array", fixture: "wa/health/array.json", wantErr: "health: health is a JSON array, expected an object"},
		{name: "health empty", fixture: "wa/health/empty.json", wantErr: "health: health is an empty object"},
		{name: "gateway_status a number", fixture: "wa/health/status-number.json", wantErr: "health: gateway_status is a JSON number, expected a string"},
		{name: "truncated", fixture: "wa/health/truncated.json", wantErr: `health: expected a JSON object {"health": {...}}, got "{\"health\": {\"gateway_status\": \"connected\"": truncated JSON`},
		{name: "HTML login page", fixture: "bad/login.html", wantErr: `health: expected a JSON object {"health": {...}}, got an HTML page titled "Вход — Webim"`},
		{name: "plain text", fixture: "bad/text.txt", wantErr: `health: expected a JSON object {"health": {...}}, got "not json at all": invalid JSON at byte 2`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := DecodeHealth(response(testutil.Fixture(t, tc.fixture), ""))
			if tc.wantErr != "" {
				if err == nil {
					t.Fatalf("got %+v, want an error", got)
				}
				if !errors.Is(err, plugin.ErrDecode) {
					t.Errorf("error %q is not ErrDecode", err)
				}
				if !strings.HasPrefix(err.Error(), tc.wantErr) {
					t.Errorf("error\n  %s\nwant it to start with\n  %s", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got  %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

func TestDecodeHealthInline(t *testing.T) {
	tests := []struct {
		name    string
		body    string
		want    *Health
		wantErr string
	}{
		{name: "top level array", body: `[{"health": {}}]`, wantErr: `health: expected a JSON object {"health": {...}}, got a JSON array`},
		{name: "top level string", body: `"connected"`, wantErr: `health: expected a JSON object {"health": {...}}, got a JSON string`},
		{name: "health null", body: `{"health": null}`, wantErr: "health: the answer has no health field"},
		{name: "health a string", body: `{"health": "connected"}`, wantErr: "health: health is a JSON string, expected an object"},
		{name: "node a string", body: `{"health": {"h:c": "connected"}}`, wantErr: `health: node "h:c" is a JSON string, expected an object with gateway_status and role`},
		{name: "node status a number", body: `{"health": {"h:c": {"gateway_status": 1, "role": "coreapp"}}}`, wantErr: `health: node "h:c": gateway_status is a JSON number, expected a string`},
		{name: "node without status", body: `{"health": {"h:c": {"role": "coreapp"}}}`, wantErr: `health: node "h:c" has no gateway_status`},
		{name: "meta is odd, ignored", body: `{"health": {"gateway_status": "connecting"}, "meta": [1]}`, want: &Health{GatewayStatus: "connecting"}},
		{name: "empty status", body: `{"health": {"gateway_status": ""}}`, want: &Health{GatewayStatus: ""}},
		{name: "status beside nodes wins", body: `{"health": {"gateway_status": "connected", "h:c": {"gateway_status": "disconnected", "role": "coreapp"}}}`, want: &Health{GatewayStatus: "connected"}},
		{name: "node named gateway_status", body: `{"health": {"gateway_status": {"gateway_status": "connected", "role": "coreapp"}}}`, want: &Health{Cluster: true, Nodes: []Node{{Name: "gateway_status", GatewayStatus: "connected", Role: "coreapp"}}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := DecodeHealth(response([]byte(tc.body), "application/json"))
			if tc.wantErr != "" {
				if err == nil || !errors.Is(err, plugin.ErrDecode) || !strings.HasPrefix(err.Error(), tc.wantErr) {
					t.Fatalf("got %+v, %v; want an ErrDecode starting %q", got, err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got  %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

// FuzzDecodeWAHealth feeds arbitrary bodies to the decoder: it must never
// panic, fail only with ErrDecode and a one-line message of sane length,
// and on success return exactly one of the two forms.
func FuzzDecodeWAHealth(f *testing.F) {
	testutil.FuzzSeeds(f, "FuzzDecodeWAHealth")
	f.Fuzz(func(t *testing.T, body []byte) {
		h, err := DecodeHealth(response(body, ""))
		if err != nil {
			if h != nil {
				t.Fatalf("both a result and an error: %v", err)
			}
			if !errors.Is(err, plugin.ErrDecode) {
				t.Fatalf("error %q is not ErrDecode", err)
			}
			msg := err.Error()
			if strings.ContainsAny(msg, "\r\n") || len(msg) > 1024 {
				t.Fatalf("error message not one short line (%d bytes): %q", len(msg), msg)
			}
			return
		}
		if h.Cluster {
			if len(h.Nodes) == 0 || h.GatewayStatus != "" {
				t.Fatalf("cluster answer with %d nodes and gateway_status %q", len(h.Nodes), h.GatewayStatus)
			}
			for i := 1; i < len(h.Nodes); i++ {
				if h.Nodes[i-1].Name >= h.Nodes[i].Name {
					t.Fatalf("nodes not sorted: %q before %q", h.Nodes[i-1].Name, h.Nodes[i].Name)
				}
			}
		} else if h.Nodes != nil {
			t.Fatalf("single instance with nodes %+v", h.Nodes)
		}
		DescribeErrors(DecodeErrors(body))
	})
}
