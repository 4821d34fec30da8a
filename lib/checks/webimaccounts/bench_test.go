package webimaccounts_test

import (
	"strconv"
	"testing"

	"github.com/ccmon/webim-checks/lib/checks/webimaccounts"
	"github.com/ccmon/webim-checks/lib/testutil"
)

// BenchmarkCheck runs the whole check in-process (parse, GET over
// loopback, decode, judge, render) over answers of 10 to 10 000 accounts.
func BenchmarkCheck(b *testing.B) {
	for _, n := range []int{10, 1000, 10000} {
		url := testutil.Serve(b, 200, "application/json", string(testutil.ManyAccounts(n)))
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			args := append([]string{"-H", url, "--max-body", "64MiB"}, testutil.WebimLogin()...)
			for b.Loop() {
				if code, out, _ := testutil.Run(b, webimaccounts.New(), nil, args...); code != 0 {
					b.Fatalf("exit %d: %.300s", code, out)
				}
			}
		})
	}
}
