package plugin

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestEditDistance(t *testing.T) {
	tests := []struct {
		name, a, b string
		want       int
	}{
		{"equal", "warning", "warning", 0},
		{"empty", "", "host", 4},
		{"swap", "warnign", "warning", 1},
		{"insert", "timout", "timeout", 1},
		{"substitute", "max_body", "max-body", 1},
		{"insert in a long name", "critcal", "critical", 1},
		{"swap and substitute", "hsot", "post", 2},
		{"unrelated", "bogus", "host", 4},
		{"unicode", "héader", "header", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, editDistance(tt.a, tt.b))
			assert.Equal(t, tt.want, editDistance(tt.b, tt.a), "symmetric")
		})
	}
}
