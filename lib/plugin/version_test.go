package plugin_test

import (
	"testing"

	"github.com/ccmon/webim-checks/lib/plugin"
)

func TestParseVersion(t *testing.T) {
	tests := []struct {
		in   string
		want plugin.ProductVersion
		ok   bool
	}{
		{"10.7.134", plugin.ProductVersion{10, 7, 134}, true},
		{"10.7", plugin.ProductVersion{10, 7}, true},
		{"10.7.140-hotfix2", plugin.ProductVersion{10, 7, 140}, true},
		{"v10.6b.3", plugin.ProductVersion{10, 6, 3}, true},
		{"10.x.1", plugin.ProductVersion{10, 0, 1}, true},
		{" 9 ", plugin.ProductVersion{9}, true},
		{"", nil, false},
		{"release-10.7", nil, false},
		{"99999999999.1", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := plugin.ParseVersion(tt.in)
			if ok != tt.ok || got.Compare(tt.want) != 0 || len(got) != len(tt.want) {
				t.Errorf("plugin.ParseVersion(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestVersionCompare(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"10.7.134", "10.7", 1},
		{"10.7", "10.7.0", 0},
		{"10.6.99", "10.7", -1},
		{"10.10", "10.9", 1},
		{"9.99.99", "10", -1},
		{"10.7.140-hotfix2", "10.7.140", 0},
	}
	for _, tt := range tests {
		t.Run(tt.a+" vs "+tt.b, func(t *testing.T) {
			a, _ := plugin.ParseVersion(tt.a)
			b, _ := plugin.ParseVersion(tt.b)
			if got := a.Compare(b); got != tt.want {
				t.Errorf("Compare = %d, want %d", got, tt.want)
			}
		})
	}
}

func TestCompareVersionStrings(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		want int
	}{
		{"equal", "10.7.134", "10.7.134", 0},
		{"older patch", "10.7.99", "10.7.134", -1},
		{"numeric, not text", "10.10", "10.9", 1},
		{"missing part is 0", "10.7", "10.7.0", 0},
		{"shorter is older when the rest is above 0", "10.7", "10.7.1", -1},
		{"x as in the seed counts as 0", "10.7.x", "10.7", 0},
		{"x is older than a build", "10.7.x", "10.7.134", -1},
		{"rest of a part ignored", "10.7.134-rc1", "10.7.134", 0},
		{"leading v and spaces", " v10.8 ", "10.7.134", 1},
		{"leading zeros", "10.07", "10.7", 0},
		{"empty is oldest", "", "0.1", -1},
		{"both empty", "", "", 0},
		{"major wins", "11.0", "10.99.99", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, _ := plugin.ParseVersion(tt.a)
			b, _ := plugin.ParseVersion(tt.b)
			if got, back := a.Compare(b), b.Compare(a); got != tt.want || back != -tt.want {
				t.Errorf("Compare = %d and back %d, want %d", got, back, tt.want)
			}
		})
	}
}

func TestMinVersionFlag(t *testing.T) {
	tests := []struct {
		name, flag, have string
		err              bool
		older, ok        bool
	}{
		{name: "unset is no minimum", flag: "", have: "1.0", older: false, ok: true},
		{name: "older", flag: "10.8", have: "10.7.134", older: true, ok: true},
		{name: "equal is not older", flag: "10.7.134", have: "10.7.134", ok: true},
		{name: "hotfix counts by its number", flag: "10.7.141", have: "10.7.140-hotfix2", older: true, ok: true},
		{name: "no version to compare", flag: "10.7", have: "", ok: false},
		{name: "not a version", flag: "latest", err: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var m plugin.MinVersion
			err := m.UnmarshalFlag(tt.flag)
			if (err != nil) != tt.err {
				t.Fatalf("UnmarshalFlag(%q): %v", tt.flag, err)
			}
			if tt.err {
				return
			}
			if s, _ := m.MarshalFlag(); s != tt.flag {
				t.Errorf("MarshalFlag = %q, want %q", s, tt.flag)
			}
			if older, ok := m.Older(tt.have); older != tt.older || ok != tt.ok {
				t.Errorf("Older(%q) = %v, %v; want %v, %v", tt.have, older, ok, tt.older, tt.ok)
			}
		})
	}
}
