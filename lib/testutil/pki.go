package testutil

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
	"time"
)

// Authority is a CA certificate with its key, for issuing others in tests
// of certificate verification.
type Authority struct {
	Cert *x509.Certificate
	Key  crypto.Signer
}

// NewKey returns a fresh P-256 key.
func NewKey() crypto.Signer {
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		panic(err)
	}
	return k
}

// SignCert signs tmpl for key with parent (nil: self-signed) and returns
// the parsed certificate; it gives tmpl a random serial number.
func SignCert(tmpl *x509.Certificate, key crypto.Signer, parent *Authority) *x509.Certificate {
	serial, err := rand.Int(rand.Reader, big.NewInt(1<<62))
	if err != nil {
		panic(err)
	}
	tmpl.SerialNumber = serial
	p, pk := tmpl, key
	if parent != nil {
		p, pk = parent.Cert, parent.Key
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

// NewCA makes a CA valid from nb to na, signed by parent (nil: a
// self-signed root); key nil makes a fresh one.
func NewCA(cn string, key crypto.Signer, parent *Authority, nb, na time.Time) *Authority {
	if key == nil {
		key = NewKey()
	}
	c := SignCert(&x509.Certificate{
		Subject:               pkix.Name{CommonName: cn, Organization: []string{"webim-checks test"}},
		NotBefore:             nb,
		NotAfter:              na,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}, key, parent)
	return &Authority{Cert: c, Key: key}
}

// NewLeaf makes a certificate for key (nil: a fresh one) and names (DNS
// names or IP addresses, the first also the common name), with extended
// key usage eku, valid from nb to na, signed by parent (nil: self-signed).
func NewLeaf(parent *Authority, key crypto.Signer, nb, na time.Time, eku x509.ExtKeyUsage, names ...string) *x509.Certificate {
	if key == nil {
		key = NewKey()
	}
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
	return SignCert(tmpl, key, parent)
}

// PEMOf encodes certificates as PEM.
func PEMOf(certs ...*x509.Certificate) []byte {
	var out []byte
	for _, c := range certs {
		out = append(out, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: c.Raw})...)
	}
	return out
}
