package prom

import (
	"context"
	"errors"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/ccmon/webim-checks/lib/httpc"
	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/testutil"
)

// response wraps a body as an HTTP 200 answer.
func response(body []byte) *httpc.Response {
	return &httpc.Response{StatusCode: http.StatusOK, Header: http.Header{}, Body: body, Step: "GET /metrics"}
}

func TestDecode(t *testing.T) {
	e, err := Decode(response(testutil.Fixture(t, "webim/metrics/ok.txt")))
	if err != nil {
		t.Fatal(err)
	}
	if e.Families != 15 || len(e.Samples) != 38 {
		t.Errorf("%d families, %d series; want 15 and 38", e.Families, len(e.Samples))
	}
	want := map[string]float64{
		`webim_sessions{account="wmtest107"}`: 1544,
		`webim_storing_enabled`:               1,
		`process_resident_memory_bytes`:       806608896,
		`webim_http_request_duration_seconds_bucket{handler="/l/v/m/action",le="0.005"}`: 911203,
		`webim_http_request_duration_seconds_bucket{handler="/l/v/m/action",le="+Inf"}`:  1283428,
		`webim_http_request_duration_seconds_count{handler="/l/v/m/action"}`:             1283428,
		`webim_http_request_duration_seconds_sum{handler="/l/v/m/action"}`:               9741.36,
		`webim_timer_execution_seconds{quantile="0.99",timer="BackgroundStorager 0"}`:    0.0412,
		`webim_timer_execution_seconds_count{timer="BackgroundStorager 0"}`:              172800,
		// the escaped quote, backslash and new line of the exposition
		`webim_channel_errors_total{channel="telegram",last_error="Bad Request: chat \"ops\\support\" not found\nretrying"}`: 5,
	}
	got := map[string]float64{}
	for _, s := range e.Samples {
		got[s.Key()] = s.Value
	}
	for k, v := range want {
		if g, ok := got[k]; !ok || g != v {
			t.Errorf("%s = %v (present %v), want %v", k, g, ok, v)
		}
	}
}

func TestDecodeBad(t *testing.T) {
	tests := []struct {
		name string
		body string
		want string
	}{
		{"empty", "", "empty answer"},
		{"login page", string(testutil.Fixture(t, "bad/login.html")), "got an HTML page titled"},
		{"malformed", string(testutil.Fixture(t, "webim/metrics/malformed.txt")), "the exposition does not parse: line 4"},
		{"JSON", `{"result": "ok"}`, "the exposition does not parse"},
		{"value not a number", "x 1\ny abc\n", "the exposition does not parse: line 2"},
		{"two TYPE lines", "# TYPE x gauge\n# TYPE x counter\nx 1\n", "the exposition does not parse"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode(response([]byte(tt.body)))
			if !errors.Is(err, plugin.ErrDecode) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want an ErrDecode containing %q", err, tt.want)
			}
		})
	}
}

func TestFetchPathWithQuery(t *testing.T) {
	var seen string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen = r.URL.String()
		w.Write([]byte("up 1\n"))
	}))
	t.Cleanup(srv.Close)
	env := plugin.NewTestEnv(nil)
	env.Common.Host = srv.URL
	hc, err := httpc.New(env, nil)
	if err != nil {
		t.Fatal(err)
	}
	e, err := Fetch(context.Background(), hc, "/metrics?format=prometheus")
	if err != nil {
		t.Fatal(err)
	}
	if seen != "/metrics?format=prometheus" || len(e.Samples) != 1 {
		t.Errorf("asked %s, got %d series", seen, len(e.Samples))
	}
	if _, err := Fetch(context.Background(), hc, "metrics"); !errors.Is(err, plugin.ErrUsage) {
		t.Errorf("a relative path: %v, want a usage error", err)
	}
}

func TestAggregate(t *testing.T) {
	vs := []float64{3, math.NaN(), 1, 8}
	tests := []struct {
		fn   string
		want float64
	}{{"sum", 12}, {"max", 8}, {"min", 1}, {"avg", 4}, {"count", 3}}
	for _, tt := range tests {
		t.Run(tt.fn, func(t *testing.T) {
			got, n, ok := Aggregate(tt.fn, vs)
			if !ok || n != 3 || got != tt.want {
				t.Errorf("got %v over %d (%v), want %v over 3", got, n, ok, tt.want)
			}
		})
	}
	if _, _, ok := Aggregate("sum", []float64{math.NaN()}); ok {
		t.Error("only NaN folds to a value")
	}
}

// FuzzDecodeExposition feeds arbitrary bodies through the exposition
// parser and the flattening into series: it never panics, a failure is an
// ErrDecode, and every series has a name.
func FuzzDecodeExposition(f *testing.F) {
	testutil.FuzzSeeds(f, "FuzzDecodeExposition")
	f.Fuzz(func(t *testing.T, body []byte) {
		e, err := Decode(response(body))
		if err != nil {
			if !errors.Is(err, plugin.ErrDecode) {
				t.Fatalf("error of an unexpected kind: %v", err)
			}
			return
		}
		for _, s := range e.Samples {
			if s.Name == "" {
				t.Fatalf("a series without a name in %q", body)
			}
		}
	})
}
