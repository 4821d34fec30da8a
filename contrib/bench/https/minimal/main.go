// Command minimal is the HTTPS floor of the start-up benchmark (make
// bench): the same single GET as check_webim_db with net/http (Basic auth,
// keep-alive off), verifying the server's certificate either against only
// the one CA given with -ca (the floor) or, without -ca, against Go's
// default system root pool. It prints one line. It is not part of the
// suite.
//
//	minimal -ca bench-ca.crt https://127.0.0.1:PORT/l/a/monitor/connect-to-db
//	minimal https://127.0.0.1:PORT/l/a/monitor/connect-to-db
package main

import (
	"crypto/tls"
	"crypto/x509"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
)

func main() {
	caFile := flag.String("ca", "", "trust only the CA certificates in this PEM file (default: the system roots)")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Println("usage: minimal [-ca FILE] URL")
		os.Exit(3)
	}
	// A TLS config of its own in both modes keeps HTTP/1.1, as the checks
	// use: the default transport would negotiate HTTP/2.
	tr := &http.Transport{DisableKeepAlives: true, TLSClientConfig: &tls.Config{}}
	if *caFile != "" {
		pem, err := os.ReadFile(*caFile)
		if err != nil {
			fmt.Println("UNKNOWN -", err)
			os.Exit(3)
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			fmt.Println("UNKNOWN - no certificate in", *caFile)
			os.Exit(3)
		}
		tr.TLSClientConfig.RootCAs = pool
	}
	req, err := http.NewRequest(http.MethodGet, flag.Arg(0), nil)
	if err != nil {
		fmt.Println("UNKNOWN -", err)
		os.Exit(3)
	}
	req.SetBasicAuth(os.Getenv("WEBIM_USER"), os.Getenv("WEBIM_PASSWORD"))
	resp, err := (&http.Client{Transport: tr}).Do(req)
	if err != nil {
		fmt.Println("CRITICAL -", err)
		os.Exit(2)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	fmt.Printf("OK - HTTP %d, %d bytes\n", resp.StatusCode, len(body))
}
