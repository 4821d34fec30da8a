package plugin

import "testing"

// TestRelease: an answer of largeAnswer bytes or more is dropped, a
// smaller one left to the caller.
func TestRelease(t *testing.T) {
	tests := []struct {
		name string
		size int
		kept bool
	}{
		{"small", 1 << 10, true},
		{"just under", largeAnswer - 1, true},
		{"large", largeAnswer, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := make([]byte, tt.size)
			Release(&body)
			if kept := body != nil; kept != tt.kept {
				t.Fatalf("kept = %v, want %v", kept, tt.kept)
			}
		})
	}
}
