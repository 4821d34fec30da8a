package webim

import (
	"bytes"
	"flag"
	"net/http"
	"os"
	"strconv"
	"testing"

	"github.com/ccmon/webim-checks/lib/testutil"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDecodeAccountsStat(t *testing.T) {
	tests := []testutil.DecodeCase[*AccountsStat]{
		{Name: "seed 000", Fixture: "seed.json", Check: accounts(1, false, func(t *testing.T, st *AccountsStat) {
			assert.Equal(t, Count(13), st.Total.Sessions)
			a := st.Accounts[0]
			assert.Equal(t, "wmtest107", a.Name)
			assert.Equal(t, "wmtest107.webim.ru", a.Domain)
			assert.Equal(t, Count(2), a.InQueue)
			assert.Equal(t, Count(2), a.OnlineOperators)
			assert.False(t, a.WrongInstance())
		})},
		{Name: "Python literal", Fixture: "python.txt", Check: accounts(1, false, func(t *testing.T, st *AccountsStat) {
			assert.Equal(t, Count(2), st.Accounts[0].InQueue)
		})},
		{Name: "500 accounts", Fixture: "many.json", Check: accounts(500, false)},
		{Name: "boolean and integer not_belongs", Fixture: "trouble.json", Check: accounts(5, false, func(t *testing.T, st *AccountsStat) {
			assert.Equal(t, Count(2), st.Total.NotBelongs, "an integer in TOTAL")
			assert.True(t, st.Accounts[3].WrongInstance(), "true in sales")
			assert.False(t, st.Accounts[4].WrongInstance(), "ignored in legacy")
			assert.Equal(t, 5.0, st.Accounts[2].FailedStore())
			assert.Equal(t, 5000.0, st.Accounts[3].Backlog())
		})},
		{Name: "no TOTAL row", Fixture: "no-total.json", Check: accounts(2, true, func(t *testing.T, st *AccountsStat) {
			assert.Equal(t, Count(7), st.Total.InQueue)
			assert.Equal(t, Count(26), st.Total.Sessions)
		})},
		{Name: "null counter reads 0", Body: `[{"name": "a", "in_queue_cnt": null}]`, Check: accounts(1, true)},
		{Name: "whole float", Body: `[{"name": "a", "in_queue_cnt": 2.0}]`, Check: accounts(1, true)},
		{Name: "an account named TOTAL with a domain", Body: `[{"name": "TOTAL", "domain": "total.webim.ru"}]`, Check: accounts(1, true)},
		{Name: "empty list", Fixture: "empty.json", Err: "accounts-stat: the answer lists no accounts"},
		{Name: "negative", Fixture: "negative.json", Err: "accounts-stat: in_queue_cnt of TOTAL is negative (-3)"},
		{Name: "absurd", Fixture: "absurd.json", Err: "accounts-stat: collected_to_store_objects_cnt of TOTAL is absurdly large (1e+300)"},
		{Name: "fraction", Body: `[{"name": "a", "chats_cnt": 1.5}]`, Err: "accounts-stat: chats_cnt of a is not a whole number (1.5)"},
		{Name: "object", Fixture: "object.json", Err: "accounts-stat: expected a JSON list of accounts"},
		{Name: "string count", Fixture: "string-count.json", Err: "field in_queue_cnt is a JSON string"},
		{Name: "no name", Fixture: "no-name.json", Err: "accounts-stat: row 1 has no name"},
		{Name: "login page", Body: string(testutil.Fixture(t, "bad/login.html")), Err: "accounts-stat: expected a JSON list of accounts, got an HTML page"},
		{Name: "truncated", Body: string(testutil.Fixture(t, "bad/truncated.json")), Err: "accounts-stat: expected a JSON list of accounts"},
	}
	testutil.RunDecodeCases(t, "webim/accounts-stat", ok200(DecodeAccountsStat), tests)
}

// accounts judges a success: n accounts, the TOTAL row summed from them
// or not, then what check (if any) looks at.
func accounts(n int, summed bool, check ...func(t *testing.T, st *AccountsStat)) func(t *testing.T, st *AccountsStat) {
	return func(t *testing.T, st *AccountsStat) {
		assert.Len(t, st.Accounts, n)
		assert.Equal(t, summed, st.TotalSummed)
		for _, c := range check {
			c(t, st)
		}
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
	testutil.FuzzDecode(f, "FuzzDecodeAccountsStat", ok200(DecodeAccountsStat), func(t *testing.T, _ []byte, st *AccountsStat) {
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
