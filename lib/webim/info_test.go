package webim_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/testutil"
	"github.com/ccmon/webim-checks/lib/webim"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseVarDump(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		want  *webim.PHPValue
		notes int
		err   string
	}{
		{name: "NULL", in: "NULL\n", want: &webim.PHPValue{Kind: webim.PHPNull}},
		{name: "bool", in: "bool(true)", want: &webim.PHPValue{Kind: webim.PHPBool, Bool: true}},
		{name: "int", in: "int(-42)", want: &webim.PHPValue{Kind: webim.PHPInt, Int: -42}},
		{name: "float", in: "float(1.0E+25)", want: &webim.PHPValue{Kind: webim.PHPFloat, Float: 1e25}},
		{name: "string with newline and quote", in: "string(7) \"a\"\nb\"\nc\"\n", want: &webim.PHPValue{Kind: webim.PHPString, Str: "a\"\nb\"\nc"}},
		{name: "string length in bytes", in: `string(11) "Вход ok"`, want: &webim.PHPValue{Kind: webim.PHPString, Str: "Вход ok"}},
		{name: "empty string", in: `string(0) ""`, want: &webim.PHPValue{Kind: webim.PHPString}},
		{name: "length too short falls back to the quote", in: `string(3) "companyname"`, notes: 1, want: &webim.PHPValue{Kind: webim.PHPString, Str: "companyname"}},
		{name: "length too long falls back to the quote", in: "array(2) {\n[\"a\"]=>\nstring(9) \"xy\"\n[\"b\"]=>\nNULL\n}", notes: 1,
			want: &webim.PHPValue{Kind: webim.PHPArray, Array: []webim.PHPEntry{{Key: "a", Value: &webim.PHPValue{Kind: webim.PHPString, Str: "xy"}}, {Key: "b", Value: &webim.PHPValue{Kind: webim.PHPNull}}}}},
		{name: "integer keys and nesting", in: "array(1) {\n  [0]=>\n  array(1) {\n    [-1]=>\n    int(7)\n  }\n}\n",
			want: &webim.PHPValue{Kind: webim.PHPArray, Array: []webim.PHPEntry{{Key: "0", Value: &webim.PHPValue{Kind: webim.PHPArray, Array: []webim.PHPEntry{{Key: "-1", Value: &webim.PHPValue{Kind: webim.PHPInt, Int: 7}}}}}}}},
		{name: "empty array", in: "array(0) {\n}", want: &webim.PHPValue{Kind: webim.PHPArray}},
		{name: "count mismatch", in: "array(2) {\n[0]=>\nNULL\n}", err: "byte 23: array(2) holds 1 elements"},
		{name: "no closing quote", in: `string(4) "abcd`, err: "string(4) has no closing quote"},
		{name: "bad bool", in: "bool(maybe)", err: "byte 0: expected bool(true) or bool(false)"},
		{name: "bad int", in: "int(0x10)", err: "expected int(N)"},
		{name: "negative length", in: `string(-1) ""`, err: `expected string(N), got "-1"`},
		{name: "length beyond the input", in: `string(999) ""`, err: `expected string(N), got "999"`},
		{name: "unclosed array", in: "array(1) {\n[0]=>\nNULL\n", err: "expected [key]=> or }, got end of input"},
		{name: "trailing garbage", in: "NULL\nNULL", err: `byte 5: unexpected "NULL" after the value`},
		{name: "JSON", in: `{"a": 1}`, err: "byte 0: expected a var_dump value"},
		{name: "empty", in: "", err: "got end of input"},
		{name: "too deep", in: strings.Repeat("array(1) {[0]=>", 100) + "NULL" + strings.Repeat("}", 100), err: "arrays nested deeper than 64"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := webim.ParseVarDump([]byte(tt.in))
			if tt.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, d.Value)
			assert.Len(t, d.Notes, tt.notes)
		})
	}
}

func TestDecodeInfo(t *testing.T) {
	tests := []struct {
		fixture  string
		version  string
		account  string
		server   string
		load     [3]float64
		uptime   time.Duration
		notes    []string
		loadErr  string
		uptimeOK bool
	}{
		{fixture: "seed.txt", version: "10.7.x", account: "companyname", server: "s999.webim.ru",
			load: [3]float64{1.62, 0.65, 0.35}, uptime: 36*24*time.Hour + 22*time.Hour + 2*time.Minute,
			notes: []string{
				`["account name"] is declared string(7) but is 11 bytes long up to its closing quote; read up to the quote`,
				`["script location"] is declared string(7) but is 11 bytes long up to its closing quote; read up to the quote`,
				`["uptime"] is declared string(71) but is 69 bytes long up to its closing quote; read up to the quote`,
			}},
		{fixture: "ok.txt", version: "10.7.134", account: "wmtest107", server: "s999.webim.ru",
			load: [3]float64{1.62, 0.65, 0.35}, uptime: 36*24*time.Hour + 22*time.Hour + 2*time.Minute},
		{fixture: "rebooted.txt", version: "10.7.134", account: "wmtest107", server: "s999.webim.ru",
			load: [3]float64{4.10, 1.95, 0.74}, uptime: 7 * time.Minute},
		{fixture: "no-load.txt", version: "10.7.134", account: "wmtest107", server: "s999.webim.ru",
			uptime: 36*24*time.Hour + 22*time.Hour + 2*time.Minute, loadErr: "info.php: no load average in uptime"},
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			in, err := webim.DecodeInfo(testutil.Fixture(t, "webim/info/"+tt.fixture))
			require.NoError(t, err)
			assert.Equal(t, tt.version, in.Version)
			assert.Equal(t, tt.account, in.AccountName)
			assert.Equal(t, tt.server, in.Server, "the trailing newline is trimmed")
			assert.Equal(t, "release-10.7", in.Branch)
			assert.Equal(t, "8267", in.TornadoPort)
			assert.Equal(t, "6001", in.AgentBackendPort)
			assert.Equal(t, tt.notes, in.Notes)
			up, err := in.OSUptime()
			require.NoError(t, err)
			assert.Equal(t, tt.uptime, up)
			load, err := in.Load()
			if tt.loadErr != "" {
				assert.ErrorIs(t, err, plugin.ErrDecode)
				assert.ErrorContains(t, err, tt.loadErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.load, load)
		})
	}
}

func TestDecodeInfoConnections(t *testing.T) {
	in, err := webim.DecodeInfo(testutil.Fixture(t, "webim/info/connections.txt"))
	require.NoError(t, err)
	meta := in.Connections.Get("meta")
	require.NotNil(t, meta)
	assert.Equal(t, int64(5432), meta.Get("port").Int)
	assert.True(t, meta.Get("connected").Bool)
	assert.Equal(t, 0.0021, meta.Get("latency").Float)
	assert.Equal(t, webim.PHPNull, in.Connections.Get("pro").Get("latency").Kind)
	assert.Nil(t, in.Connections.Get("nosuch"))
}

func TestDecodeInfoErrors(t *testing.T) {
	tests := []struct {
		name string
		body string
		err  string
	}{
		{"JSON", string(testutil.Fixture(t, "webim/info/not-vardump.json")), `info.php: expected PHP var_dump output, got JSON or a Python literal: "{\"tornado port\": \"8267\", \"version\": \"10.7.134\"}"`},
		{"login page", string(testutil.Fixture(t, "bad/login.html")), `info.php: expected PHP var_dump output, got an HTML page titled "Вход — Webim" (a login page or a proxy error?)`},
		{"truncated", string(testutil.Fixture(t, "webim/info/truncated.txt")), "info.php: expected PHP var_dump output, got \"array(12) {"},
		{"empty", " \n", "info.php: empty answer, expected PHP var_dump output"},
		{"not an array", `string(2) "ok"`, "info.php: expected a PHP array, got string"},
		{"version an array", "array(1) {\n[\"version\"]=>\narray(0) {\n}\n}", `info.php: "version" is an array, expected a string`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := webim.DecodeInfo([]byte(tt.body))
			require.Error(t, err)
			assert.ErrorIs(t, err, plugin.ErrDecode)
			assert.Contains(t, err.Error(), tt.err)
		})
	}
}

func TestUptimeForms(t *testing.T) {
	tests := []struct {
		line   string
		uptime time.Duration
		load   [3]float64
		err    string
	}{
		{line: " 10:00:00 up  1:05,  2 users,  load average: 0.00, 0.01, 0.05", uptime: time.Hour + 5*time.Minute, load: [3]float64{0, 0.01, 0.05}},
		{line: " 10:00:00 up 1 day, 5 min,  1 user,  load average: 1,62, 0,65, 0,35", uptime: 24*time.Hour + 5*time.Minute, load: [3]float64{1.62, 0.65, 0.35}},
		{line: "10:00  up 3 days,  2 hrs, 4 users, load averages: 2.15 1.90 1.70", uptime: 74 * time.Hour, load: [3]float64{2.15, 1.90, 1.70}},
		{line: "10:00  up 42 secs, 1 user, load averages: 0.10 0.20 0.30", uptime: 42 * time.Second, load: [3]float64{0.1, 0.2, 0.3}},
		{line: " 10:00:00 up 0 min,  0 users,  load average: 0.00, 0.00, 0.00", load: [3]float64{}},
		{line: "up for a while, load average: 1, 2", err: "no OS uptime"},
		{line: " 10:00:00 up 5 min, load average: -1.0, 0.2, 0.3", uptime: 5 * time.Minute, err: `load average "-1.0,"`},
		{line: " 10:00:00 up 5 min, load average: NaN, 0.2, 0.3", uptime: 5 * time.Minute, err: "is not a number"},
		{line: " 10:00:00 up 5 min, load average: 0.1, 0.2", uptime: 5 * time.Minute, err: "expected three load averages"},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			in := &webim.Info{Uptime: tt.line}
			up, uerr := in.OSUptime()
			load, lerr := in.Load()
			if err := errors.Join(uerr, lerr); tt.err != "" {
				require.Error(t, err)
				assert.ErrorContains(t, err, tt.err)
			} else {
				require.NoError(t, err)
				assert.Equal(t, tt.load, load)
			}
			if uerr == nil {
				assert.Equal(t, tt.uptime, up)
			}
		})
	}
}

func TestInfo(t *testing.T) {
	tests := []struct {
		scenario string
		version  string
		kind     error
		err      string
	}{
		{scenario: "healthy", version: "10.7.x"},
		{scenario: "info-exact", version: "10.7.134"},
		{scenario: "info-json", kind: plugin.ErrDecode, err: "info.php: expected PHP var_dump output"},
		{scenario: "login-page", kind: plugin.ErrDecode, err: "got an HTML page"},
		{scenario: "unauthorized", kind: plugin.ErrAuth},
		{scenario: "bad-gateway", kind: plugin.ErrServer, err: "GET /bad-gateway/webim/service/info.php: HTTP 502 Bad Gateway"},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			in, err := simClient(t, tt.scenario).Info(context.Background(), "")
			if tt.kind != nil {
				require.Error(t, err)
				assert.ErrorIs(t, err, tt.kind)
				assert.Contains(t, testutil.URLless(err.Error()), tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.version, in.Version)
		})
	}
}

// FuzzParseVarDump feeds arbitrary bodies to the var_dump parser and the
// info.php decoder: they never panic, a parsed value is well formed, and
// every failure is an ErrDecode.
func FuzzParseVarDump(f *testing.F) {
	testutil.FuzzSeeds(f, "FuzzParseVarDump")
	f.Fuzz(func(t *testing.T, b []byte) {
		if d, err := webim.ParseVarDump(b); err == nil {
			checkPHP(t, d.Value)
		}
		in, err := webim.DecodeInfo(b)
		if err != nil {
			if !errors.Is(err, plugin.ErrDecode) {
				t.Fatalf("error of an unexpected kind: %v", err)
			}
			return
		}
		_, _ = in.Load()
		_, _ = in.OSUptime()
	})
}

func checkPHP(t *testing.T, v *webim.PHPValue) {
	if v == nil {
		t.Fatal("nil value")
	}
	for _, e := range v.Array {
		checkPHP(t, e.Value)
	}
}
