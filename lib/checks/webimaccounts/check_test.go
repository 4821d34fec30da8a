package webimaccounts_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ccmon/webim-checks/lib/checks/webimaccounts"
	"github.com/ccmon/webim-checks/lib/httpc"
	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/testutil"
	"github.com/ccmon/webim-checks/lib/webim"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// t0 is the fixed time of every run.
var t0 = time.Date(2025, 10, 3, 17, 8, 13, 0, time.UTC)

// TestGolden runs the check in-process against the simulator's
// accounts-stat scenarios and compares the whole output with a golden.
func TestGolden(t *testing.T) {
	srv := testutil.Simulator(t, testutil.Fixed(t0))
	tests := []struct {
		name     string
		scenario string
		args     []string
		code     int
	}{
		{"seed", "healthy", nil, 0},
		{"python", "accounts-python", nil, 0},
		{"many", "accounts-many", nil, 0},
		{"many-problems-cut-at-the-cap", "accounts-many", []string{"--warning-queue", "0", "--critical-queue", "1"}, 2},
		{"no-total", "accounts-no-total", nil, 0},
		{"failed-store", "accounts-failed-store", nil, 1},
		{"failed-store-critical", "accounts-failed-store", []string{"--critical-failed-store", "2"}, 2},
		{"failed-store-tolerated", "accounts-failed-store", []string{"--warning-failed-store", "5"}, 0},
		{"wrong-instance", "accounts-wrong-instance", nil, 1},
		{"trouble", "accounts-trouble", nil, 1},
		{"trouble-all-thresholds", "accounts-trouble", []string{"--warning-queue", "5", "--critical-queue", "10", "--critical-backlog", "1000", "--min-operators", "1"}, 2},
		{"trouble-json", "accounts-trouble", []string{"--format", "json", "--critical-queue", "10"}, 2},
		{"trouble-perf-left-out", "accounts-trouble", []string{"--max-perf-accounts", "4"}, 1},
		{"account-named", "accounts-trouble", []string{"--account", "shop", "--account", "wmtest107"}, 0},
		{"account-named-problem", "accounts-trouble", []string{"--account", "support"}, 1},
		{"account-missing", "accounts-trouble", []string{"--account", "shop", "--account", "nosuch"}, 2},
		{"account-missing-json", "healthy", []string{"--account", "nosuch", "--format", "json"}, 2},
		{"min-operators", "healthy", []string{"--min-operators", "3"}, 1},
		{"empty", "accounts-empty", nil, 3},
		{"negative", "accounts-negative", nil, 3},
		{"bad-min-operators", "healthy", []string{"--min-operators", "-1"}, 3},
		{"bad-account", "healthy", []string{"--account", " "}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			args := testutil.SimArgs(srv, tt.scenario, testutil.WebimLogin(), tt.args...)
			code, out, stderr := testutil.Run(t, webimaccounts.New(), testutil.Fixed(t0), args...)
			testutil.AssertNoStderr(t, stderr)
			assert.Equal(t, tt.code, code, out)
			if !strings.Contains(strings.Join(tt.args, " "), "json") {
				assert.LessOrEqual(t, len(out), plugin.DefaultMaxOutput, "within the output cap")
			}
			testutil.Golden(t, "check_webim_accounts/"+tt.name+".txt", []byte(testutil.Hostless(out, srv.URL)))
		})
	}
}

// TestLongOutputStopsAtTheCap: with thousands of accounts the long output
// is formatted only up to the output cap, and says how many accounts it
// leaves out, so that the runtime has nothing to cut.
func TestLongOutputStopsAtTheCap(t *testing.T) {
	for _, n := range []int{500, 5000} {
		t.Run(strconv.Itoa(n), func(t *testing.T) {
			st := decode(t, testutil.ManyAccounts(n))
			c := webimaccounts.New()
			c.WarningQueue = plugin.MustRange("0")
			res := c.Judge(st, false)
			assert.Equal(t, plugin.Warning, res.State)
			last := res.Long[len(res.Long)-1]
			assert.Regexp(t, `^\.\.\. \d+ more accounts not listed`, last)
			var b strings.Builder
			require.NoError(t, plugin.Render(&b, "WEBIM ACCOUNTS", res, plugin.DefaultMaxOutput))
			assert.NotContains(t, b.String(), "more lines)", "the runtime had to cut the long output")
			assert.Contains(t, b.String(), " | accounts="+strconv.Itoa(n)+";", "the perfdata stays")
			assert.Nil(t, res.Items, "no items without --format json")
		})
	}
}

// TestItems: with --format json every account is an item.
func TestItems(t *testing.T) {
	st := decode(t, testutil.ManyAccounts(500))
	res := webimaccounts.New().Judge(st, true)
	require.Len(t, res.Items, 500)
	assert.Equal(t, "acc0001", res.Items[0].Name)
	assert.Len(t, res.Items[499].Perf, 4)
}

func decode(tb testing.TB, body []byte) *webim.AccountsStat {
	tb.Helper()
	st, err := webim.DecodeAccountsStat(&httpc.Response{StatusCode: http.StatusOK, Header: http.Header{}, Body: body})
	require.NoError(tb, err)
	return st
}

// BenchmarkDecodeAndJudge decodes and judges accounts-stat answers of 10,
// 1000 and 10 000 accounts, healthy and with a third of them in trouble.
func BenchmarkDecodeAndJudge(b *testing.B) {
	for _, n := range []int{10, 1000, 10000} {
		body := testutil.ManyAccounts(n)
		for _, trouble := range []bool{false, true} {
			name := strconv.Itoa(n)
			c := webimaccounts.New()
			if trouble {
				name += "-trouble"
				c.WarningQueue = plugin.MustRange("1")
			}
			b.Run(name, func(b *testing.B) {
				b.ReportAllocs()
				b.SetBytes(int64(len(body)))
				for b.Loop() {
					res := c.Judge(decode(b, body), false)
					if res.Summary == "" {
						b.Fatal("no summary")
					}
				}
			})
		}
	}
}
