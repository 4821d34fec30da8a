package prom

import (
	"math"
	"slices"
)

// Aggregations are the names --aggregate accepts.
var Aggregations = []string{"sum", "max", "min", "avg", "count"}

// IsAggregation reports whether fn is one of [Aggregations].
func IsAggregation(fn string) bool { return slices.Contains(Aggregations, fn) }

// Aggregate folds values with fn (sum, max, min, avg, count). NaN values
// are left out; it returns the result and how many values went into it,
// and false when none did.
func Aggregate(fn string, values []float64) (float64, int, bool) {
	n := 0
	var acc float64
	for _, v := range values {
		if math.IsNaN(v) {
			continue
		}
		switch {
		case n == 0:
			acc = v
		case fn == "max":
			acc = math.Max(acc, v)
		case fn == "min":
			acc = math.Min(acc, v)
		default:
			acc += v
		}
		n++
	}
	switch {
	case n == 0:
		return 0, 0, false
	case fn == "count":
		return float64(n), n, true
	case fn == "avg":
		return acc / float64(n), n, true
	}
	return acc, n, true
}
