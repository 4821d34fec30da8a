package webim

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/ccmon/webim-checks/lib/testutil"
)

func TestPythonToJSON(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"documented ok answer", `{'result': 'ok'}`, `{"result":"ok"}`},
		{"documented error answer", `{'result': 'error', 'e': 'Failed to connect to database pro @wmtest107'}`, `{"result":"error","e":"Failed to connect to database pro @wmtest107"}`},
		{"True False None", `[True, False, None]`, `[true,false,null]`},
		{"JSON keywords too", `[true, false, null]`, `[true,false,null]`},
		{"nested", `{'a': {'b': [1, {'c': ()}]}, 'd': []}`, `{"a":{"b":[1,{"c":[]}]},"d":[]}`},
		{"tuple", `(1, 'two', 3.5)`, `[1,"two",3.5]`},
		{"one-element tuple", `(1,)`, `[1]`},
		{"parenthesised value is the value", `{'a': (1)}`, `{"a":1}`},
		{"empty tuple", `()`, `[]`},
		{"trailing commas", `{'a': [1, 2,], 'b': 3,}`, `{"a":[1,2],"b":3}`},
		{"whitespace and newlines", "{\n  'a' :\t1 ,\r\n  'b': 2\n}", `{"a":1,"b":2}`},
		{"escaped quote", `'it\'s'`, `"it's"`},
		{"escaped backslash", `'a\\b'`, `"a\\b"`},
		{"newline escape", `'a\nb'`, `"a\nb"`},
		{"tab and return escapes", `'\t\r'`, `"\t\r"`},
		{"hex escape", `'\x41'`, `"A"`},
		{"unicode escape", `'\u0416'`, `"Ж"`},
		{"long unicode escape", `'\U0001F600'`, `"😀"`},
		{"bell escape becomes JSON escape", `'\a'`, `"\u0007"`},
		{"octal escape", `'\101\0'`, `"A\u0000"`},
		{"unknown escape kept", `'\d'`, `"\\d"`},
		{"raw UTF-8 kept", `'Вход'`, `"Вход"`},
		{"double quote inside single-quoted", `'say "hi"'`, `"say \"hi\""`},
		{"double-quoted string", `"it's"`, `"it's"`},
		{"double-quoted with escaped double quote", `"a\"b"`, `"a\"b"`},
		{"unicode prefix", `{u'result': u'ok'}`, `{"result":"ok"}`},
		{"bytes prefix", `b'ok'`, `"ok"`},
		{"raw string", `r'a\nb'`, `"a\\nb"`},
		{"invalid UTF-8 replaced", "'a\xffb'", `"a\ufffdb"`},
		{"integer", `20`, `20`},
		{"large integer stays an integer", `1000000`, `1000000`},
		{"very large integer", `123456789012345678901234567890`, `123456789012345678901234567890`},
		{"negative", `-3`, `-3`},
		{"plus sign", `+3`, `3`},
		{"negative zero integer", `-0`, `0`},
		{"leading zeros", `007`, `7`},
		{"float", `0.00010848045349121094`, `0.00010848045349121094`},
		{"exponent", `8.273124694824219e-05`, `8.273124694824219e-05`},
		{"capital exponent with plus", `1E+3`, `1000`},
		{"large float uses exponent", `1e21`, `1e+21`},
		{"leading dot", `.5`, `0.5`},
		{"trailing dot", `5.`, `5`},
		{"negative float", `-27.25`, `-27.25`},
		{"underscores", `1_000_000`, `1000000`},
		{"underscores in float", `1_000.000_1`, `1000.0001`},
		{"number key", `{1: 'a', -2.5: 'b'}`, `{"1":"a","-2.5":"b"}`},
		{"None and True keys", `{None: 1, True: 2}`, `{"null":1,"true":2}`},
		{"line continuation", "[1, \\\n 2]", `[1,2]`},
		{"string line continuation", "'a\\\nb'", `"ab"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := PythonToJSON([]byte(tt.in))
			if err != nil {
				t.Fatalf("PythonToJSON(%q): %v", tt.in, err)
			}
			if string(got) != tt.want {
				t.Errorf("PythonToJSON(%q)\n got %s\nwant %s", tt.in, got, tt.want)
			}
			if !json.Valid(got) {
				t.Errorf("output %s is not valid JSON", got)
			}
		})
	}
}

func TestPythonToJSONErrors(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", ``, "end of input"},
		{"unterminated string", `{'result': 'ok`, "unterminated string"},
		{"unterminated escape", `'ab\`, "unterminated string"},
		{"unterminated dict", `{'result': 'ok'`, "expected ',' or '}'"},
		{"unterminated list", `[1, 2`, "expected ',' or ']'"},
		{"truncated fixture", `{'last_min': {'timer: a': {'count': 1, 'execution_ti`, "unterminated string"},
		{"unknown identifier", `{'a': nan}`, `unknown name "nan"`},
		{"function call", `{'a': datetime(2021, 6, 9)}`, `unknown name "datetime"`},
		{"Infinity", `[Infinity]`, `unknown name "Infinity"`},
		{"newline in string", "{'a': 'line\nbreak'}", "newline in string"},
		{"carriage return in string", "'a\rb'", "newline in string"},
		{"two values", `1 2`, "after the value"},
		{"two keywords glued", `TrueFalse`, `unknown name "TrueFalse"`},
		{"nested open braces", `{{`, "expected a dict key"},
		{"missing colon", `{'a' 1}`, "expected ':'"},
		{"missing comma", `[1 2]`, "expected ',' or ']'"},
		{"lone comma", `[,]`, "expected a value"},
		{"dict without value", `{'a': }`, "expected a value"},
		{"tuple key", `{(1, 2): 'a'}`, "expected a dict key"},
		{"mismatched brackets", `[1, 2}`, "expected ',' or ']'"},
		{"closing bracket alone", `]`, "expected a value"},
		{"bare minus", `-`, "bad number"},
		{"bare dot", `.`, "bad number"},
		{"two dots", `1.2.3`, "bad number"},
		{"complex number", `1j`, "bad number"},
		{"exponent without digits", `1e`, "bad number"},
		{"trailing underscore", `1_`, "bad number"},
		{"double underscore", `1__0`, "bad number"},
		{"out of range", `1e400`, "out of range"},
		{"short hex escape", `'\x4`, `short \x escape`},
		{"bad hex escape", `'\xZZ'`, `bad \x escape`},
		{"bad unicode escape", `'\uZZZZ'`, `bad \u escape`},
		{"escape beyond unicode", `'\UFFFFFFFF'`, `bad \U escape`},
		{"HTML page", `<html><body>login</body></html>`, "expected a value"},
		{"too deep", strings.Repeat("[", maxDepth+1) + strings.Repeat("]", maxDepth+1), "nested deeper"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := PythonToJSON([]byte(tt.in))
			if err == nil {
				t.Fatalf("PythonToJSON(%q) = %s, want an error containing %q", tt.in, got, tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("PythonToJSON(%q) error %q, want it to contain %q", tt.in, err, tt.want)
			}
			if !strings.HasPrefix(err.Error(), "byte ") {
				t.Errorf("error %q does not name the byte offset", err)
			}
		})
	}
}

func TestPythonToJSONDeepButAllowed(t *testing.T) {
	in := strings.Repeat("[", maxDepth) + strings.Repeat("]", maxDepth)
	got, err := PythonToJSON([]byte(in))
	if err != nil {
		t.Fatalf("%d levels: %v", maxDepth, err)
	}
	if string(got) != in {
		t.Errorf("%d levels changed", maxDepth)
	}
}

// TestPythonToJSONFixture converts the Python-literal fixture of
// timer-stats and compares it, value for value, with the JSON fixture.
func TestPythonToJSONFixture(t *testing.T) {
	conv, err := PythonToJSON(testutil.Fixture(t, "webim/timer-stats/python.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var fromPy, fromJSON any
	if err := json.Unmarshal(conv, &fromPy); err != nil {
		t.Fatalf("converted fixture: %v", err)
	}
	if err := json.Unmarshal(testutil.Fixture(t, "webim/timer-stats/ok.json"), &fromJSON); err != nil {
		t.Fatal(err)
	}
	a, _ := json.Marshal(fromPy)
	b, _ := json.Marshal(fromJSON)
	if string(a) != string(b) {
		t.Errorf("python.txt and ok.json differ after conversion:\n%s\n%s", a, b)
	}
}

// FuzzPythonToJSON: the converter never panics, and whenever it succeeds
// its output is valid JSON.
func FuzzPythonToJSON(f *testing.F) {
	testutil.FuzzSeeds(f, "FuzzPythonToJSON")
	f.Fuzz(func(t *testing.T, in []byte) {
		out, err := PythonToJSON(in)
		if err != nil {
			if out != nil {
				t.Errorf("error %v with output %q", err, out)
			}
			return
		}
		if !json.Valid(out) {
			t.Errorf("PythonToJSON(%q) = %q: not valid JSON", in, out)
		}
	})
}
