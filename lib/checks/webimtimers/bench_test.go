package webimtimers_test

import (
	"strconv"
	"testing"

	"github.com/ccmon/webim-checks/lib/checks/webimtimers"
	"github.com/ccmon/webim-checks/lib/testutil"
)

// BenchmarkCheck runs the whole check in-process (parse, GET over
// loopback, decode, judge, render) over answers of 10 to 100 000 timers.
func BenchmarkCheck(b *testing.B) {
	for _, n := range []int{10, 10000, 100000} {
		url := testutil.Serve(b, 200, "application/json", string(testutil.ManyTimers(n)))
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			args := append([]string{"-H", url, "--max-body", "64MiB"}, testutil.WebimLogin()...)
			for b.Loop() {
				if code, out, _ := testutil.Run(b, webimtimers.New(), testutil.Fixed(testutil.T0), args...); code != 0 {
					b.Fatalf("exit %d: %.300s", code, out)
				}
			}
		})
	}
}
