package plugin

import (
	"strconv"
	"strings"
)

// ProductVersion is a product's version as numbers, one per
// dot-separated part ("10.7.134" is [10 7 134]), for --min-version.
type ProductVersion []int

// ParseVersion reads v part by part: each dot-separated part counts by its
// leading decimal digits, and a non-numeric rest of a part is ignored
// ("10.7.134-rc1" is 10.7.134, "10.7b" is 10.7). It reports false when the
// first part has no digit (an empty or non-numeric version), or a part is
// absurdly large.
func ParseVersion(v string) (ProductVersion, bool) {
	v = strings.TrimPrefix(strings.TrimSpace(v), "v")
	if v == "" {
		return nil, false
	}
	parts := strings.Split(v, ".")
	out := make(ProductVersion, 0, len(parts))
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
func (v ProductVersion) Compare(w ProductVersion) int {
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

func part(v ProductVersion, i int) int {
	if i < len(v) {
		return v[i]
	}
	return 0
}

// MinVersion is the value of a --min-version flag: a version read when
// the command line is parsed, so that a bad one is a usage error like any
// other. The zero value is no minimum.
type MinVersion struct {
	v   ProductVersion
	raw string
}

// UnmarshalFlag implements the go-flags Unmarshaler; "" (an unset engine
// macro) is no minimum.
func (m *MinVersion) UnmarshalFlag(s string) error {
	s = strings.TrimSpace(s)
	if s == "" {
		*m = MinVersion{}
		return nil
	}
	v, ok := ParseVersion(s)
	if !ok {
		return errorf("%q (want X.Y or X.Y.Z, e.g. 10.7)", s)
	}
	*m = MinVersion{v: v, raw: s}
	return nil
}

// MarshalFlag implements the go-flags Marshaler.
func (m MinVersion) MarshalFlag() (string, error) { return m.raw, nil }

// IsSet reports whether a minimum was given.
func (m MinVersion) IsSet() bool { return m.v != nil }

// String is the version as given.
func (m MinVersion) String() string { return m.raw }

// Older reports whether have, a version string from the product, is older
// than the minimum (false when no minimum is set); ok is false when have
// holds no version number to compare.
func (m MinVersion) Older(have string) (older, ok bool) {
	v, ok := ParseVersion(have)
	if !ok || !m.IsSet() {
		return false, ok
	}
	return v.Compare(m.v) < 0, true
}
