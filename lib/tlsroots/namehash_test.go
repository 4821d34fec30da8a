package tlsroots

import (
	"encoding/hex"
	"encoding/pem"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Expected values from `openssl x509 -noout -subject_hash` (OpenSSL 3.0)
// on certificates with these subjects.
func TestSubjectHashOpenSSLVectors(t *testing.T) {
	tests := []struct {
		name string
		der  string
		want uint32
	}{
		{"C O CN", "303d310b300906035504061302555331143012060355040a0c0b4578616d706c65204f72673118301606035504030c0f4578616d706c6520526f6f74204341", 0xe6dddb6d},
		{"spaces and case folded", "30223120301e06035504030c1720204d69786564202020434153452009204e616d652020", 0xf7ef3b8c},
		{"multi-valued RDN", "301d311b300b060355040a0c045a657461300c06035504031305416c706861", 0x94184468},
		{"BMPString and UniversalString", "3048311f301d06035504031e1600dc006e00ef006300f6006400e900200042004d005031253023060355040a1c1c000000550000006e000000690000007600000020000000c4000000d6", 0x59131f4c},
		{"T61String as Latin-1", "30133111300f06035504031408436166e920543631", 0x50a327d0},
		{"IA5String e-mail", "30223120301e06092a864886f70d010901161141646d696e404578616d706c652e434f4d", 0x8fa7d0f5},
		{"NumericString kept as is", "3010310e300c060355040312053132203334", 0x4bb064b7},
		{"UTF-8 beyond ASCII kept", "301d311b301906035504030c124772c3bcc39f652020415553204bc3b66c6e", 0x3d3d8437},
		{"empty name", "3000", 0xeea339da},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			der, err := hex.DecodeString(tt.der)
			require.NoError(t, err)
			got, ok := subjectHash(der)
			require.True(t, ok)
			assert.Equal(t, tt.want, got, "%08x", got)
		})
	}
}

func TestSubjectHashRejectsBrokenNames(t *testing.T) {
	for _, der := range []string{"", "30", "3003310130", "310130", "30023000", "3000ff"} {
		b, _ := hex.DecodeString(der)
		_, ok := subjectHash(b)
		assert.False(t, ok, der)
	}
}

// TestSubjectHashSystemDirectory checks the hash against the names that
// c_rehash or update-ca-certificates gave the files of the machine's
// certificate directory.
func TestSubjectHashSystemDirectory(t *testing.T) {
	const dir = "/etc/ssl/certs"
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Skipf("no %s here: %v", dir, err)
	}
	hashed := regexp.MustCompile(`^([0-9a-f]{8})\.[0-9]+$`)
	n := 0
	for _, e := range entries {
		m := hashed.FindStringSubmatch(e.Name())
		if m == nil {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			continue
		}
		b, _ := pem.Decode(data)
		if b == nil || b.Type != "CERTIFICATE" {
			continue
		}
		names, err := WalkNames(b.Bytes)
		require.NoError(t, err, e.Name())
		want, _ := strconv.ParseUint(m[1], 16, 32)
		got, ok := subjectHash(names.Subject)
		require.True(t, ok, e.Name())
		assert.Equal(t, uint32(want), got, "%s: got %08x", e.Name(), got)
		n++
	}
	if n == 0 {
		t.Skipf("no hashed certificate in %s", dir)
	}
	t.Logf("%d hashed certificates checked", n)
}
