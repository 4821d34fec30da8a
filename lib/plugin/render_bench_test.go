package plugin_test

import (
	"bytes"
	"strconv"
	"testing"

	"github.com/ccmon/webim-checks/lib/plugin"
)

// BenchmarkRenderManyLines renders results with 10, 10 000 and 100 000
// long-output lines and 40 perf items, in both formats: Render keeps what
// fits 4 KiB, RenderJSON what fits its own cap.
func BenchmarkRenderManyLines(b *testing.B) {
	for _, n := range []int{10, 10000, 100000} {
		res := &plugin.Result{State: plugin.OK, Summary: strconv.Itoa(n) + " timers ran in the last minute, slowest bench_timer_000281 took 0.01s; no failed tasks"}
		for i := 0; i < n; i++ {
			res.Long = append(res.Long, "bench_timer_"+strconv.Itoa(i)+": 3 runs, max 0.01s")
		}
		for i := 0; i < 40; i++ {
			res.AddPerf(plugin.Perf{Label: "bench_timer_" + strconv.Itoa(i) + "_max", Value: 0.013, Unit: "s"})
		}
		for _, format := range []string{"nagios", "json"} {
			b.Run(strconv.Itoa(n)+"-"+format, func(b *testing.B) {
				var buf bytes.Buffer
				b.ReportAllocs()
				for b.Loop() {
					buf.Reset()
					var err error
					if format == "json" {
						err = plugin.RenderJSON(&buf, "WEBIM TIMERS", res)
					} else {
						err = plugin.Render(&buf, "WEBIM TIMERS", res, plugin.DefaultMaxOutput)
					}
					if err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
