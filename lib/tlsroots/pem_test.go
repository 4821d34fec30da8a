package tlsroots

import (
	"bytes"
	"encoding/pem"
	"reflect"
	"strings"
	"testing"

	"github.com/ccmon/webim-checks/lib/testutil"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// goBlocks is what a pem.Decode loop (AppendCertsFromPEM's) decodes.
func goBlocks(data []byte) []*pem.Block {
	var out []*pem.Block
	for len(data) > 0 {
		var b *pem.Block
		b, data = pem.Decode(data)
		if b == nil {
			break
		}
		out = append(out, b)
	}
	return out
}

// scannedBlocks is what nextPEM finds, each decoded where it decodes; it
// checks that the cert flag says what the decoded block is.
func scannedBlocks(t testing.TB, data []byte) []*pem.Block {
	var out []*pem.Block
	for len(data) > 0 {
		blk, rest, ok := nextPEM(data)
		if !ok {
			break
		}
		if len(rest) >= len(data) {
			t.Fatalf("nextPEM did not advance")
		}
		data = rest
		p, prest := pem.Decode(blk.at)
		if p == nil || len(prest) != len(blk.end) {
			continue // invalid base64: pem.Decode skips the block
		}
		if blk.cert != (p.Type == "CERTIFICATE" && len(p.Headers) == 0) {
			t.Fatalf("cert flag %v for a %q block with %d headers", blk.cert, p.Type, len(p.Headers))
		}
		if der, ok := decodeBlock(blk); ok != blk.cert || ok && !bytes.Equal(der, p.Bytes) {
			t.Fatalf("decodeBlock disagrees with pem.Decode")
		}
		if blk.cert {
			whole, isWhole, err := decodePrefix(blk.body, len(blk.body)+1, nil)
			if err != nil || !isWhole || !bytes.Equal(whole, p.Bytes) {
				t.Fatalf("decodePrefix of the whole body: %v", err)
			}
			part, _, err := decodePrefix(blk.body, 8, nil)
			if err != nil || !bytes.HasPrefix(p.Bytes, part) {
				t.Fatalf("decodePrefix of 8 characters: %v", err)
			}
		}
		out = append(out, p)
	}
	return out
}

func TestNextPEMFindsWhatPEMDecodes(t *testing.T) {
	c := pemOf(root("Scan Root", nil, t0.Add(-day), t0.Add(day)).Cert)
	cert := string(c)
	crlf := strings.ReplaceAll(cert, "\n", "\r\n")
	body := cert[strings.Index(cert, "\n")+1 : strings.Index(cert, "-----END")]
	tests := []struct {
		name string
		in   string
		want int // blocks decoded
	}{
		{"one certificate", cert, 1},
		{"two certificates", cert + cert, 2},
		{"text around", "# Root\n" + cert + "\ntrailing text\n" + cert, 2},
		{"CRLF line ends", crlf + crlf, 2},
		{"no newline at the end", strings.TrimSuffix(cert, "\n"), 1},
		{"other block types", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n" + cert, 2},
		{"headers", "-----BEGIN CERTIFICATE-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: x\n\n" + body + "-----END CERTIFICATE-----\n" + cert, 2},
		{"broken base64 then a good block", "-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n" + cert, 1},
		{"broken base64 then END at once", "-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n-----END CERTIFICATE-----\n" + cert, 1},
		{"repeated BEGIN", "-----BEGIN CERTIFICATE-----\n" + cert, 1},
		{"BEGIN not at a line start", "x-----BEGIN CERTIFICATE-----\n" + body + "-----END CERTIFICATE-----\n" + cert, 1},
		{"mismatched END type", "-----BEGIN CERTIFICATE-----\n" + body + "-----END X509 CRL-----\n" + cert, 1},
		{"text after END on its line", "-----BEGIN CERTIFICATE-----\n" + body + "-----END CERTIFICATE----- x\n" + cert, 1},
		{"spaces and tabs in the base64", "-----BEGIN CERTIFICATE-----\n" + strings.ReplaceAll(body, "A", " A\t") + "-----END CERTIFICATE-----\n", 1},
		{"empty block", "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n" + cert, 2},
		{"END without BEGIN", "-----END CERTIFICATE-----\n" + cert, 1},
		{"cut in the middle", cert[:len(cert)/2], 0},
		{"empty", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := goBlocks([]byte(tt.in))
			got := scannedBlocks(t, []byte(tt.in))
			require.Len(t, want, tt.want)
			assert.True(t, reflect.DeepEqual(want, got), "nextPEM found other blocks than pem.Decode")
		})
	}
}

// FuzzPEMScan: on any input, the blocks nextPEM finds (decoded with
// pem.Decode from where nextPEM says they begin) are exactly those a
// pem.Decode loop decodes, so the bundle index sees the certificates
// AppendCertsFromPEM takes, and only those.
func FuzzPEMScan(f *testing.F) {
	testutil.FuzzSeeds(f, "FuzzPEMScan")
	f.Fuzz(func(t *testing.T, data []byte) {
		want := goBlocks(data)
		got := scannedBlocks(t, data)
		if !reflect.DeepEqual(want, got) {
			t.Fatalf("pem.Decode finds %d blocks, nextPEM %d", len(want), len(got))
		}
	})
}
