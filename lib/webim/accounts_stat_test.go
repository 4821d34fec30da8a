package webim

import (
	"bytes"
	"errors"
	"flag"
	"net/http"
	"os"
	"strconv"
	"testing"

	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/testutil"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDecodeAccountsStat(t *testing.T) {
	tests := []struct {
		name     string
		fixture  string
		body     string
		accounts int
		summed   bool
		check    func(t *testing.T, st *AccountsStat)
		err      string
	}{
		{name: "seed 000", fixture: "seed.json", accounts: 1, check: func(t *testing.T, st *AccountsStat) {
			assert.Equal(t, Count(13), st.Total.Sessions)
			a := st.Accounts[0]
			assert.Equal(t, "wmtest107", a.Name)
			assert.Equal(t, "wmtest107.webim.ru", a.Domain)
			assert.Equal(t, Count(2), a.InQueue)
			assert.Equal(t, Count(2), a.OnlineOperators)
			assert.False(t, a.WrongInstance())
		}},
		{name: "Python literal", fixture: "python.txt", accounts: 1, check: func(t *testing.T, st *AccountsStat) {
			assert.Equal(t, Count(2), st.Accounts[0].InQueue)
		}},
		{name: "500 accounts", fixture: "many.json", accounts: 500},
		{name: "boolean and integer not_belongs", fixture: "trouble.json", accounts: 5, check: func(t *testing.T, st *AccountsStat) {
			assert.Equal(t, Count(2), st.Total.NotBelongs, "an integer in TOTAL")
			assert.True(t, st.Accounts[3].WrongInstance(), "true in sales")
			assert.False(t, st.Accounts[4].WrongInstance(), "ignored in legacy")
			assert.Equal(t, 5.0, st.Accounts[2].FailedStore())
			assert.Equal(t, 5000.0, st.Accounts[3].Backlog())
		}},
		{name: "no TOTAL row", fixture: "no-total.json", accounts: 2, summed: true, check: func(t *testing.T, st *AccountsStat) {
			assert.Equal(t, Count(7), st.Total.InQueue)
			assert.Equal(t, Count(26), st.Total.Sessions)
		}},
		{name: "null counter reads 0", body: `[{"name": "a", "in_queue_cnt": null}]`, accounts: 1, summed: true},
		{name: "whole float", body: `[{"name": "a", "in_queue_cnt": 2.0}]`, accounts: 1, summed: true},
		{name: "an account named TOTAL with a domain", body: `[{"name": "TOTAL", "domain": "total.webim.ru"}]`, accounts: 1, summed: true},
		{name: "empty list", fixture: "empty.json", err: "accounts-stat: the answer lists no accounts"},
		{name: "negative", fixture: "negative.json", err: "accounts-stat: in_queue_cnt of TOTAL is negative (-3)"},
		{name: "absurd", fixture: "absurd.json", err: "accounts-stat: collected_to_store_objects_cnt of TOTAL is absurdly large (1e+300)"},
		{name: "fraction", body: `[{"name": "a", "chats_cnt": 1.5}]`, err: "accounts-stat: chats_cnt of a is not a whole number (1.5)"},
		{name: "object", fixture: "object.json", err: "accounts-stat: expected a JSON list of accounts"},
		{name: "string count", fixture: "string-count.json", err: "field in_queue_cnt is a JSON string"},
		{name: "no name", fixture: "no-name.json", err: "accounts-stat: row 1 has no name"},
		{name: "login page", body: string(testutil.Fixture(t, "bad/login.html")), err: "accounts-stat: expected a JSON list of accounts, got an HTML page"},
		{name: "truncated", body: string(testutil.Fixture(t, "bad/truncated.json")), err: "accounts-stat: expected a JSON list of accounts"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := []byte(tt.body)
			if tt.fixture != "" {
				body = testutil.Fixture(t, "webim/accounts-stat/"+tt.fixture)
			}
			st, err := DecodeAccountsStat(response(http.StatusOK, body))
			if tt.err != "" {
				require.Error(t, err)
				assert.ErrorIs(t, err, plugin.ErrDecode)
				assert.Contains(t, err.Error(), tt.err)
				return
			}
			require.NoError(t, err)
			assert.Len(t, st.Accounts, tt.accounts)
			assert.Equal(t, tt.summed, st.TotalSummed)
			if tt.check != nil {
				tt.check(t, st)
			}
		})
	}
}

// TestManyAccountsFixture holds the committed 500-account answer equal to
// what testutil.ManyAccounts makes; -update rewrites it.
func TestManyAccountsFixture(t *testing.T) {
	want := testutil.ManyAccounts(500)
	if f := flag.Lookup("update"); f != nil && f.Value.String() == "true" {
		require.NoError(t, os.WriteFile(testutil.Path(testutil.ManyAccountsFixture), want, 0o644))
	}
	got := testutil.Fixture(t, testutil.ManyAccountsFixture)
	assert.True(t, bytes.Equal(want, got), "%s differs from testutil.ManyAccounts(500) (go test -update rewrites it)", testutil.ManyAccountsFixture)
}

// FuzzDecodeAccountsStat feeds arbitrary bodies through the interpretation
// of accounts-stat: it never panics, a failure is an ErrDecode, and a
// success has at least a TOTAL row whose counters are counts.
func FuzzDecodeAccountsStat(f *testing.F) {
	testutil.FuzzSeeds(f, "FuzzDecodeAccountsStat")
	f.Fuzz(func(t *testing.T, body []byte) {
		st, err := DecodeAccountsStat(response(http.StatusOK, body))
		if err != nil {
			if !errors.Is(err, plugin.ErrDecode) {
				t.Fatalf("error of an unexpected kind: %v", err)
			}
			return
		}
		for i := range st.Accounts {
			a := &st.Accounts[i]
			if a.Name == "" || a.FailedStore() < 0 || a.Backlog() < 0 || a.InQueue.Problem() != "" {
				t.Fatalf("account %d is not valid: %+v", i, *a)
			}
		}
	})
}

func BenchmarkDecodeAccountsStat(b *testing.B) {
	for _, n := range []int{10, 1000, 10000} {
		body := testutil.ManyAccounts(n)
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				if _, err := DecodeAccountsStat(response(http.StatusOK, body)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
