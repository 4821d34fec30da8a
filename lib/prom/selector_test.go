package prom

import (
	"strings"
	"testing"

	"github.com/ccmon/webim-checks/lib/testutil"
)

func TestParseSelector(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string // canonical form; "" when an error is expected
		err  string
	}{
		{name: "name only", in: "webim_sessions", want: "webim_sessions"},
		{name: "name with colons", in: "job:requests:rate5m", want: "job:requests:rate5m"},
		{name: "all four operators", in: `webim_chats{label="v",other=~"re.*",x!="y",z!~"a|b"}`, want: `webim_chats{label="v",other=~"re.*",x!="y",z!~"a|b"}`},
		{name: "spaces and a trailing comma", in: ` webim_chats { state = "queue" , account =~ 'wm.*' , } `, want: `webim_chats{state="queue",account=~"wm.*"}`},
		{name: "matchers only", in: `{__name__=~"webim_.*",account="demo"}`, want: `{__name__=~"webim_.*",account="demo"}`},
		{name: "empty braces", in: `webim_chats{}`, want: `webim_chats`},
		{name: "escapes in double quotes", in: `x{l="a\"b\\c\nd"}`, want: `x{l="a\"b\\c\nd"}`},
		{name: "single quotes with a double quote", in: `x{l='say "hi" \'there\''}`, want: `x{l="say \"hi\" 'there'"}`},
		{name: "backquotes are raw", in: "x{l=~`\\d+`}", want: `x{l=~"\\d+"}`},
		{name: "unicode value", in: `x{l="Вход"}`, want: `x{l="Вход"}`},
		{name: "empty", in: "", err: "empty selector"},
		{name: "only braces", in: "{}", err: "empty selector"},
		{name: "missing brace", in: `x{l="v"`, err: "missing closing brace"},
		{name: "missing quote", in: `x{l="v}`, err: "unterminated string"},
		{name: "unquoted value", in: `x{l=v}`, err: "expected a quoted string"},
		{name: "bad operator", in: `x{l=="v"}`, err: "expected a quoted string"},
		{name: "no operator", in: `x{l "v"}`, err: "expected =, !=, =~ or !~"},
		{name: "bad label name", in: `x{1l="v"}`, err: "expected a label name"},
		{name: "bad regexp", in: `x{l=~"("}`, err: "bad regular expression"},
		{name: "name starting with a digit", in: `1x`, err: "unexpected"},
		{name: "garbage after", in: `x{l="v"} y`, err: "unexpected"},
		{name: "bad escape", in: `x{l="\q"}`, err: "bad escape"},
		{name: "too long", in: "x" + strings.Repeat("y", maxSelector), err: "longer than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sel, err := ParseSelector(tt.in)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error %v, want one containing %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := sel.String(); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestSelectorMatches(t *testing.T) {
	labels := map[string]string{"account": "wmtest107", "state": "queue"}
	tests := []struct {
		sel  string
		want bool
	}{
		{`webim_chats`, true},
		{`webim_sessions`, false},
		{`webim_chats{state="queue"}`, true},
		{`webim_chats{state="chatting"}`, false},
		{`webim_chats{state!="chatting"}`, true},
		{`webim_chats{account=~"wm.*"}`, true},
		{`webim_chats{account=~"wm"}`, false}, // anchored
		{`webim_chats{account!~"demo|shop"}`, true},
		{`webim_chats{missing=""}`, true}, // an absent label is ""
		{`webim_chats{missing!=""}`, false},
		{`{__name__=~"webim_.*"}`, true},
		{`{__name__="webim_sessions"}`, false},
	}
	for _, tt := range tests {
		t.Run(tt.sel, func(t *testing.T) {
			sel, err := ParseSelector(tt.sel)
			if err != nil {
				t.Fatal(err)
			}
			if got := sel.Matches("webim_chats", labels); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// FuzzParseSelector feeds arbitrary text to the selector parser: it never
// panics, and a selector it accepts prints in a canonical form that
// parses back to the same selector.
func FuzzParseSelector(f *testing.F) {
	testutil.FuzzSeeds(f, "FuzzParseSelector")
	f.Fuzz(func(t *testing.T, in []byte) {
		sel, err := ParseSelector(string(in))
		if err != nil {
			return
		}
		if sel.Name == "" && len(sel.Matchers) == 0 {
			t.Fatalf("accepted an empty selector %q", in)
		}
		canon := sel.String()
		again, err := ParseSelector(canon)
		if err != nil {
			t.Fatalf("%q prints as %q, which does not parse: %v", in, canon, err)
		}
		if again.String() != canon {
			t.Fatalf("%q prints as %q, then as %q", in, canon, again.String())
		}
		sel.Matches("x", map[string]string{"l": string(in)})
	})
}
