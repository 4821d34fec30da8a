package sim

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
)

// HostileStatuses are statuses no endpoint documents that a broken or
// hostile server sends with an otherwise healthy body (CONTRACT section 6):
// each must be UNKNOWN, never decoded as an answer.
var HostileStatuses = []int{201, 204, 206, 299, 600}

// Poison holds a character of every class a server could use to fake a
// line, a state word or perfdata, or to colour or erase a terminal: C0
// controls (ESC, NUL, BEL, BS, TAB, CR, LF, VT, FF), DEL, C1 (NEL, CSI),
// the Unicode line and paragraph separators and bidi controls, a BOM, and
// a '|' that would start perfdata.
const Poison = "\x1b[32m WEBIM DB OK\x1b[0m\x00\a\b\t\r\nOK - faked line\v\f\x7f\u0085\u009b2J\u2028\u2029\u202e\u2066\u200f\ufeff | fake=1;2;3"

// Secrets are the simulator's credentials: none may ever be printed.
func Secrets() []string { return []string{WebimPassword, ItgrixPassword, WAAPIKey, WAToken} }

// Hostile turns the simulator into an adversarial server: it serves the
// answers of the wrapped handler (any scenario), then changes their texts
// and the status of the successful ones (HTTP 200). Authentication
// challenges (401) pass unchanged, so the checks log in as usual.
type Hostile struct {
	// Status, when non-zero, replaces the status of every 200 answer.
	Status int
	// Poison appends [Poison] to every product text (string values and
	// names used as keys) of JSON and Python-literal answers, except
	// bare words such as "ok" or "connected", which are left so that the
	// check gets as far as printing the texts around them.
	Poison bool
	// Echo appends the credentials the request carried (a Basic
	// password, the credential of an Authorization header, cookie
	// values) to the same texts, as a server echoing them back would.
	Echo bool
	// Pad, when positive, starts every 200 answer with Pad bytes of
	// filler followed by the credentials the request carried, so that
	// they straddle a cut at Pad (the 2 KiB of the -vvv body trace).
	Pad int
}

// Wrap returns the adversarial handler around next.
func (h Hostile) Wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := httptest.NewRecorder()
		next.ServeHTTP(rec, r)
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		status, body := rec.Code, rec.Body.Bytes()
		if status != http.StatusUnauthorized {
			body = h.text(body, echoed(r))
		}
		if status == http.StatusOK && h.Status != 0 {
			status = h.Status
		}
		if status == http.StatusOK && h.Pad > 0 {
			body = append([]byte(strings.Repeat("a", h.Pad)+strings.Join(echoed(r), " ")+" "), body...)
		}
		w.Header().Del("Content-Length")
		w.WriteHeader(status)
		w.Write(body)
	})
}

// echoed returns the credentials r carried.
func echoed(r *http.Request) []string {
	var out []string
	if _, p, ok := r.BasicAuth(); ok {
		out = append(out, p)
	} else if scheme, cred, ok := strings.Cut(r.Header.Get("Authorization"), " "); ok && !strings.EqualFold(scheme, "Digest") {
		out = append(out, cred)
	}
	for _, c := range r.Cookies() {
		out = append(out, c.Value)
	}
	return out
}

// suffix is what is appended to every product text.
func (h Hostile) suffix(creds []string) string {
	var s string
	if h.Poison {
		s += Poison
	}
	if h.Echo && len(creds) > 0 {
		s += " echo: " + strings.Join(creds, " ")
	}
	return s
}

// bareWord is a product text left as it is: a word that the checks
// compare (ok, error, connected, Professional, primary_master).
var bareWord = regexp.MustCompile(`^[A-Za-z_]*$`)

// text appends the suffix to the texts of a JSON or Python-literal body;
// anything else (a bare instance id, HTML) is returned unchanged.
func (h Hostile) text(body []byte, creds []string) []byte {
	suffix := h.suffix(creds)
	if suffix == "" {
		return body
	}
	d := json.NewDecoder(bytes.NewReader(body))
	d.UseNumber()
	var v any
	if d.Decode(&v) == nil && !d.More() {
		out, err := json.Marshal(poisonValue(v, suffix))
		if err == nil {
			return out
		}
	}
	t := bytes.TrimSpace(body)
	if len(t) > 0 && (t[0] == '{' || t[0] == '[') && bytes.IndexByte(t, '\'') >= 0 {
		return poisonPython(body, suffix)
	}
	return body
}

func poisonValue(v any, suffix string) any {
	switch t := v.(type) {
	case string:
		return poisonString(t, suffix)
	case []any:
		for i := range t {
			t[i] = poisonValue(t[i], suffix)
		}
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, e := range t {
			out[poisonString(k, suffix)] = poisonValue(e, suffix)
		}
		return out
	}
	return v
}

func poisonString(s, suffix string) string {
	if bareWord.MatchString(s) {
		return s
	}
	return s + suffix
}

// pyString is a single-quoted Python string without escapes.
var pyString = regexp.MustCompile(`'([^'\\]*)'`)

// poisonPython appends the suffix, written with Python escapes, to the
// single-quoted strings of a Python literal.
func poisonPython(body []byte, suffix string) []byte {
	var esc strings.Builder
	for _, r := range suffix {
		switch {
		case r == '\'' || r == '\\':
			esc.WriteString(`\` + string(r))
		case r < 0x20 || r >= 0x7f:
			q := strconv.QuoteRuneToASCII(r) // '\x1b', '\u2028'
			esc.WriteString(q[1 : len(q)-1])
		default:
			esc.WriteRune(r)
		}
	}
	return pyString.ReplaceAllFunc(body, func(m []byte) []byte {
		inner := string(m[1 : len(m)-1])
		if bareWord.MatchString(inner) {
			return m
		}
		return []byte("'" + inner + esc.String() + "'")
	})
}
