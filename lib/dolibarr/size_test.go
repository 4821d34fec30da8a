package dolibarr_test

import (
	"testing"

	"github.com/ccmon/webim-checks/lib/dolibarr"
	"github.com/ccmon/webim-checks/lib/testutil"
)

func TestParseSize(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"12.34 GB", 13249974108, true},
		{"0 B", 0, true},
		{"512 B", 512, true},
		{"1 KB", 1024, true},
		{"1.5 MB", 1572864, true},
		{"97.87 GB", 105087112315, true},
		{"1.95 TB", 2144047674163, true},
		{"1 EB", 1 << 50, true}, // the fifth unit of the module's list
		{"12,34 GB", 0, false},
		{"12.34 Go", 0, false},
		{"12.34GB", 0, false},
		{"12.34  GB", 0, false},
		{"12.34 gb", 0, false},
		{"12.34 GiB", 0, false},
		{"12.34 PB", 0, false},
		{"-1 GB", 0, false},
		{"+1 GB", 0, false},
		{"1e3 GB", 0, false},
		{".5 GB", 0, false},
		{"5. GB", 0, false},
		{"0x10 GB", 0, false},
		{"NaN GB", 0, false},
		{"Inf GB", 0, false},
		{"2000 EB", 0, false},
		{"", 0, false},
		{"GB", 0, false},
		{" 1 GB", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := dolibarr.ParseSize(tt.in)
			if (err == nil) != tt.ok || got != tt.want {
				t.Errorf("ParseSize(%q) = %d, %v; want %d, ok %v", tt.in, got, err, tt.want, tt.ok)
			}
		})
	}
}

func TestParsePercent(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"45.67 %", 45.67, true},
		{"0 %", 0, true},
		{"100 %", 100, true},
		{"100.01 %", 0, false},
		{"45.67%", 0, false},
		{"45,67 %", 0, false},
		{"-1 %", 0, false},
		{"45.67", 0, false},
		{"NaN %", 0, false},
		{"", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := dolibarr.ParsePercent(tt.in)
			if (err == nil) != tt.ok || got != tt.want {
				t.Errorf("ParsePercent(%q) = %v, %v; want %v, ok %v", tt.in, got, err, tt.want, tt.ok)
			}
		})
	}
}

func FuzzParseSize(f *testing.F) {
	testutil.FuzzSeeds(f, "FuzzParseSize")
	f.Fuzz(func(t *testing.T, b []byte) {
		if n, err := dolibarr.ParseSize(string(b)); err == nil && (n < 0 || n > 1<<60) {
			t.Fatalf("ParseSize(%q) = %d", b, n)
		}
		if p, err := dolibarr.ParsePercent(string(b)); err == nil && (p < 0 || p > 100) {
			t.Fatalf("ParsePercent(%q) = %v", b, p)
		}
	})
}
