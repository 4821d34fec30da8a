package httpc

import (
	"fmt"
	"io"
	"net/http"
	"sort"
	"strings"
	"time"
	"unicode/utf8"
)

// tracer writes requests and answers to the -vvv trace. Credentials are
// never written: Authorization, Cookie and Set-Cookie values are replaced,
// and the runtime's redacting writer removes any registered secret that
// slipped through.
type tracer struct {
	next http.RoundTripper
	w    io.Writer
}

var sensitive = map[string]bool{"Authorization": true, "Cookie": true, "Set-Cookie": true, "Proxy-Authorization": true, "Www-Authenticate": false}

func (t *tracer) RoundTrip(r *http.Request) (*http.Response, error) {
	start := time.Now()
	fmt.Fprintf(t.w, "> %s %s\n", r.Method, r.URL.Redacted())
	writeHeaders(t.w, "> ", r.Header)
	resp, err := t.next.RoundTrip(r)
	if err != nil {
		fmt.Fprintf(t.w, "! %v (after %s)\n", err, time.Since(start).Round(time.Millisecond))
		return nil, err
	}
	fmt.Fprintf(t.w, "< %s %s (after %s)\n", resp.Proto, resp.Status, time.Since(start).Round(time.Millisecond))
	writeHeaders(t.w, "< ", resp.Header)
	return resp, nil
}

func writeHeaders(w io.Writer, prefix string, h http.Header) {
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		for _, v := range h[k] {
			if sensitive[k] {
				scheme, _, _ := strings.Cut(v, " ")
				if k == "Authorization" || k == "Proxy-Authorization" {
					v = scheme + " ****"
				} else {
					v = "****"
				}
			}
			fmt.Fprintf(w, "%s%s: %s\n", prefix, k, v)
		}
	}
}

// traceBody writes the start of a body, already redacted: the cut at
// 2 KiB comes after the redaction, so that it cannot leave the start of a
// secret that the redaction of the written line would no longer see.
func traceBody(w io.Writer, body string) {
	const max = 2048
	b := body
	cut := ""
	if len(b) > max {
		n := max
		for n > 0 && !utf8.RuneStart(b[n]) {
			n--
		}
		b, cut = b[:n], fmt.Sprintf(" ... (%d bytes in all)", len(body))
	}
	fmt.Fprintf(w, "< body: %s%s\n", b, cut)
}
