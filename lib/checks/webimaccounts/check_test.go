package webimaccounts_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/ccmon/webim-checks/lib/checks/webimaccounts"
	"github.com/ccmon/webim-checks/lib/httpc"
	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/testutil"
	"github.com/ccmon/webim-checks/lib/webim"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestGolden runs the check in-process against the simulator's
// accounts-stat scenarios and compares the whole output with a golden.
func TestGolden(t *testing.T) {
	tests := []testutil.Case{
		{Name: "seed", Path: "/healthy", Code: 0, Output: withinCap},
		{Name: "python", Path: "/accounts-python", Code: 0, Output: withinCap},
		{Name: "many", Path: "/accounts-many", Code: 0, Output: withinCap},
		{Name: "many-problems-cut-at-the-cap", Path: "/accounts-many", Args: []string{"--warning-queue", "0", "--critical-queue", "1"}, Code: 2, Output: withinCap},
		{Name: "no-total", Path: "/accounts-no-total", Code: 0, Output: withinCap},
		{Name: "failed-store", Path: "/accounts-failed-store", Code: 1, Output: withinCap},
		{Name: "failed-store-critical", Path: "/accounts-failed-store", Args: []string{"--critical-failed-store", "2"}, Code: 2, Output: withinCap},
		{Name: "failed-store-tolerated", Path: "/accounts-failed-store", Args: []string{"--warning-failed-store", "5"}, Code: 0, Output: withinCap},
		{Name: "wrong-instance", Path: "/accounts-wrong-instance", Code: 1, Output: withinCap},
		{Name: "trouble", Path: "/accounts-trouble", Code: 1, Output: withinCap},
		{Name: "trouble-all-thresholds", Path: "/accounts-trouble", Args: []string{"--warning-queue", "5", "--critical-queue", "10", "--critical-backlog", "1000", "--min-operators", "1"}, Code: 2, Output: withinCap},
		{Name: "trouble-json", Path: "/accounts-trouble", Args: []string{"--format", "json", "--critical-queue", "10"}, Code: 2},
		{Name: "trouble-perf-left-out", Path: "/accounts-trouble", Args: []string{"--max-perf-accounts", "4"}, Code: 1, Output: withinCap},
		{Name: "account-named", Path: "/accounts-trouble", Args: []string{"--account", "shop", "--account", "wmtest107"}, Code: 0, Output: withinCap},
		{Name: "account-named-problem", Path: "/accounts-trouble", Args: []string{"--account", "support"}, Code: 1, Output: withinCap},
		{Name: "account-missing", Path: "/accounts-trouble", Args: []string{"--account", "shop", "--account", "nosuch"}, Code: 2, Output: withinCap},
		{Name: "account-missing-json", Path: "/healthy", Args: []string{"--account", "nosuch", "--format", "json"}, Code: 2},
		{Name: "min-operators", Path: "/healthy", Args: []string{"--min-operators", "3"}, Code: 1, Output: withinCap},
		{Name: "empty", Path: "/accounts-empty", Code: 3, Output: withinCap},
		{Name: "negative", Path: "/accounts-negative", Code: 3, Output: withinCap},
		{Name: "bad-min-operators", Path: "/healthy", Args: []string{"--min-operators", "-1"}, Code: 3, Output: withinCap},
		{Name: "bad-account", Path: "/healthy", Args: []string{"--account", " "}, Code: 3, Output: withinCap},
	}
	testutil.RunSimCases(t, webimaccounts.New, testutil.WebimLogin(), testutil.T0, tests)
}

// withinCap fails t when the output is longer than the default output cap.
func withinCap(t testing.TB, out string) {
	assert.LessOrEqual(t, len(out), plugin.DefaultMaxOutput, "within the output cap")
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
