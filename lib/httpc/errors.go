package httpc

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"syscall"
	"time"

	"github.com/ccmon/webim-checks/lib/plugin"
)

// transportError classifies a failure to get an answer at all. Messages
// name the host that failed (after a redirect, the one redirected to),
// with its port, the default one of the scheme included.
func (c *Client) transportError(ctx context.Context, err error) error {
	failed := c.base
	var uerr *url.Error
	if errors.As(err, &uerr) {
		if u, perr := url.Parse(uerr.URL); perr == nil && u.Host != "" {
			failed = u
		}
	}
	host := hostPort(failed)
	switch {
	case errors.Is(err, context.DeadlineExceeded) || ctx.Err() == context.DeadlineExceeded:
		return c.env.TimeoutError()
	case errors.Is(err, context.Canceled):
		return plugin.Errorf(plugin.ErrTimeout, "request to %s cancelled", host)
	case errors.Is(err, errRedirect):
		return plugin.Errorf(plugin.ErrStatus, "%s: %s", host, redirectReason(err))
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return plugin.Errorf(plugin.ErrUnreachable, "cannot resolve host %s: %s", dnsErr.Name, dnsReason(dnsErr))
	}
	if msg := certificateProblem(err, failed.Hostname()); msg != "" {
		return plugin.Errorf(plugin.ErrUnreachable, "%s: %s", host, msg)
	}
	var tlsRec tls.RecordHeaderError
	if errors.As(err, &tlsRec) || errors.Is(err, http.ErrSchemeMismatch) {
		return plugin.Errorf(plugin.ErrUnreachable, "%s does not speak TLS (is it plain http? try -H http://%s)", host, host)
	}
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		return plugin.Errorf(plugin.ErrUnreachable, "cannot connect to %s: connection refused", host)
	case errors.Is(err, syscall.ECONNRESET):
		return plugin.Errorf(plugin.ErrUnreachable, "connection to %s reset by peer", host)
	case errors.Is(err, syscall.EHOSTUNREACH), errors.Is(err, syscall.ENETUNREACH):
		return plugin.Errorf(plugin.ErrUnreachable, "cannot connect to %s: no route to host", host)
	case errors.Is(err, os.ErrDeadlineExceeded):
		return c.env.TimeoutError()
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return plugin.Errorf(plugin.ErrUnreachable, "%s closed the connection without an answer", host)
	}
	var tlsAlert tls.AlertError
	if errors.As(err, &tlsAlert) {
		return plugin.Errorf(plugin.ErrUnreachable, "TLS handshake with %s failed: %v", host, tlsAlert)
	}
	return plugin.Errorf(plugin.ErrUnreachable, "request to %s failed: %s", host, innermost(err))
}

// hostPort is the host of u with its port, the scheme's default one when
// u gives none: "chat.example.com:443".
func hostPort(u *url.URL) string {
	if u.Port() != "" {
		return u.Host
	}
	switch u.Scheme {
	case "https":
		return net.JoinHostPort(u.Hostname(), "443")
	case "http":
		return net.JoinHostPort(u.Hostname(), "80")
	}
	return u.Host
}

func redirectReason(err error) string {
	s := err.Error()
	if i := strings.Index(s, errRedirect.Error()+": "); i >= 0 {
		return "redirect refused: " + s[i+len(errRedirect.Error())+2:]
	}
	return s
}

func dnsReason(e *net.DNSError) string {
	if e.IsNotFound {
		return "no such host"
	}
	if e.IsTimeout {
		return "DNS timeout"
	}
	return e.Err
}

// certificateProblem turns TLS verification failures into the sentences
// operators need; "" when err is not one. The errors are crypto/x509's,
// whether crypto/tls or this package's verifier (tls.go) returned them:
//
//	certificate expired on 2026-10-01
//	certificate is for chat.example.com, not chat.example.org
//	certificate signed by unknown authority (issuer: CN=R3,O=Let's Encrypt,C=US)
func certificateProblem(err error, host string) string {
	var herr x509.HostnameError
	if errors.As(err, &herr) && herr.Certificate != nil {
		if herr.Host != "" {
			host = herr.Host
		}
		return hostnameProblem(herr.Certificate, host)
	}
	var ierr x509.CertificateInvalidError
	if errors.As(err, &ierr) && ierr.Cert != nil {
		return invalidProblem(ierr)
	}
	var uerr x509.UnknownAuthorityError
	if errors.As(err, &uerr) {
		issuer := "unknown"
		if uerr.Cert != nil {
			issuer = nameOrEmpty(uerr.Cert.Issuer.String())
		}
		return fmt.Sprintf("certificate signed by unknown authority (issuer: %s)", issuer)
	}
	var serr x509.SystemRootsError
	if errors.As(err, &serr) {
		return "cannot verify the certificate: no system root certificates found (install ca-certificates, or trust the CA with --ca-file)"
	}
	var cverr *tls.CertificateVerificationError
	if errors.As(err, &cverr) {
		return "certificate verification failed: " + strings.TrimPrefix(innermost(cverr.Err), "x509: ")
	}
	return ""
}

// hostnameProblem says which names the certificate is for.
func hostnameProblem(c *x509.Certificate, host string) string {
	var names []string
	names = append(names, c.DNSNames...)
	for _, ip := range c.IPAddresses {
		names = append(names, ip.String())
	}
	if len(names) == 0 {
		if c.Subject.CommonName != "" {
			return fmt.Sprintf("certificate is not valid for %s: it names no host in its subject alternative names (its common name %s is not used for verification)", host, c.Subject.CommonName)
		}
		return fmt.Sprintf("certificate is not valid for %s: it names no host", host)
	}
	const show = 5
	list := strings.Join(names[:min(len(names), show)], ", ")
	if len(names) > show {
		list += fmt.Sprintf(" and %d more", len(names)-show)
	}
	return fmt.Sprintf("certificate is for %s, not %s", list, host)
}

// invalidProblem explains an x509.CertificateInvalidError: the
// certificate the server sent, or a CA certificate of its chain.
func invalidProblem(e x509.CertificateInvalidError) string {
	what := "certificate"
	if e.Cert.IsCA {
		what = fmt.Sprintf("CA certificate %q", caName(e.Cert))
	}
	switch e.Reason {
	case x509.Expired:
		// x509 says which in the detail: "current time ... is before ..."
		// (not yet valid) or "... is after ..." (expired).
		if strings.Contains(e.Detail, " is before ") || e.Detail == "" && time.Now().Before(e.Cert.NotBefore) {
			return fmt.Sprintf("%s is not valid before %s", what, e.Cert.NotBefore.UTC().Format(time.DateOnly))
		}
		return fmt.Sprintf("%s expired on %s", what, e.Cert.NotAfter.UTC().Format(time.DateOnly))
	case x509.IncompatibleUsage:
		return fmt.Sprintf("%s is not for TLS servers (its extended key usage does not allow server authentication)", what)
	case x509.NotAuthorizedToSign:
		return fmt.Sprintf("certificate is signed by %q, which is not a CA", caName(e.Cert))
	}
	return fmt.Sprintf("%s invalid: %s", what, strings.TrimPrefix(e.Error(), "x509: "))
}

// caName is the common name of a certificate, or its whole subject.
func caName(c *x509.Certificate) string {
	if c.Subject.CommonName != "" {
		return c.Subject.CommonName
	}
	return nameOrEmpty(c.Subject.String())
}

func nameOrEmpty(s string) string {
	if s == "" {
		return "empty name"
	}
	return s
}

// innermost returns the text of the deepest wrapped error, which is the
// one that says what happened without repeating the URL.
func innermost(err error) string {
	for {
		u := errors.Unwrap(err)
		if u == nil {
			return err.Error()
		}
		err = u
	}
}

func (r *Response) detail() string {
	if d := Describe(r.Body, r.Header.Get("Content-Type")); d != "" {
		return " (" + d + ")"
	}
	return ""
}

// IsHTML reports whether the body looks like an HTML page.
func IsHTML(body []byte, contentType string) bool {
	if strings.Contains(contentType, "html") {
		return true
	}
	t := bytes.TrimSpace(body)
	if len(t) > 256 {
		t = t[:256]
	}
	lt := bytes.ToLower(t)
	return bytes.HasPrefix(lt, []byte("<!doctype html")) || bytes.HasPrefix(lt, []byte("<html")) || bytes.Contains(lt, []byte("<head")) || bytes.Contains(lt, []byte("<body"))
}

// Describe says in a few words what a body is, for error messages: an
// HTML page with its title, or the first 80 printable characters.
func Describe(body []byte, contentType string) string {
	t := bytes.TrimSpace(body)
	if len(t) == 0 {
		return ""
	}
	if IsHTML(t, contentType) {
		if title := htmlTitle(t); title != "" {
			return fmt.Sprintf("an HTML page titled %q", title)
		}
		return "an HTML page"
	}
	return fmt.Sprintf("%q", Snippet(t, 80))
}

// Snippet returns the first n runes of b on one line.
func Snippet(b []byte, n int) string {
	s := strings.Join(strings.Fields(strings.ToValidUTF8(string(b), "?")), " ")
	r := []rune(s)
	if len(r) > n {
		return string(r[:n]) + "..."
	}
	return s
}

func htmlTitle(b []byte) string {
	if len(b) > 64<<10 {
		b = b[:64<<10]
	}
	// ASCII-only lower case keeps byte offsets the same as in b
	// (bytes.ToLower turns invalid UTF-8 into 3-byte U+FFFD)
	lower := make([]byte, len(b))
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		lower[i] = c
	}
	i := bytes.Index(lower, []byte("<title"))
	if i < 0 {
		return ""
	}
	j := bytes.IndexByte(lower[i:], '>')
	if j < 0 {
		return ""
	}
	start := i + j + 1
	k := bytes.Index(lower[start:], []byte("</title"))
	if k < 0 {
		return ""
	}
	return Snippet(b[start:start+k], 60)
}
