package httpc

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/ccmon/webim-checks/lib/plugin"
	retryablehttp "github.com/hashicorp/go-retryablehttp"
)

// maxRedirects is the most redirects followed (CONTRACT section 6).
const maxRedirects = 3

// Client makes the requests of one check run.
type Client struct {
	env     *plugin.Env
	base    *url.URL
	hasAuth bool
	// loginHint is set when a login was expected but none given.
	loginHint string
	rc        *retryablehttp.Client
	proxies   *proxies
	maxBody   int64
	elapsed   time.Duration
}

// Response is a fully read answer.
type Response struct {
	// StatusCode and Status as sent by the server.
	StatusCode int
	Status     string
	Header     http.Header
	// Body is the whole body, at most --max-body bytes.
	Body []byte
	// URL is the final URL (after redirects), without credentials.
	URL string
	// Step names the request for messages, with the host: "GET
	// https://chat.example.com/l/a/monitor".
	Step string
}

// New returns a client for the run's target (-H and -p, see
// [plugin.Env.Target]) with the given authentication (nil for none),
// configured from the run's common options. It is the one constructor of
// every product's client.
func New(env *plugin.Env, auth Auth) (*Client, error) {
	base, err := env.Target()
	if err != nil {
		return nil, err
	}
	tr := &http.Transport{
		Proxy:                  http.ProxyFromEnvironment,
		DialContext:            (&net.Dialer{KeepAlive: -1}).DialContext,
		TLSHandshakeTimeout:    0, // bounded by the run's context
		DisableKeepAlives:      true,
		DisableCompression:     false,
		MaxResponseHeaderBytes: 64 << 10,
		ForceAttemptHTTP2:      false,
	}
	px, err := setupNetwork(env, base, tr) // dial.go: -I, -4/-6, --proxy
	if err != nil {
		return nil, err
	}
	if _, err := setupTLS(env, tr); err != nil { // tls.go
		return nil, err
	}
	var rt http.RoundTripper = tr
	if w := env.TraceWriter(); w != nil {
		rt = &tracer{next: rt, w: w}
	}
	if auth != nil {
		registerSecrets(env, auth)
		rt = auth.wrap(rt)
	}
	c := &Client{env: env, base: base, hasAuth: auth != nil || env.Common.Headers.HasSecret(), proxies: px, maxBody: int64(env.Common.MaxBody)}
	if c.maxBody <= 0 {
		c.maxBody = 4 << 20
	}
	hc := &http.Client{Transport: rt, CheckRedirect: c.checkRedirect}
	c.rc = &retryablehttp.Client{
		HTTPClient:   hc,
		Logger:       nil,
		RetryWaitMin: retryWaitMin,
		RetryWaitMax: retryWaitMax,
		RetryMax:     env.Common.Retries,
		CheckRetry:   retryPolicy,
		Backoff:      backoff,
		ErrorHandler: retryablehttp.PassthroughErrorHandler,
	}
	return c, nil
}

// registerSecrets registers the credentials of auth for redaction, also
// in the form they travel in (base64 for Basic), so that a server echoing
// them back cannot put them in the output or the trace.
func registerSecrets(env *plugin.Env, auth Auth) {
	switch a := auth.(type) {
	case Basic:
		env.Secret(a.Password)
		env.Secret(plugin.Secret(base64.StdEncoding.EncodeToString([]byte(a.User + ":" + a.Password.Reveal()))))
	case Digest:
		env.Secret(a.Password)
	case Header:
		env.Secret(a.Value)
	case Cookie:
		for _, c := range a.Cookies {
			env.Secret(plugin.Secret(c.Value))
		}
	}
}

// Base returns the base URL.
func (c *Client) Base() *url.URL { return c.base }

// Elapsed is the time spent in requests so far, from the first request to
// the last byte, retries included (perfdata "time").
func (c *Client) Elapsed() time.Duration { return c.elapsed }

// retryPolicy retries connection errors and 429, 502, 503, 504, never
// after the deadline, on a TLS verification failure, a refused redirect or
// a host name that does not exist. A retry whose backoff would end too
// close to the deadline is not made: the last answer or error is reported
// instead of a timeout.
func retryPolicy(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctx.Err() != nil {
		return false, ctx.Err()
	}
	attempt := 0
	if n, ok := ctx.Value(attemptKey{}).(*int); ok {
		attempt = *n
		*n++
	}
	if err != nil {
		var uerr *url.Error
		if errors.As(err, &uerr) {
			var cverr *tls.CertificateVerificationError
			var herr x509.HostnameError
			var uaerr x509.UnknownAuthorityError
			var cierr x509.CertificateInvalidError
			if errors.As(err, &cverr) || errors.As(err, &herr) || errors.As(err, &uaerr) || errors.As(err, &cierr) || errors.Is(err, errRedirect) || errors.Is(err, http.ErrSchemeMismatch) {
				return false, nil
			}
		}
		var dnsErr *net.DNSError
		if errors.As(err, &dnsErr) && dnsErr.IsNotFound {
			return false, nil
		}
		if proxyRefusedForGood(err) { // proxy.go
			return false, nil
		}
	} else {
		switch resp.StatusCode {
		case http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		default:
			return false, nil
		}
	}
	if deadline, ok := ctx.Deadline(); ok {
		wait := backoff(retryWaitMin, retryWaitMax, attempt, resp)
		if time.Until(deadline) < wait+retryMargin {
			return false, nil
		}
	}
	return true, nil
}

// Retry timing: the wait doubles from retryWaitMin up to retryWaitMax; a
// retry is made only if at least retryMargin is left after the wait.
const (
	retryWaitMin = 200 * time.Millisecond
	retryWaitMax = 2 * time.Second
	retryMargin  = 100 * time.Millisecond
)

// attemptKey keys the attempt counter of one request in its context.
type attemptKey struct{}

// backoff is retryablehttp's exponential backoff with a Retry-After header
// honoured but, like the rest, kept between lo and hi: "Retry-After: 0"
// does not make a burst of retries.
func backoff(lo, hi time.Duration, attempt int, resp *http.Response) time.Duration {
	return max(min(retryablehttp.DefaultBackoff(lo, hi, attempt, resp), hi), lo)
}

var errRedirect = errors.New("redirect refused")

func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > maxRedirects {
		return fmt.Errorf("%w: more than %d redirects", errRedirect, maxRedirects)
	}
	if c.hasAuth && via[0].URL.Scheme == "https" && req.URL.Scheme != "https" {
		return fmt.Errorf("%w: redirected from https to http; credentials are not sent there", errRedirect)
	}
	if c.hasAuth && req.URL.Host != via[0].URL.Host {
		return fmt.Errorf("%w: redirected to another host (%s); credentials are not sent there", errRedirect, req.URL.Host)
	}
	return nil
}

// Do sends a GET for path (with query) and reads the whole body through
// the cap. Any HTTP status is returned as a Response; only transport
// failures, timeouts and oversized bodies are errors.
func (c *Client) Do(ctx context.Context, path string, query url.Values) (*Response, error) {
	return c.do(ctx, http.MethodGet, path, query)
}

// newRequest makes the request of do with the suite's headers and those
// of --header.
func (c *Client) newRequest(ctx context.Context, method, target string) (*retryablehttp.Request, error) {
	req, err := retryablehttp.NewRequestWithContext(ctx, method, target, nil)
	if err != nil {
		return nil, plugin.Errorf(plugin.ErrUsage, "bad URL %s: %v", target, err)
	}
	req.Header.Set("User-Agent", plugin.Suite+"/"+plugin.Version)
	req.Header.Set("Accept", "application/json, text/plain;q=0.9, */*;q=0.1")
	if method == http.MethodPost {
		req.Header.Set("Content-Type", postContentType) // post.go
	}
	setHeaders(req.Request, c.env.Common.Headers) // headers.go
	return req, nil
}

// noteCertificate tells the run which certificate an HTTPS answer came
// with (--certificate-days).
func (c *Client) noteCertificate(resp *http.Response) {
	if resp.TLS == nil || len(resp.TLS.PeerCertificates) == 0 {
		return
	}
	leaf := resp.TLS.PeerCertificates[0]
	name := leaf.Subject.CommonName
	if len(leaf.DNSNames) > 0 {
		name = leaf.DNSNames[0]
	}
	c.env.NoteCertificate(plugin.Certificate{Name: name, NotAfter: leaf.NotAfter})
}

func (c *Client) do(ctx context.Context, method, path string, query url.Values) (*Response, error) {
	target := Join(c.base, path, query)
	step := method + " " + target
	if method == http.MethodPost {
		step = postStep(c.base, path, query) // post.go
	}
	c.env.Step(step)
	attempts := 0
	req, err := c.newRequest(context.WithValue(ctx, attemptKey{}, &attempts), method, target)
	if err != nil {
		return nil, err
	}
	start := c.env.Now()
	defer func() {
		d := c.env.Now().Sub(start)
		c.elapsed += d
		c.env.NoteRequest(d)
	}()

	resp, err := c.rc.Do(req)
	if err != nil {
		if resp != nil {
			resp.Body.Close()
		}
		if perr := c.proxies.failure(ctx, err); perr != nil { // proxy.go
			return nil, perr
		}
		return nil, c.transportError(ctx, err)
	}
	defer resp.Body.Close()
	if err := c.proxies.authRequired(resp); err != nil {
		return nil, err
	}
	c.noteCertificate(resp)
	c.env.Step("the rest of the answer to " + step)
	body, err := readCapped(resp.Body, c.maxBody, resp.ContentLength)
	if errors.Is(err, errTooLarge) {
		return nil, plugin.Errorf(plugin.ErrTooLarge, "%s: response too large (more than %s; raise --max-body if this is expected)", step, sizeString(c.maxBody))
	}
	if err != nil {
		return nil, c.transportError(ctx, err)
	}
	if w := c.env.TraceWriter(); w != nil {
		traceBody(w, c.env.Redact(strings.ToValidUTF8(string(body), "?")))
	}
	return &Response{
		StatusCode: resp.StatusCode,
		Status:     resp.Status,
		Header:     resp.Header,
		Body:       body,
		URL:        resp.Request.URL.Redacted(),
		Step:       step,
	}, nil
}

var errTooLarge = errors.New("body over the cap")

// readCapped reads r to the end into memory, at most limit bytes: a
// longer body is errTooLarge, found without reading it (Content-Length)
// or after reading limit+1 bytes. The buffer starts small or at the announced length
// and doubles, so that memory stays within about twice the cap.
func readCapped(r io.Reader, limit, announced int64) ([]byte, error) {
	if announced > limit {
		return nil, errTooLarge
	}
	size := min(int64(8<<10), limit) // most answers are small; grow by doubling
	if announced >= 0 {
		size = announced
	}
	b := make([]byte, 0, size)
	for {
		if len(b) == cap(b) {
			if int64(len(b)) >= limit {
				var one [1]byte
				n, err := io.ReadAtLeast(r, one[:], 1)
				switch {
				case n > 0:
					return nil, errTooLarge
				case err == io.EOF:
					return b, nil
				}
				return nil, err
			}
			grown := make([]byte, len(b), min(max(2*int64(cap(b)), 512), limit))
			copy(grown, b)
			b = grown
		}
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

func sizeString(n int64) string {
	switch {
	case n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
