package plugin

import (
	"encoding/base64"
	"fmt"
	"net"
	"net/url"
	"strings"

	"golang.org/x/net/http/httpguts"
)

// ProxyURL is the value of --proxy: a proxy URL, "none", or empty (the
// environment decides). Its user:password is a secret: it prints as
// "****" wherever the option is shown.
type ProxyURL string

// ProxyNone is the --proxy value that ignores the proxy environment.
const ProxyNone = "none"

// proxySchemes are the proxy kinds the HTTP client knows.
var proxySchemes = map[string]bool{"http": true, "https": true, "socks5": true, "socks5h": true}

// UnmarshalFlag checks the URL. A URL without a scheme is an HTTP proxy,
// as in HTTP_PROXY. The messages never quote the URL, which may hold a
// password.
func (p *ProxyURL) UnmarshalFlag(s string) error {
	if strings.EqualFold(s, ProxyNone) {
		*p = ProxyNone
		return nil
	}
	if _, err := ProxyURL(s).URL(); err != nil {
		return err
	}
	*p = ProxyURL(s)
	return nil
}

// MarshalFlag shows the proxy without its credentials.
func (p ProxyURL) MarshalFlag() (string, error) {
	u, err := p.URL()
	if err != nil || u == nil || u.User == nil {
		return string(p), nil
	}
	return u.Scheme + "://****@" + u.Host, nil
}

// IsNone reports --proxy=none.
func (p ProxyURL) IsNone() bool { return p == ProxyNone }

// URL parses the proxy URL; nil for "" and "none".
func (p ProxyURL) URL() (*url.URL, error) {
	s := string(p)
	if s == "" || s == ProxyNone {
		return nil, nil
	}
	if !strings.Contains(s, "://") {
		s = "http://" + s
	}
	u, err := url.Parse(s)
	if err != nil {
		return nil, fmt.Errorf("not a proxy URL (scheme://[user:password@]host:port)")
	}
	u.Scheme = strings.ToLower(u.Scheme)
	switch {
	case !proxySchemes[u.Scheme]:
		return nil, fmt.Errorf("proxy scheme %q not supported (http, https, socks5 or socks5h)", u.Scheme)
	case u.Hostname() == "":
		return nil, fmt.Errorf("the proxy URL names no host")
	case u.Path != "" && u.Path != "/" || u.RawQuery != "":
		return nil, fmt.Errorf("a proxy URL has no path or query (scheme://[user:password@]host:port)")
	}
	return u, nil
}

// secretValues are the proxy's credentials: the password (as written
// and decoded), user:password and its base64 form, which travels in
// Proxy-Authorization.
func (p ProxyURL) secretValues() []string {
	u, err := p.URL()
	if err != nil || u == nil || u.User == nil {
		return urlSecrets(string(p))
	}
	pw, _ := u.User.Password()
	userPass := u.User.Username() + ":" + pw
	return append(urlSecrets(string(p)), pw, userPass, base64.StdEncoding.EncodeToString([]byte(userPass)))
}

// Header is one --header: a request header to add.
type Header struct {
	Name, Value string
}

// UnmarshalFlag parses "Name: value": a valid header name, a colon and a
// value without line breaks (it may be empty).
func (h *Header) UnmarshalFlag(s string) error {
	name, value, ok := strings.Cut(s, ":")
	if !ok {
		return fmt.Errorf("expected 'Name: value'")
	}
	name = strings.TrimSpace(name)
	value = strings.TrimSpace(value)
	if !httpguts.ValidHeaderFieldName(name) {
		return fmt.Errorf("%q is not a valid header name", name)
	}
	if !httpguts.ValidHeaderFieldValue(value) {
		return fmt.Errorf("the value of header %s holds a line break or a control character", name)
	}
	*h = Header{Name: name, Value: value}
	return nil
}

// Secret reports whether the value of the header is a credential:
// Authorization, Proxy-Authorization, Cookie, and any *-Key or *-Token.
func (h Header) Secret() bool {
	n := strings.ToLower(h.Name)
	switch n {
	case "authorization", "proxy-authorization", "cookie":
		return true
	}
	return strings.HasSuffix(n, "-key") || strings.HasSuffix(n, "-token")
}

// MarshalFlag shows the header, a secret value as "****".
func (h Header) MarshalFlag() (string, error) {
	if h.Secret() && h.Value != "" {
		return h.Name + ": ****", nil
	}
	return h.Name + ": " + h.Value, nil
}

// Headers are the --header options, in the order given.
type Headers []Header

// MarshalFlag lists the headers for the -vv configuration, secret values
// as "****".
func (hs Headers) MarshalFlag() (string, error) {
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i], _ = h.MarshalFlag()
	}
	return strings.Join(out, ", "), nil
}

// HasSecret reports whether a header carries a credential.
func (hs Headers) HasSecret() bool {
	for _, h := range hs {
		if h.Secret() {
			return true
		}
	}
	return false
}

// secretValues are the credential values, whole and without their
// scheme ("Bearer TOKEN" also registers TOKEN).
func (hs Headers) secretValues() []string {
	var out []string
	for _, h := range hs {
		if !h.Secret() {
			continue
		}
		out = append(out, h.Value)
		if _, cred, ok := strings.Cut(h.Value, " "); ok {
			out = append(out, strings.TrimSpace(cred))
		}
	}
	return out
}

// secretHolder is an option value holding secrets that are not a Secret
// (a proxy URL, headers); registerSecrets registers them.
type secretHolder interface{ secretValues() []string }

// checkNetwork checks the connection options together: -4 and -6 exclude
// each other, -I is an address (a bare IPv6 address, brackets allowed)
// of the family asked for. It returns a usage message, or "".
func (c *Common) checkNetwork() string {
	if c.IPv4 && c.IPv6 {
		return "-4 and -6 exclude each other"
	}
	if c.Address == "" {
		return ""
	}
	addr := strings.TrimSuffix(strings.TrimPrefix(c.Address, "["), "]")
	ip := net.ParseIP(addr)
	if ip == nil {
		return fmt.Sprintf("-I/--address: %q is not an IP address", c.Address)
	}
	switch {
	case c.IPv4 && ip.To4() == nil:
		return fmt.Sprintf("-I/--address %s is an IPv6 address, but -4 asks for IPv4", addr)
	case c.IPv6 && ip.To4() != nil:
		return fmt.Sprintf("-I/--address %s is an IPv4 address, but -6 asks for IPv6", addr)
	}
	c.Address = addr
	return ""
}
