package sim

import (
	"crypto/md5"
	"crypto/subtle"
	"encoding/hex"
	"io/fs"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Credentials the simulator accepts for Dolibarr: the core REST API key
// (header DOLAPIKEY) and the WebObserver token.
const (
	DolibarrAPIKey = "sim-dolibarr-api-key-0123"
	DolibarrToken  = "sim-webobserver-token-4567"
)

// Paths of the Dolibarr APIs (seed 004 and seeds/README.md).
const (
	DolibarrServerObserverPath = "/custom/serverobserver/_instance/check.php"
	DolibarrWebObserverPath    = "/custom/webobserver/public/get-data.php"
	DolibarrStatusPath         = "/api/index.php/status"
	// DolibarrURLPath is the page the simple URL call of WebHost reaches.
	DolibarrURLPath = "/dolibarr/index.php"
)

// dolibarrWindow is how far apart WebObserver lets the caller's clock be.
const dolibarrWindow = 180 * time.Second

// dolibarrProduct: a Dolibarr instance as the WebHost module monitors it
// (seed 004). ServerObserver and the URL call need no credentials (the
// module allows by IP); WebObserver checks hash = md5(TOKEN . time) within
// 180 s of its own clock and answers its failures as plain text with HTTP
// 200; the core API wants the DOLAPIKEY header. The answers are fixtures
// with sidecars in testdata/dolibarr/.
func dolibarrProduct() product {
	return product{
		owns: func(path string) bool {
			switch path {
			case DolibarrServerObserverPath, DolibarrWebObserverPath, DolibarrStatusPath, DolibarrURLPath:
				return true
			}
			return false
		},
		auth: dolibarrAuth,
		scenarios: []Scenario{
			{Name: "dolibarr-clock-skew", Doc: "Dolibarr WebObserver whose clock is 10 minutes ahead: Invalid hash (check_dolibarr --api webobserver UNKNOWN, says token or clocks)"},
		},
	}
}

func dolibarrAuth(s *Server, w http.ResponseWriter, r *http.Request) bool {
	switch p := r.URL.Path; {
	case strings.HasSuffix(p, DolibarrWebObserverPath):
		return dolibarrWebObserverAuth(s, w, r)
	case strings.HasSuffix(p, DolibarrStatusPath):
		return dolibarrAPIKeyAuth(s, w, r)
	}
	return true
}

// dolibarrAPIKeyAuth checks the DOLAPIKEY header of the core REST API and
// answers 401 with Dolibarr's error body otherwise.
func dolibarrAPIKeyAuth(s *Server, w http.ResponseWriter, r *http.Request) bool {
	if subtle.ConstantTimeCompare([]byte(r.Header.Get("DOLAPIKEY")), []byte(DolibarrAPIKey)) == 1 {
		return true
	}
	body, err := fs.ReadFile(s.fixtures, "dolibarr/status/unauthorized.json")
	if err != nil {
		body = []byte(`{"error": {"code": 401, "message": "Unauthorized"}}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusUnauthorized)
	w.Write(body)
	return false
}

// dolibarrWebObserverAuth answers as get-data.php does when the hash is
// missing or wrong: plain text with HTTP 200.
func dolibarrWebObserverAuth(s *Server, w http.ResponseWriter, r *http.Request) bool {
	q := r.URL.Query()
	hash, ts := q.Get("hash"), q.Get("time")
	plain := func(msg string) bool {
		w.Header().Set("Content-Type", "text/html; charset=UTF-8")
		w.Write([]byte(msg))
		return false
	}
	if hash == "" || ts == "" {
		return plain("Missing parameter")
	}
	now := s.Now()
	if scenarioOf(r) == "dolibarr-clock-skew" {
		now = now.Add(10 * time.Minute)
	}
	t, err := strconv.ParseInt(ts, 10, 64)
	sum := md5.Sum([]byte(DolibarrToken + ts))
	if err != nil || now.Sub(time.Unix(t, 0)).Abs() > dolibarrWindow ||
		subtle.ConstantTimeCompare([]byte(hex.EncodeToString(sum[:])), []byte(hash)) != 1 {
		return plain("Invalid hash")
	}
	return true
}
