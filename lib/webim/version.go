package webim

import (
	"strconv"
	"strings"
)

// Version is a Webim build number as numbers, one per dot-separated part
// ("10.7.134" is [10 7 134]).
type Version []int

// ParseVersion reads v part by part: each dot-separated part counts by its
// leading decimal digits, and a non-numeric rest of a part is ignored
// ("10.7.134-rc1" is 10.7.134, "10.7b" is 10.7). It reports false when the
// first part has no digit (an empty or non-numeric version), or a part is
// absurdly large.
func ParseVersion(v string) (Version, bool) {
	v = strings.TrimPrefix(strings.TrimSpace(v), "v")
	if v == "" {
		return nil, false
	}
	parts := strings.Split(v, ".")
	out := make(Version, 0, len(parts))
	for i, p := range parts {
		end := 0
		for end < len(p) && p[end] >= '0' && p[end] <= '9' {
			end++
		}
		if end == 0 {
			if i == 0 {
				return nil, false
			}
			out = append(out, 0)
			continue
		}
		n, err := strconv.Atoi(p[:end])
		if err != nil || n > 1e9 {
			return nil, false
		}
		out = append(out, n)
	}
	return out, true
}

// Compare returns -1, 0 or +1 as v is older than, the same as, or newer
// than w; missing parts count as 0 (10.7 is 10.7.0).
func (v Version) Compare(w Version) int {
	for i := 0; i < max(len(v), len(w)); i++ {
		a, b := part(v, i), part(w, i)
		switch {
		case a < b:
			return -1
		case a > b:
			return 1
		}
	}
	return 0
}

func part(v Version, i int) int {
	if i < len(v) {
		return v[i]
	}
	return 0
}

// CompareVersions compares two version strings as [ParseVersion] reads
// them: -1 when a is older than b, 0 when they are the same, +1 when a is
// newer. A version that does not parse counts as 0.
func CompareVersions(a, b string) int {
	va, _ := ParseVersion(a)
	vb, _ := ParseVersion(b)
	return va.Compare(vb)
}
