package plugin

import (
	"net"
	"net/url"
	"strconv"
	"strings"
)

// ParseTarget builds the base URL of the thing checked from -H and -p. host may be "host",
// "host:port", "v6", "[v6]:port" or "scheme://host[:port][/prefix]"; without a
// scheme defScheme is used, and without a port defPort (0: the scheme's).
// port, when non-zero, overrides any port in host.
func ParseTarget(host string, port int, defScheme string, defPort int) (*url.URL, error) {
	h := strings.TrimSpace(host)
	if h == "" {
		return nil, Errorf(ErrUsage, "-H/--host is required")
	}
	if strings.Contains(h, "@") {
		// userinfo, however mangled ('/' in a password splits the URL
		// elsewhere): say so without quoting any of it
		return nil, Errorf(ErrUsage, "bad -H/--host: do not put credentials in the URL; use the credential flags or environment")
	}
	if ip := net.ParseIP(h); ip != nil && strings.Contains(h, ":") {
		h = "[" + h + "]" // a bare IPv6 literal, as -H ::1
	}
	if !strings.Contains(h, "://") {
		h = defScheme + "://" + h
	} else {
		defPort = 0
	}
	u, err := url.Parse(h)
	if err != nil || u.Host == "" {
		return nil, Errorf(ErrUsage, "bad -H/--host %q: want host, host:port or scheme://host[:port][/prefix]", host)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, Errorf(ErrUsage, "bad -H/--host %q: scheme must be http or https", host)
	}
	if u.User != nil {
		return nil, Errorf(ErrUsage, "bad -H/--host: do not put credentials in the URL; use the credential flags or environment")
	}
	if p := u.Port(); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 {
			return nil, Errorf(ErrUsage, "bad -H/--host %q: port must be 1-65535", host)
		}
	}
	u.Host = strings.TrimSuffix(u.Host, ":") // "host:" has no port
	if port < 0 || port > 65535 {
		return nil, Errorf(ErrUsage, "bad -p/--port %d: must be 1-65535", port)
	}
	switch {
	case port > 0:
		u.Host = net.JoinHostPort(u.Hostname(), strconv.Itoa(port))
	case u.Port() == "" && defPort > 0:
		u.Host = net.JoinHostPort(u.Hostname(), strconv.Itoa(defPort))
	}
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawQuery, u.Fragment, u.RawPath = "", "", ""
	return u, nil
}

// Target returns the base URL of -H and -p, with the scheme and port of the
// check's product (Info.Product) where -H names none. The runtime checks
// it before Validate, so that a bad -H is a usage error before any secret
// file is read; clients take it from here.
func (e *Env) Target() (*url.URL, error) {
	scheme := e.Info.Product.Scheme
	if scheme == "" {
		scheme = "https"
	}
	return ParseTarget(e.Common.Host, e.Common.Port, scheme, e.Info.Product.Port)
}
