package webim

import (
	"context"
	"testing"

	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/testutil"
)

func TestAccountState(t *testing.T) {
	tests := []struct {
		name    string
		a       answer
		blocked bool
		wantErr error
		wantMsg string
	}{
		{name: "seed 000: active", a: answer{fixture: "webim/account-state/active.json"}},
		{name: "blocked", a: answer{fixture: "webim/account-state/blocked.json"}, blocked: true},
		{name: "blocked as a Python literal", a: answer{fixture: "webim/account-state/blocked.txt", contentType: "text/html; charset=UTF-8"}, blocked: true},
		{name: "active as a Python literal", a: answer{fixture: "webim/account-state/active.txt", contentType: "text/html; charset=UTF-8"}},
		{name: "extra fields are ignored", a: answer{fixture: "webim/account-state/extra-fields.json"}},
		{name: "no blocked field", a: answer{fixture: "webim/account-state/no-blocked.json"}, wantErr: plugin.ErrDecode, wantMsg: `account-state: the answer has no blocked field ("{}")`},
		{name: "blocked null", a: answer{fixture: "webim/account-state/null.json"}, wantErr: plugin.ErrDecode, wantMsg: "account-state: the answer has no blocked field"},
		{name: "blocked a string", a: answer{fixture: "webim/account-state/string.json"}, wantErr: plugin.ErrDecode, wantMsg: "field blocked is a JSON string, not bool"},
		{name: "blocked a number", a: answer{fixture: "webim/account-state/number.json"}, wantErr: plugin.ErrDecode, wantMsg: "field blocked is a JSON number, not bool"},
		{name: "a list", a: answer{body: `[false]`}, wantErr: plugin.ErrDecode, wantMsg: "a JSON array"},
		{name: "login page", a: answer{fixture: "bad/login.html", contentType: "text/html"}, wantErr: plugin.ErrDecode, wantMsg: "account-state: expected a JSON object with blocked true or false, got an HTML page"},
		{name: "truncated", a: answer{fixture: "bad/truncated.json"}, wantErr: plugin.ErrDecode, wantMsg: "account-state: expected"},
		{name: "empty", a: answer{body: ""}, wantErr: plugin.ErrDecode, wantMsg: "empty answer"},
		{name: "404", a: answer{status: 404, body: "not found"}, wantErr: plugin.ErrStatus, wantMsg: "HTTP 404 Not Found"},
		{name: "500", a: answer{status: 500, body: "boom"}, wantErr: plugin.ErrServer, wantMsg: "HTTP 500"},
		{name: "204", a: answer{status: 204}, wantErr: plugin.ErrStatus, wantMsg: "HTTP 204"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, err := serve(t, AccountStatePath, tt.a, goodLogin).AccountState(context.Background())
			testutil.AssertErrorKind(t, err, tt.wantErr, tt.wantMsg)
			if tt.wantErr != nil {
				return
			}
			if *st.Blocked != tt.blocked {
				t.Errorf("blocked %v, want %v", *st.Blocked, tt.blocked)
			}
		})
	}
}

// FuzzDecodeAccountState feeds arbitrary bodies through the
// interpretation of account-state: it never panics, and a success always
// says blocked or not.
func FuzzDecodeAccountState(f *testing.F) {
	testutil.FuzzDecode(f, "FuzzDecodeAccountState", ok200(offlineClient(f).accountState), func(t *testing.T, body []byte, st *AccountState) {
		if st.Blocked == nil {
			t.Fatalf("no error and no blocked for %q", body)
		}
	})
}
