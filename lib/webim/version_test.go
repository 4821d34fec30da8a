package webim_test

import (
	"testing"

	"github.com/ccmon/webim-checks/lib/webim"
	"github.com/stretchr/testify/assert"
)

func TestCompareVersions(t *testing.T) {
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
			assert.Equal(t, tt.want, webim.CompareVersions(tt.a, tt.b))
			assert.Equal(t, -tt.want, webim.CompareVersions(tt.b, tt.a), "antisymmetric")
		})
	}
}
