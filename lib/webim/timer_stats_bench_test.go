package webim

import (
	"net/http"
	"strconv"
	"testing"

	"github.com/ccmon/webim-checks/lib/testutil"
)

// BenchmarkDecodeManyTimers decodes timer-stats answers of 10, 10 000 and
// 100 000 timers (testutil.ManyTimers), as make bench serves them.
func BenchmarkDecodeManyTimers(b *testing.B) {
	c := offlineClient(b)
	for _, n := range []int{10, 10000, 100000} {
		body := testutil.ManyTimers(n)
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				if _, err := c.timerStats(response(http.StatusOK, body)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
