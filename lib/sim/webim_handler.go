package sim

import (
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
)

// The simulated CRM chat event handler (seed 003): its Basic login and the
// account private key it verifies signatures with.
const (
	WebimHandlerUser     = "crm"
	WebimHandlerPassword = "crm-handler-secret"
	WebimPrivateKey      = "sim-private-key-0123456789"
)

// WebimHandlerPath is the path of the simulated handler URL; a check
// reaches it with -H http://ADDR/SCENARIO/crm/webim-handler.
const WebimHandlerPath = "/crm/webim-handler"

// webimHandlerProduct: a CRM's chat event handler as Webim calls it (seed
// 003). It takes a POST with the data in the query string and an empty
// body, checks the Basic login, then the signature with its own HMAC and
// MD5 (not the suite's signing code): "signature" (HMAC-SHA256 of chat) or
// "crc" (MD5 of chat and key). A wrong or missing signature is answered
// 400. Two scenarios are handlers that verify less: handler-accepts-any
// takes every event, handler-crc-only knows only the crc of handlers
// version 3 and refuses a "signature". Its answers (healthy, slow, 500)
// are fixtures with sidecars in testdata/webim/handler/.
func webimHandlerProduct() product {
	return product{
		owns: func(path string) bool { return path == WebimHandlerPath },
		auth: webimHandlerAuth,
		scenarios: []Scenario{
			{Name: "handler-accepts-any", Doc: "CRM handler that accepts events without checking the signature (check_webim_handler --forged WARNING)"},
			{Name: "handler-crc-only", Doc: "CRM handler of handlers version 3: checks crc only, refuses signature with 400 (check_webim_handler CRITICAL; OK with --handlers-version 3)"},
		},
	}
}

func webimHandlerAuth(s *Server, w http.ResponseWriter, r *http.Request) bool {
	u, p, ok := r.BasicAuth()
	if !ok || u != WebimHandlerUser || p != WebimHandlerPassword {
		w.Header().Set("WWW-Authenticate", `Basic realm="crm"`)
		http.Error(w, "401 Unauthorized", http.StatusUnauthorized)
		return false
	}
	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<10))
	q := r.URL.Query()
	chat := []byte(q.Get("chat"))
	var why string
	switch {
	case r.Method != http.MethodPost:
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "method not allowed: Webim POSTs chat events", http.StatusMethodNotAllowed)
		return false
	case r.Header.Get("Content-Type") != "application/x-www-form-urlencoded":
		why = "Content-Type is not application/x-www-form-urlencoded"
	case len(body) > 0:
		why = "the body must be empty: Webim sends the data in the query string"
	case !json.Valid(chat):
		why = "chat is missing or not JSON"
	case scenarioOf(r) == "handler-accepts-any":
	case scenarioOf(r) == "handler-crc-only":
		if !simValidCRC(chat, q.Get("crc")) {
			why = "invalid crc"
		}
	case q.Has("signature"):
		if !simValidSignature(chat, q.Get("signature")) {
			why = "invalid signature"
		}
	case !simValidCRC(chat, q.Get("crc")):
		why = "invalid crc"
	}
	if why != "" {
		http.Error(w, why, http.StatusBadRequest)
		return false
	}
	return true
}

// simValidSignature checks an HMAC-SHA256 signature with the simulator's key.
func simValidSignature(chat []byte, sig string) bool {
	m := hmac.New(sha256.New, []byte(WebimPrivateKey))
	m.Write(chat)
	got, err := hex.DecodeString(sig)
	return err == nil && hmac.Equal(m.Sum(nil), got)
}

// simValidCRC checks an MD5 crc (chat followed by the key).
func simValidCRC(chat []byte, crc string) bool {
	sum := md5.Sum(append(append([]byte(nil), chat...), WebimPrivateKey...))
	got, err := hex.DecodeString(crc)
	return err == nil && hmac.Equal(sum[:], got)
}
