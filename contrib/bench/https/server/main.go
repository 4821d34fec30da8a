// Command server is the HTTPS side of the start-up benchmark (make bench):
// it makes a certificate authority for the run (a root and an
// intermediate), a server certificate for 127.0.0.1, ::1 and localhost
// signed by the intermediate, writes the root to --ca-out, and serves the
// healthy connect-to-db answer of the Webim Chat Backend on loopback,
// sending the server certificate with the intermediate as a publicly
// trusted site does. It is not part of the suite.
//
//	server --ca-out /tmp/run/bench-ca.crt --ready-file /tmp/run/addr
package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"flag"
	"fmt"
	"math/big"
	"net"
	"net/http"
	"os"
	"time"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:0", "address to listen on (loopback)")
	caOut := flag.String("ca-out", "", "write the root CA certificate (PEM) to this file")
	ready := flag.String("ready-file", "", "write the bound address to this file once listening")
	user := flag.String("user", "monitor", "Basic auth user expected")
	password := flag.String("password", "webim-secret", "Basic auth password expected")
	flag.Parse()

	cert, rootPEM, err := makePKI()
	if err != nil {
		fail(err)
	}
	if *caOut != "" {
		if err := os.WriteFile(*caOut, rootPEM, 0o644); err != nil {
			fail(err)
		}
	}
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		fail(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/l/a/monitor/connect-to-db", func(w http.ResponseWriter, r *http.Request) {
		if u, p, ok := r.BasicAuth(); !ok || u != *user || p != *password {
			w.Header().Set("WWW-Authenticate", `Basic realm="webim"`)
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"result": "ok"}`)
	})
	srv := &http.Server{
		Handler:           mux,
		TLSConfig:         &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12},
		ReadHeaderTimeout: 5 * time.Second,
		ErrorLog:          nil,
	}
	if *ready != "" {
		if err := os.WriteFile(*ready, []byte(ln.Addr().String()+"\n"), 0o644); err != nil {
			fail(err)
		}
	}
	if err := srv.ServeTLS(ln, "", ""); err != nil {
		fail(err)
	}
}

// makePKI returns the server's certificate chain (server certificate and
// intermediate) with its key, and the root in PEM.
func makePKI() (tls.Certificate, []byte, error) {
	now := time.Now()
	org := []string{"webim-checks bench"}
	root := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "webim-checks bench root " + now.Format("20060102150405"), Organization: org},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(30 * 24 * time.Hour),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	rootDER, rootKey, err := issue(root, nil, nil)
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	root, _ = x509.ParseCertificate(rootDER)
	inter := &x509.Certificate{
		SerialNumber:          big.NewInt(2),
		Subject:               pkix.Name{CommonName: "webim-checks bench intermediate", Organization: org},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(30 * 24 * time.Hour),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
		MaxPathLenZero:        true,
	}
	interDER, interKey, err := issue(inter, root, rootKey)
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	inter, _ = x509.ParseCertificate(interDER)
	leaf := &x509.Certificate{
		SerialNumber: big.NewInt(3),
		Subject:      pkix.Name{CommonName: "localhost"},
		DNSNames:     []string{"localhost"},
		IPAddresses:  []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback},
		NotBefore:    now.Add(-time.Hour),
		NotAfter:     now.Add(7 * 24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	leafDER, leafKey, err := issue(leaf, inter, interKey)
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	cert := tls.Certificate{Certificate: [][]byte{leafDER, interDER}, PrivateKey: leafKey}
	return cert, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: rootDER}), nil
}

// issue makes a key and a certificate of tmpl signed by parent with
// parentKey, or self-signed when parent is nil.
func issue(tmpl, parent *x509.Certificate, parentKey *ecdsa.PrivateKey) ([]byte, *ecdsa.PrivateKey, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, err
	}
	if parent == nil {
		parent, parentKey = tmpl, key
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, &key.PublicKey, parentKey)
	return der, key, err
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "server:", err)
	os.Exit(2)
}
