package itgrix_test

import (
	"testing"
	"time"

	"github.com/ccmon/webim-checks/lib/itgrix"
)

var testNow = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

func TestParseLicenseType(t *testing.T) {
	tests := []struct {
		in   string
		want itgrix.LicenseType
		ok   bool
	}{
		{"Professional", itgrix.Professional, true},
		{"professional", itgrix.Professional, true},
		{" Subscription ", itgrix.Subscription, true},
		{"FREE", itgrix.Free, true},
		{"LicenseType_Subscription", itgrix.Subscription, true},
		{"licensetype_free", itgrix.Free, true},
		{"LicenseType_", "", false},
		{"Enterprise", "", false},
		{"", "", false},
		{"Pro", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, ok := itgrix.ParseLicenseType(tc.in)
			if got != tc.want || ok != tc.ok {
				t.Errorf("ParseLicenseType(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
			}
		})
	}
	if !(itgrix.Professional.Rank() > itgrix.Subscription.Rank() && itgrix.Subscription.Rank() > itgrix.Free.Rank() && itgrix.Free.Rank() > itgrix.LicenseType("Gold").Rank()) {
		t.Error("ranks are not Professional > Subscription > Free > unknown")
	}
	var lt itgrix.LicenseType
	if err := lt.UnmarshalFlag("subscription"); err != nil || lt != itgrix.Subscription {
		t.Errorf("UnmarshalFlag(subscription) = %q, %v", lt, err)
	}
	if err := lt.UnmarshalFlag("Gold"); err == nil {
		t.Error("UnmarshalFlag(Gold) accepted")
	}
}

func TestDaysLeft(t *testing.T) {
	plus3 := time.FixedZone("UTC+3", 3*3600)
	minus5 := time.FixedZone("UTC-5", -5*3600)
	tests := []struct {
		name, date string
		now        time.Time
		want       int
		wantErr    string
	}{
		{"far ahead", "2027-03-01", testNow, 98, ""},
		{"tomorrow", "2026-11-24", testNow, 1, ""},
		{"last valid day", "2026-11-23", testNow, 0, ""},
		{"last valid day, one second before midnight", "2026-11-23", time.Date(2026, 11, 23, 23, 59, 59, 0, time.UTC), 0, ""},
		{"the day after", "2026-11-22", testNow, -1, ""},
		{"ahead of UTC: already the next day locally", "2026-11-24", time.Date(2026, 11, 23, 22, 30, 0, 0, time.UTC).In(plus3), 0, ""},
		{"behind UTC: still the day before locally", "2026-11-23", time.Date(2026, 11, 24, 3, 0, 0, 0, time.UTC).In(minus5), 0, ""},
		{"across a DST change", "2027-04-01", time.Date(2027, 3, 1, 12, 0, 0, 0, mustZone(t, "Europe/Berlin")), 31, ""},
		{"year 9999", "9999-12-31", testNow, 2912116, ""},
		{"spaces around", " 2026-11-30 ", testNow, 7, ""},
		{"day first", "01.03.2027", testNow, 0, "expected YYYY-MM-DD"},
		{"with a time", "2027-03-01T00:00:00Z", testNow, 0, "expected YYYY-MM-DD"},
		{"no such day", "2027-02-30", testNow, 0, "no such date"},
		{"single digits", "2027-3-1", testNow, 0, "expected YYYY-MM-DD"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := itgrix.DaysLeft(tc.date, tc.now)
			if tc.wantErr != "" {
				if err == nil || err.Error() != tc.wantErr {
					t.Fatalf("DaysLeft(%q) error = %v, want %q", tc.date, err, tc.wantErr)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Errorf("DaysLeft(%q, %s) = %d, %v; want %d", tc.date, tc.now, got, err, tc.want)
			}
		})
	}
}

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Skipf("time zone database: %v", err)
	}
	return loc
}
