package dolibarr

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// sizeUnits are the units of ServerObserver's sizes, 1024-based, in the
// order of the module's list: B, KB, MB, GB, TB, EB. The list has no PB,
// so EB stands at the fifth power of 1024, as the module computes it.
var sizeUnits = []string{"B", "KB", "MB", "GB", "TB", "EB"}

// maxBytes bounds a size: anything larger is not a disk (2^60 bytes).
const maxBytes = 1 << 60

// ParseSize reads a size as ServerObserver writes it in server_info
// ("12.34 GB": a decimal number, one space, a unit of B, KB, MB, GB, TB,
// EB) and returns it in bytes. Anything else is an error: no comma, no
// sign, no other unit or spacing.
func ParseSize(s string) (int64, error) {
	num, unit, ok := strings.Cut(s, " ")
	if !ok {
		return 0, fmt.Errorf("%q is not a size such as \"12.34 GB\"", s)
	}
	mult := -1
	for i, u := range sizeUnits {
		if unit == u {
			mult = i
		}
	}
	v, err := decimal(num)
	if mult < 0 || err != nil {
		return 0, fmt.Errorf("%q is not a size such as \"12.34 GB\"", s)
	}
	b := v * math.Pow(1024, float64(mult))
	if b > maxBytes {
		return 0, fmt.Errorf("%q is larger than any disk", s)
	}
	return int64(math.Round(b)), nil
}

// ParsePercent reads a percentage as ServerObserver writes it ("45.67
// %"): a decimal number from 0 to 100, one space, "%".
func ParsePercent(s string) (float64, error) {
	num, ok := strings.CutSuffix(s, " %")
	v, err := decimal(num)
	if !ok || err != nil || v > 100 {
		return 0, fmt.Errorf("%q is not a percentage such as \"45.67 %%\"", s)
	}
	return v, nil
}

// decimal reads a plain non-negative decimal number: digits, optionally a
// point and more digits.
func decimal(s string) (float64, error) {
	intPart, frac, hasPoint := strings.Cut(s, ".")
	if intPart == "" || !allDigits(intPart) || hasPoint && (frac == "" || !allDigits(frac)) || len(s) > 40 {
		return 0, fmt.Errorf("%q is not a decimal number", s)
	}
	return strconv.ParseFloat(s, 64)
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
