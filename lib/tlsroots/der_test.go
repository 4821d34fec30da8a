package tlsroots

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"math/big"
	"testing"
	"time"

	"github.com/ccmon/webim-checks/lib/testutil"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// v1Certificate is a version 1 certificate (no version field, no
// extensions); its signature is not valid, which parsing does not check.
func v1Certificate(t *testing.T) []byte {
	a := root("V1 Issuer", nil, t0.Add(-day), t0.Add(day))
	type validity struct{ NotBefore, NotAfter time.Time }
	tbs, err := asn1.Marshal(struct {
		Serial   *big.Int
		SigAlg   pkix.AlgorithmIdentifier
		Issuer   asn1.RawValue
		Validity validity
		Subject  asn1.RawValue
		Key      asn1.RawValue
	}{
		big.NewInt(7),
		pkix.AlgorithmIdentifier{Algorithm: asn1.ObjectIdentifier{1, 2, 840, 10045, 4, 3, 2}},
		asn1.RawValue{FullBytes: a.Cert.RawIssuer},
		validity{t0.Add(-day).UTC(), t0.Add(day).UTC()},
		asn1.RawValue{FullBytes: a.Cert.RawSubject},
		asn1.RawValue{FullBytes: a.Cert.RawSubjectPublicKeyInfo},
	})
	require.NoError(t, err)
	der, err := asn1.Marshal(struct {
		TBS    asn1.RawValue
		SigAlg pkix.AlgorithmIdentifier
		Sig    asn1.BitString
	}{asn1.RawValue{FullBytes: tbs}, pkix.AlgorithmIdentifier{Algorithm: asn1.ObjectIdentifier{1, 2, 840, 10045, 4, 3, 2}}, asn1.BitString{Bytes: []byte{0}, BitLength: 8}})
	require.NoError(t, err)
	return der
}

func TestWalkNamesMatchesX509(t *testing.T) {
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	require.NoError(t, err)
	ca := root("Walk Root", nil, t0.Add(-day), t0.Add(day))
	long := root("Walk Root With A Long Name 0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789", nil, t0.Add(-day), t0.Add(day))
	tests := []struct {
		name string
		der  []byte
	}{
		{"ECDSA root", ca.Cert.Raw},
		{"RSA root", root("RSA Root", rsaKey, t0.Add(-day), t0.Add(day)).Cert.Raw},
		{"server certificate", leaf(ca, t0.Add(-day), t0.Add(day), x509.ExtKeyUsageServerAuth, "chat.example.com").Raw},
		{"long subject", long.Cert.Raw},
		{"version 1", v1Certificate(t)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := x509.ParseCertificate(tt.der)
			require.NoError(t, err)
			n, err := WalkNames(tt.der)
			require.NoError(t, err)
			assert.Equal(t, c.RawSubject, n.Subject)
			assert.Equal(t, c.RawIssuer, n.Issuer)
			end := offset(tt.der, n.Subject) + len(n.Subject)
			for k := range end {
				_, err := WalkNames(tt.der[:k])
				require.ErrorIs(t, err, errShort, "prefix of %d bytes", k)
			}
			got, err := WalkNames(tt.der[:end])
			require.NoError(t, err)
			assert.Equal(t, c.RawSubject, got.Subject)
		})
	}
}

func TestWalkNamesMalformed(t *testing.T) {
	good := root("Malformed Base", nil, t0.Add(-day), t0.Add(day)).Cert.Raw
	mutate := func(f func(b []byte) []byte) []byte { return f(append([]byte(nil), good...)) }
	tests := []struct {
		name string
		der  []byte
	}{
		{"not a SEQUENCE", mutate(func(b []byte) []byte { b[0] = 0x31; return b })},
		{"high tag number", mutate(func(b []byte) []byte { b[0] = 0x3f; return b })},
		{"indefinite length", []byte{0x30, 0x80, 0x30, 0x80, 0x00, 0x00}},
		{"length in five bytes", []byte{0x30, 0x85, 0, 0, 0, 1, 0}},
		{"length not minimal (long form for a short length)", []byte{0x30, 0x81, 0x05, 0x30, 0x03, 0x02, 0x01, 0x01}},
		{"length with a leading zero", []byte{0x30, 0x82, 0x00, 0x85}},
		{"serial number not an INTEGER", []byte{0x30, 0x06, 0x30, 0x04, 0x04, 0x02, 0x01, 0x01}},
		{"TBS not a SEQUENCE", []byte{0x30, 0x04, 0x31, 0x02, 0x02, 0x00}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := WalkNames(tt.der)
			require.ErrorIs(t, err, errMalformed)
			_, err = x509.ParseCertificate(tt.der)
			require.Error(t, err, "x509 rejects it too")
		})
	}
}

// offset is where sub, a slice of b, starts in b.
func offset(b, sub []byte) int { return cap(b) - cap(sub) }

// FuzzDERWalk: the walk never panics; wherever x509.ParseCertificate
// accepts the input, the walk finds the same names; and every prefix of
// an input it walks is either cut short or walks to the same names.
func FuzzDERWalk(f *testing.F) {
	testutil.FuzzSeeds(f, "FuzzDERWalk")
	f.Fuzz(func(t *testing.T, der []byte) {
		n, err := WalkNames(der)
		if err != nil && err != errShort && err != errMalformed {
			t.Fatalf("unexpected error %v", err)
		}
		if c, perr := x509.ParseCertificate(der); perr == nil {
			if err != nil {
				t.Fatalf("x509 parses it, the walk says %v", err)
			}
			if string(c.RawSubject) != string(n.Subject) || string(c.RawIssuer) != string(n.Issuer) {
				t.Fatalf("names differ from x509's")
			}
		}
		if err != nil {
			return
		}
		end := offset(der, n.Subject) + len(n.Subject)
		for _, k := range []int{0, end / 2, end - 1, end, (end + len(der)) / 2} {
			if k < 0 || k > len(der) {
				continue
			}
			p, err := WalkNames(der[:k])
			switch {
			case k < end && err != errShort:
				t.Fatalf("prefix of %d bytes (subject ends at %d): %v", k, end, err)
			case k >= end && (err != nil || string(p.Subject) != string(n.Subject) || string(p.Issuer) != string(n.Issuer)):
				t.Fatalf("prefix of %d bytes holding the subject: %v", k, err)
			}
		}
	})
}
