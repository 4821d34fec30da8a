package webim

import "strings"

// CompareVersions compares two Webim versions ("10.7.134", "10.7.x",
// "10.6") part by part, each dot-separated part as a number: it returns -1
// when a is older than b, 0 when they are the same, +1 when a is newer.
// The number of a part is its leading digits; a non-numeric rest ("x",
// "-rc1") is ignored, and a part without digits counts as 0, as does a
// missing part ("10.7" is "10.7.0"). Spaces and a leading "v" are ignored.
func CompareVersions(a, b string) int {
	pa, pb := versionParts(a), versionParts(b)
	for i := 0; i < max(len(pa), len(pb)); i++ {
		x, y := part(pa, i), part(pb, i)
		switch {
		case x.less(y):
			return -1
		case y.less(x):
			return 1
		}
	}
	return 0
}

// versionParts splits a version into its dot-separated parts.
func versionParts(v string) []string {
	v = strings.TrimSpace(v)
	v = strings.TrimPrefix(strings.TrimPrefix(v, "v"), "V")
	if v == "" {
		return nil
	}
	return strings.Split(v, ".")
}

// part returns the number of part i (0 when missing), compared as
// digits without leading zeros so that no part can overflow.
func part(parts []string, i int) numeric {
	if i >= len(parts) {
		return ""
	}
	s := parts[i]
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return numeric(strings.TrimLeft(s[:n], "0"))
}

// numeric is a non-negative integer in decimal without leading zeros
// ("" is 0), ordered by value.
type numeric string

func (x numeric) less(y numeric) bool {
	if len(x) != len(y) {
		return len(x) < len(y)
	}
	return x < y
}
