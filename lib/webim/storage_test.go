package webim

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/ccmon/webim-checks/lib/httpc"
	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/testutil"
)

func TestTornadoStats(t *testing.T) {
	tests := []struct {
		name                     string
		a                        answer
		failed, collected, chats int64
		noLoad                   bool
		wantErr                  error
		wantMsg                  string
	}{
		{name: "seed 000", a: answer{fixture: "webim/zabbix-tornado/seed.json"}, chats: 2},
		{name: "failed", a: answer{fixture: "webim/zabbix-tornado/failed.json"}, failed: 3, collected: 48, chats: 96},
		{name: "backlog", a: answer{fixture: "webim/zabbix-tornado/backlog.json"}, collected: 1520, chats: 341},
		{name: "Python literal", a: answer{fixture: "webim/zabbix-tornado/trouble.txt", contentType: "text/html; charset=UTF-8"}, failed: 27, collected: 5310, chats: 341},
		{name: "only the queue counts", a: answer{fixture: "webim/zabbix-tornado/queue-only.json"}, collected: 7, noLoad: true},
		{name: "negative count", a: answer{fixture: "webim/zabbix-tornado/negative.json"}, wantErr: plugin.ErrDecode, wantMsg: "zabbix/tornado: failed_to_store_objects_cnt is -1, a count cannot be negative"},
		{name: "no queue counts", a: answer{fixture: "webim/zabbix-tornado/no-queue.json"}, wantErr: plugin.ErrDecode, wantMsg: "zabbix/tornado: the answer has no failed_to_store_objects_cnt"},
		{name: "no backlog", a: answer{body: `{"failed_to_store_objects_cnt": 0}`}, wantErr: plugin.ErrDecode, wantMsg: "zabbix/tornado: the answer has no collected_to_store_objects_cnt"},
		{name: "absurd magnitude", a: answer{fixture: "webim/zabbix-tornado/huge.json"}, wantErr: plugin.ErrDecode, wantMsg: "field collected_to_store_objects_cnt is a JSON number 1e300, not int64"},
		{name: "a fraction", a: answer{fixture: "webim/zabbix-tornado/fraction.json"}, wantErr: plugin.ErrDecode, wantMsg: "field chats_cnt is a JSON number 2.5, not int64"},
		{name: "a string count", a: answer{body: `{"failed_to_store_objects_cnt": "0", "collected_to_store_objects_cnt": 0}`}, wantErr: plugin.ErrDecode, wantMsg: "field failed_to_store_objects_cnt is a JSON string, not int64"},
		{name: "login page", a: answer{fixture: "bad/login.html", contentType: "text/html"}, wantErr: plugin.ErrDecode, wantMsg: "got an HTML page"},
		{name: "truncated", a: answer{fixture: "bad/truncated.json"}, wantErr: plugin.ErrDecode, wantMsg: "zabbix/tornado: expected"},
		{name: "500", a: answer{status: 500, body: "boom"}, wantErr: plugin.ErrServer, wantMsg: "HTTP 500"},
		{name: "206", a: answer{status: 206, fixture: "webim/zabbix-tornado/seed.json"}, wantErr: plugin.ErrStatus, wantMsg: "HTTP 206 Partial Content, not the documented answer of this endpoint"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, err := serve(t, ZabbixTornadoPath, tt.a, goodLogin).TornadoStats(context.Background())
			testutil.AssertErrorKind(t, err, tt.wantErr, tt.wantMsg)
			if tt.wantErr != nil {
				return
			}
			if *st.FailedToStore != tt.failed || *st.CollectedToStore != tt.collected {
				t.Errorf("failed %d, collected %d; want %d, %d", *st.FailedToStore, *st.CollectedToStore, tt.failed, tt.collected)
			}
			if tt.noLoad {
				if st.Sessions != nil || st.Chats != nil || st.Accounts != nil || st.WorkingOperators != nil {
					t.Errorf("load counts where the answer has none: %+v", st)
				}
				return
			}
			if st.Chats == nil || *st.Chats != tt.chats {
				t.Errorf("chats %v, want %d", st.Chats, tt.chats)
			}
		})
	}
}

func TestCollectedToStore(t *testing.T) {
	tests := []struct {
		name    string
		a       answer
		first   ClassCount // the largest class, for a map
		classes int
		raw     bool
		wantErr error
		wantMsg string
	}{
		{name: "JSON map", a: answer{fixture: "webim/collected-to-store-objects/classes.json"}, first: ClassCount{"Message", 812}, classes: 5},
		{name: "Python-literal map", a: answer{fixture: "webim/collected-to-store-objects/classes-python.txt", contentType: "text/html"}, first: ClassCount{"Message", 812}, classes: 5},
		{name: "empty map", a: answer{fixture: "webim/collected-to-store-objects/empty.json"}},
		{name: "many classes", a: answer{fixture: "webim/collected-to-store-objects/many.json"}, first: ClassCount{"Class00", 300}, classes: 30},
		{name: "list of pairs", a: answer{fixture: "webim/collected-to-store-objects/pairs.txt", contentType: "text/html"}, raw: true},
		{name: "plain text", a: answer{fixture: "webim/collected-to-store-objects/unknown-collector.txt", contentType: "text/plain"}, raw: true},
		{name: "string values", a: answer{fixture: "webim/collected-to-store-objects/string-values.json"}, raw: true},
		{name: "negative values", a: answer{fixture: "webim/collected-to-store-objects/negative.json"}, raw: true},
		{name: "HTML page", a: answer{fixture: "bad/login.html", contentType: "text/html"}, raw: true},
		{name: "empty body", a: answer{body: ""}, raw: true},
		{name: "500", a: answer{status: 500, fixture: "bad/502.html", contentType: "text/html"}, wantErr: plugin.ErrServer, wantMsg: "HTTP 500"},
		{name: "404", a: answer{status: 404, body: "not found"}, wantErr: plugin.ErrStatus, wantMsg: "HTTP 404"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, err := serve(t, CollectedToStorePath, tt.a, goodLogin).CollectedToStore(context.Background(), "demo")
			testutil.AssertErrorKind(t, err, tt.wantErr, tt.wantMsg)
			if tt.wantErr != nil {
				return
			}
			if tt.raw {
				if o.Classes != nil {
					t.Errorf("read %v as a map of classes", o.Classes)
				}
				return
			}
			l := o.Largest()
			if len(l) != tt.classes || o.Raw != nil {
				t.Fatalf("got %d classes (raw %q), want %d", len(l), o.Raw, tt.classes)
			}
			if tt.classes > 0 && l[0] != tt.first {
				t.Errorf("largest %+v, want %+v", l[0], tt.first)
			}
		})
	}
}

// TestCollectedToStoreQuery holds the request to the seed's example.
func TestCollectedToStoreQuery(t *testing.T) {
	got := make(chan url.Values, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got <- r.URL.Query()
		w.Write([]byte("{}"))
	}))
	t.Cleanup(srv.Close)
	env := plugin.NewTestEnv(nil)
	env.Common.Host = srv.URL
	c, err := New(env, goodLogin)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.CollectedToStore(context.Background(), "shop & co"); err != nil {
		t.Fatal(err)
	}
	want := url.Values{"mode": {"stats"}, "account_name": {"shop & co"}, "collector_name": {"collected_to_store"}, "num": {"100"}}
	if q := <-got; q.Encode() != want.Encode() {
		t.Errorf("query %s, want %s", q.Encode(), want.Encode())
	}
}

// FuzzDecodeTornadoStats feeds arbitrary bodies through the interpretation
// of zabbix/tornado: it never panics, and a success has both queue counts
// and no negative count.
func FuzzDecodeTornadoStats(f *testing.F) {
	testutil.FuzzDecode(f, "FuzzDecodeTornadoStats", ok200(offlineClient(f).tornadoStats), func(t *testing.T, body []byte, st *TornadoStats) {
		if st.FailedToStore == nil || st.CollectedToStore == nil || *st.FailedToStore < 0 || *st.CollectedToStore < 0 {
			t.Fatalf("accepted %q", body)
		}
	})
}

// FuzzDecodeCollectedObjects feeds arbitrary bodies through the reading of
// collected-to-store-objects: it never panics, and gives classes with
// plausible counts or the raw answer, never both.
func FuzzDecodeCollectedObjects(f *testing.F) {
	testutil.FuzzSeeds(f, "FuzzDecodeCollectedObjects")
	f.Fuzz(func(t *testing.T, body []byte) {
		o := DecodeCollectedObjects(&httpc.Response{StatusCode: 200, Header: http.Header{}, Body: body})
		if o.Classes != nil && o.Raw != nil {
			t.Fatalf("both classes and raw for %q", body)
		}
		for _, c := range o.Largest() {
			if !(c.N >= 0 && c.N <= maxCount) {
				t.Fatalf("accepted count %v", c.N)
			}
		}
	})
}
