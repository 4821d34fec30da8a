package httpc

import (
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
	rc      *retryablehttp.Client
	maxBody int64
	elapsed time.Duration
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
	// Step names the request for messages, e.g. "GET /l/a/monitor".
	Step string
}

// New returns a client for base with the given authentication (nil for
// none), configured from the run's common options.
func New(env *plugin.Env, base *url.URL, auth Auth) (*Client, error) {
	tlsConf, err := tlsConfig(env, base)
	if err != nil {
		return nil, err
	}
	var rt http.RoundTripper = &http.Transport{
		Proxy:                  http.ProxyFromEnvironment,
		DialContext:            (&net.Dialer{KeepAlive: -1}).DialContext,
		TLSClientConfig:        tlsConf,
		TLSHandshakeTimeout:    0, // bounded by the run's context
		DisableKeepAlives:      true,
		DisableCompression:     false,
		MaxResponseHeaderBytes: 64 << 10,
		ForceAttemptHTTP2:      false,
	}
	if w := env.TraceWriter(); w != nil {
		rt = &tracer{next: rt, w: w}
	}
	if auth != nil {
		rt = auth.wrap(rt)
	}
	c := &Client{env: env, base: base, hasAuth: auth != nil, maxBody: int64(env.Common.MaxBody)}
	if c.maxBody <= 0 {
		c.maxBody = 4 << 20
	}
	hc := &http.Client{Transport: rt, CheckRedirect: c.checkRedirect}
	c.rc = &retryablehttp.Client{
		HTTPClient:   hc,
		Logger:       nil,
		RetryWaitMin: 200 * time.Millisecond,
		RetryWaitMax: 2 * time.Second,
		RetryMax:     env.Common.Retries,
		CheckRetry:   retryPolicy,
		Backoff:      retryablehttp.DefaultBackoff,
		ErrorHandler: retryablehttp.PassthroughErrorHandler,
	}
	return c, nil
}

// Base returns the base URL.
func (c *Client) Base() *url.URL { return c.base }

// Elapsed is the time spent in requests so far, from the first request to
// the last byte, retries included (perfdata "time").
func (c *Client) Elapsed() time.Duration { return c.elapsed }

// TimePerf returns the perfdata item "time" for the requests made so far.
func (c *Client) TimePerf(th plugin.Thresholds) plugin.Perf {
	return plugin.Perf{Label: "time", Value: c.elapsed.Seconds(), Unit: "s", Warn: th.Warn, Crit: th.Crit, Min: plugin.Float(0)}
}

func tlsConfig(env *plugin.Env, base *url.URL) (*tls.Config, error) {
	conf := &tls.Config{MinVersion: tls.VersionTLS12}
	if base.Scheme != "https" {
		return conf, nil
	}
	if env.Common.Insecure {
		conf.InsecureSkipVerify = true
		return conf, nil
	}
	if env.Common.CAFile != "" {
		pem, err := os.ReadFile(env.Common.CAFile)
		if err != nil {
			return nil, plugin.Errorf(plugin.ErrUsage, "--ca-file: %v", err)
		}
		pool, err := x509.SystemCertPool()
		if err != nil || pool == nil {
			pool = x509.NewCertPool()
		}
		if !pool.AppendCertsFromPEM(pem) {
			return nil, plugin.Errorf(plugin.ErrUsage, "--ca-file %s: no PEM certificate found", env.Common.CAFile)
		}
		conf.RootCAs = pool
	}
	return conf, nil
}

// retryPolicy retries connection errors and 429, 502, 503, 504, never
// after the deadline or on a TLS verification failure.
func retryPolicy(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctx.Err() != nil {
		return false, ctx.Err()
	}
	if err != nil {
		var uerr *url.Error
		if errors.As(err, &uerr) {
			var cverr *tls.CertificateVerificationError
			var herr x509.HostnameError
			var uaerr x509.UnknownAuthorityError
			var cierr x509.CertificateInvalidError
			if errors.As(err, &cverr) || errors.As(err, &herr) || errors.As(err, &uaerr) || errors.As(err, &cierr) || errors.Is(err, errRedirect) {
				return false, nil
			}
		}
		return true, nil
	}
	switch resp.StatusCode {
	case http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true, nil
	}
	return false, nil
}

var errRedirect = errors.New("redirect refused")

func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > maxRedirects {
		return fmt.Errorf("%w: more than %d redirects", errRedirect, maxRedirects)
	}
	if c.hasAuth && req.URL.Host != via[0].URL.Host {
		return fmt.Errorf("%w: redirected to another host (%s); credentials are not sent there", errRedirect, req.URL.Host)
	}
	if c.hasAuth && via[0].URL.Scheme == "https" && req.URL.Scheme != "https" {
		return fmt.Errorf("%w: redirected from https to http; credentials are not sent there", errRedirect)
	}
	return nil
}

// Do sends a GET for path (with query) and reads the whole body through
// the cap. Any HTTP status is returned as a Response; only transport
// failures, timeouts and oversized bodies are errors.
func (c *Client) Do(ctx context.Context, path string, query url.Values) (*Response, error) {
	return c.do(ctx, http.MethodGet, path, query)
}

// Get is Do followed by [Response.Err]: anything but a 2xx is an error of
// the right kind.
func (c *Client) Get(ctx context.Context, path string, query url.Values) (*Response, error) {
	r, err := c.do(ctx, http.MethodGet, path, query)
	if err != nil {
		return nil, err
	}
	if err := r.Err(); err != nil {
		return r, err
	}
	return r, nil
}

func (c *Client) do(ctx context.Context, method, path string, query url.Values) (*Response, error) {
	target := Join(c.base, path, query)
	step := method + " " + target
	c.env.Step(step)
	req, err := retryablehttp.NewRequestWithContext(ctx, method, target, nil)
	if err != nil {
		return nil, plugin.Errorf(plugin.ErrUsage, "bad URL %s: %v", target, err)
	}
	req.Header.Set("User-Agent", plugin.Suite+"/"+plugin.Version)
	req.Header.Set("Accept", "application/json, text/plain;q=0.9, */*;q=0.1")
	start := c.env.Now()
	defer func() { c.elapsed += c.env.Now().Sub(start) }()

	resp, err := c.rc.Do(req)
	if err != nil {
		return nil, c.transportError(ctx, err)
	}
	defer resp.Body.Close()
	c.env.Step("reading the answer of " + step)
	body, err := io.ReadAll(io.LimitReader(resp.Body, c.maxBody+1))
	if err != nil {
		return nil, c.transportError(ctx, err)
	}
	if int64(len(body)) > c.maxBody {
		return nil, plugin.Errorf(plugin.ErrTooLarge, "%s: response too large (more than %s; raise --max-body if this is expected)", path, sizeString(c.maxBody))
	}
	if w := c.env.TraceWriter(); w != nil {
		traceBody(w, body)
	}
	return &Response{
		StatusCode: resp.StatusCode,
		Status:     resp.Status,
		Header:     resp.Header,
		Body:       body,
		URL:        resp.Request.URL.Redacted(),
		Step:       method + " " + c.base.Path + path,
	}, nil
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
