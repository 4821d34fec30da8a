package itgrix

import (
	"fmt"
	"strings"
	"time"
)

// LicenseType is a license type of seed 001, ranked Professional >
// Subscription > Free.
type LicenseType string

// The license types of seed 001.
const (
	// Professional is the paid license with full functionality.
	Professional LicenseType = "Professional"
	// Subscription is the subscription license with limited functionality.
	Subscription LicenseType = "Subscription"
	// Free is the free license with basic functionality.
	Free LicenseType = "Free"
)

// ParseLicenseType reads a license type: the documented names in any case,
// also with the "LicenseType_" prefix the connector uses in app_type. ok is
// false for anything else.
func ParseLicenseType(s string) (t LicenseType, ok bool) {
	s = strings.TrimSpace(s)
	if len(s) > len("LicenseType_") && strings.EqualFold(s[:len("LicenseType_")], "LicenseType_") {
		s = s[len("LicenseType_"):]
	}
	for _, t := range []LicenseType{Professional, Subscription, Free} {
		if strings.EqualFold(s, string(t)) {
			return t, true
		}
	}
	return "", false
}

// Rank orders the types: Professional 3, Subscription 2, Free 1, anything
// else 0.
func (t LicenseType) Rank() int {
	switch t {
	case Professional:
		return 3
	case Subscription:
		return 2
	case Free:
		return 1
	}
	return 0
}

// UnmarshalFlag implements the go-flags Unmarshaler (--min-type).
func (t *LicenseType) UnmarshalFlag(s string) error {
	v, ok := ParseLicenseType(s)
	if !ok {
		return fmt.Errorf("unknown license type %q (want Professional, Subscription or Free)", s)
	}
	*t = v
	return nil
}

// MarshalFlag implements the go-flags Marshaler (defaults in help).
func (t LicenseType) MarshalFlag() (string, error) { return string(t), nil }

// dateLayout is the format of license.valid_till (seed 001: YYYY-MM-DD).
const dateLayout = "2006-01-02"

// DaysLeft returns the number of calendar days from today to the last
// valid day validTill (YYYY-MM-DD), both taken in the time zone of now:
// 0 on the last valid day (still valid), negative once it has passed.
// The error says why validTill cannot be read.
func DaysLeft(validTill string, now time.Time) (int, error) {
	d, err := time.Parse(dateLayout, strings.TrimSpace(validTill))
	if err != nil {
		if strings.Contains(err.Error(), "out of range") {
			return 0, fmt.Errorf("no such date")
		}
		return 0, fmt.Errorf("expected YYYY-MM-DD")
	}
	y, m, day := now.Date()
	today := time.Date(y, m, day, 0, 0, 0, 0, time.UTC)
	// whole days between two UTC midnights; Unix seconds do not saturate
	// the way a Duration does over centuries
	return int((d.Unix() - today.Unix()) / 86400), nil
}
