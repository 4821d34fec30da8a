package testutil

import "strconv"

// ManyTimers returns an answer of /l/a/monitor/timer-stats (seed 000) with
// n healthy timers in the layout of the seed's example (about 115 bytes a
// timer): one to three fast runs each, no failed task. The same n gives
// the same bytes.
func ManyTimers(n int) []byte {
	b := make([]byte, 0, 120*n+64)
	b = append(b, "{\n\"last_min\": {\n"...)
	for i := 0; i < n; i++ {
		if i > 0 {
			b = append(b, ",\n"...)
		}
		runs := 1 + i%3
		b = append(b, "\"timer: bench_timer_"...)
		b = appendPadded(b, i, 6)
		b = append(b, "\": {\n\"count\": "...)
		b = strconv.AppendInt(b, int64(runs), 10)
		b = append(b, ",\n\"execution_times\": ["...)
		for r := 0; r < runs; r++ {
			if r > 0 {
				b = append(b, ", "...)
			}
			b = strconv.AppendFloat(b, 0.0001+float64((i*7+r*13)%997)*1.3e-5, 'g', -1, 64)
		}
		b = append(b, "],\n\"func_name\": \"t\"\n}"...)
	}
	return append(b, "\n},\n\"failed\": []\n}\n"...)
}

// appendPadded appends v in decimal, zero-padded to width digits.
func appendPadded(b []byte, v, width int) []byte {
	s := strconv.Itoa(v)
	for i := len(s); i < width; i++ {
		b = append(b, '0')
	}
	return append(b, s...)
}
