package httpc

import (
	"net/http"

	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/icholy/digest"
)

// Auth adds credentials to requests. Implementations: Basic, Header, Digest,
// Cookie; nil means no credentials.
type Auth interface {
	// wrap returns the transport that authenticates requests made
	// through next.
	wrap(next http.RoundTripper) http.RoundTripper
}

// Basic is HTTP Basic authentication.
type Basic struct {
	User     string
	Password plugin.Secret
}

func (a Basic) wrap(next http.RoundTripper) http.RoundTripper {
	return onCopy(next, func(r *http.Request) { r.SetBasicAuth(a.User, a.Password.Reveal()) })
}

// Header sets one header, e.g. Authorization: Apikey KEY.
type Header struct {
	Name  string
	Value plugin.Secret
}

func (a Header) wrap(next http.RoundTripper) http.RoundTripper {
	return onCopy(next, func(r *http.Request) { r.Header.Set(a.Name, a.Value.Reveal()) })
}

// Digest is HTTP Digest authentication (RFC 7616, MD5 and SHA-256,
// qop=auth) through github.com/icholy/digest.
type Digest struct {
	User     string
	Password plugin.Secret
}

func (a Digest) wrap(next http.RoundTripper) http.RoundTripper {
	t := &digest.Transport{Username: a.User, Password: a.Password.Reveal(), Transport: next, FindChallenge: usableChallenge}
	return roundTripFunc(func(r *http.Request) (*http.Response, error) {
		res, err := t.RoundTrip(r)
		if err == nil && res.StatusCode == http.StatusUnauthorized {
			if _, cerr := usableChallenge(res.Header); cerr != nil {
				// a 401 without a usable Digest challenge (Basic only,
				// or a malformed one) comes back with its body already
				// drained and closed by digest.Transport: hand on an
				// empty one so that the 401 reads as "authentication
				// failed", not as a broken connection
				res.Body.Close()
				res.Body = http.NoBody
			}
		}
		return res, err
	})
}

// usableChallenge finds a Digest challenge the client can answer; a
// malformed one counts as none, so that the 401 is returned as such
// instead of failing the request.
func usableChallenge(h http.Header) (*digest.Challenge, error) {
	c, err := digest.FindChallenge(h)
	if err != nil {
		return nil, digest.ErrNoChallenge
	}
	return c, nil
}

// Cookie sends cookies, e.g. the Webim agent session token. The values
// of Cookies are secrets; those of Plain (a locale, a status flag) are
// sent alongside but not redacted, so that words such as "online" stay
// readable in the output.
type Cookie struct {
	Cookies []*http.Cookie
	Plain   []*http.Cookie
}

func (a Cookie) wrap(next http.RoundTripper) http.RoundTripper {
	return onCopy(next, func(r *http.Request) {
		for _, c := range a.Cookies {
			r.AddCookie(c)
		}
		for _, c := range a.Plain {
			r.AddCookie(c)
		}
	})
}

// onCopy is the transport that sends through next a copy of each request
// with what set adds (a request handed to a transport is not changed).
func onCopy(next http.RoundTripper, set func(*http.Request)) http.RoundTripper {
	return roundTripFunc(func(r *http.Request) (*http.Response, error) {
		r = r.Clone(r.Context())
		set(r)
		return next.RoundTrip(r)
	})
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
