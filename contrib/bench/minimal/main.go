// Command minimal is the floor the checks are measured against: a Go
// program that does the same single GET as check_webim_db with net/http
// (Basic auth, keep-alive off) and prints one line. It is part of the
// whole-process benchmark (make bench), not of the suite.
package main

import (
	"fmt"
	"io"
	"net/http"
	"os"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Println("usage: minimal URL")
		os.Exit(3)
	}
	req, err := http.NewRequest(http.MethodGet, os.Args[1], nil)
	if err != nil {
		fmt.Println("UNKNOWN -", err)
		os.Exit(3)
	}
	req.SetBasicAuth(os.Getenv("WEBIM_USER"), os.Getenv("WEBIM_PASSWORD"))
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	resp, err := client.Do(req)
	if err != nil {
		fmt.Println("CRITICAL -", err)
		os.Exit(2)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	fmt.Printf("OK - HTTP %d, %d bytes\n", resp.StatusCode, len(body))
}
