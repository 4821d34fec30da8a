package webim_test

import (
	"bufio"
	"bytes"
	"path"
	"strconv"
	"strings"
	"testing"

	"github.com/ccmon/webim-checks/lib/testutil"
	"github.com/ccmon/webim-checks/lib/webim"
)

// vector is one line of testdata/webim/signing/vectors.txt, computed with
// openssl (the commands are in the file).
type vector struct {
	name    string
	chat    []byte
	key     string
	version int
	field   string
	value   string
}

func loadVectors(t *testing.T) []vector {
	t.Helper()
	const dir = "webim/signing"
	var out []vector
	sc := bufio.NewScanner(bytes.NewReader(testutil.Fixture(t, path.Join(dir, "vectors.txt"))))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		if len(f) != 5 {
			t.Fatalf("bad vector line %q", line)
		}
		v, err := strconv.Atoi(f[2])
		if err != nil {
			t.Fatalf("bad version in %q", line)
		}
		out = append(out, vector{
			name: strings.Join(f[:3], " "), chat: testutil.Fixture(t, path.Join(dir, f[0])),
			key: string(testutil.Fixture(t, path.Join(dir, f[1]))), version: v, field: f[3], value: f[4],
		})
	}
	if len(out) < 8 {
		t.Fatalf("only %d vectors", len(out))
	}
	return out
}

func TestSignVectors(t *testing.T) {
	for _, v := range loadVectors(t) {
		t.Run(v.name, func(t *testing.T) {
			field, value := webim.Sign(v.chat, v.key, v.version)
			if field != v.field || value != v.value {
				t.Errorf("Sign = %s=%s, want %s=%s", field, value, v.field, v.value)
			}
		})
	}
}

func TestVerifyVectors(t *testing.T) {
	for _, v := range loadVectors(t) {
		flipped := []byte(v.value)
		if flipped[0] == '0' {
			flipped[0] = '1'
		} else {
			flipped[0] = '0'
		}
		other := webim.FieldCRC
		if v.field == webim.FieldCRC {
			other = webim.FieldSignature
		}
		tests := []struct {
			name    string
			chat    []byte
			key     string
			field   string
			value   string
			version int
			want    bool
		}{
			{"as sent", v.chat, v.key, v.field, v.value, v.version, true},
			{"upper-case hex", v.chat, v.key, v.field, strings.ToUpper(v.value), v.version, true},
			{"one digit changed", v.chat, v.key, v.field, string(flipped), v.version, false},
			{"truncated", v.chat, v.key, v.field, v.value[:len(v.value)-2], v.version, false},
			{"not hex", v.chat, v.key, v.field, "zz" + v.value[2:], v.version, false},
			{"empty", v.chat, v.key, v.field, "", v.version, false},
			{"other field", v.chat, v.key, other, v.value, v.version, false},
			{"other key", v.chat, v.key + "x", v.field, v.value, v.version, false},
			{"chat changed", append(append([]byte(nil), v.chat...), ' '), v.key, v.field, v.value, v.version, false},
		}
		for _, tt := range tests {
			t.Run(v.name+"/"+tt.name, func(t *testing.T) {
				if got := webim.Verify(tt.chat, tt.key, tt.version, tt.field, tt.value); got != tt.want {
					t.Errorf("Verify = %v, want %v", got, tt.want)
				}
			})
		}
	}
}
