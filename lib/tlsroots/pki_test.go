package tlsroots

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"sync/atomic"
	"time"
)

// t0 is "now" of the test corpus.
var t0 = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

const day = 24 * time.Hour

// authority is a certificate with its key, for issuing others.
type authority struct {
	cert *x509.Certificate
	key  crypto.Signer
}

var serial atomic.Int64

func newKey() crypto.Signer {
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		panic(err)
	}
	return k
}

// mkCert signs tmpl for key with parent (nil: self-signed).
func mkCert(tmpl *x509.Certificate, key crypto.Signer, parent *authority) *x509.Certificate {
	tmpl.SerialNumber = big.NewInt(serial.Add(1))
	p, pk := tmpl, key
	if parent != nil {
		p, pk = parent.cert, parent.key
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, p, key.Public(), pk)
	if err != nil {
		panic(err)
	}
	c, err := x509.ParseCertificate(der)
	if err != nil {
		panic(err)
	}
	return c
}

// root makes a self-signed CA valid from nb to na; key nil makes one.
func root(cn string, key crypto.Signer, nb, na time.Time) *authority {
	if key == nil {
		key = newKey()
	}
	c := mkCert(&x509.Certificate{
		Subject:               pkix.Name{CommonName: cn, Organization: []string{"Corpus"}},
		NotBefore:             nb,
		NotAfter:              na,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}, key, nil)
	return &authority{c, key}
}

// intermediate makes a CA signed by parent; key nil makes one.
func intermediate(cn string, key crypto.Signer, parent *authority, nb, na time.Time) *authority {
	if key == nil {
		key = newKey()
	}
	c := mkCert(&x509.Certificate{
		Subject:               pkix.Name{CommonName: cn, Organization: []string{"Corpus"}},
		NotBefore:             nb,
		NotAfter:              na,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}, key, parent)
	return &authority{c, key}
}

// leaf makes a server certificate for names (DNS names or IP addresses)
// signed by parent (nil: self-signed).
func leaf(parent *authority, nb, na time.Time, eku x509.ExtKeyUsage, names ...string) *x509.Certificate {
	tmpl := &x509.Certificate{
		Subject:     pkix.Name{CommonName: names[0]},
		NotBefore:   nb,
		NotAfter:    na,
		KeyUsage:    x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{eku},
	}
	for _, n := range names {
		if ip := net.ParseIP(n); ip != nil {
			tmpl.IPAddresses = append(tmpl.IPAddresses, ip)
		} else {
			tmpl.DNSNames = append(tmpl.DNSNames, n)
		}
	}
	return mkCert(tmpl, newKey(), parent)
}

func pemOf(certs ...*x509.Certificate) []byte {
	var out []byte
	for _, c := range certs {
		out = append(out, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: c.Raw})...)
	}
	return out
}
