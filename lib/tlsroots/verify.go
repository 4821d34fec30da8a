package tlsroots

import (
	"crypto/x509"
	"errors"
	"sync/atomic"
	"time"
)

// Verifier verifies a server's certificate chain as crypto/tls does by
// default (x509.Certificate.Verify with the server name, the current
// time, the other certificates the server sent as intermediates, and the
// system roots plus the extra CAs as roots), but with a pool of only the
// roots that can end the chain.
type Verifier struct {
	store *Store
	extra []*x509.Certificate

	// full returns the standard pool for the second verification; nil
	// means the system pool, as a nil tls.Config.RootCAs does.
	full func() *x509.CertPool

	fast, fallbacks atomic.Int64
}

// NewVerifier returns a verifier that trusts the roots of store (nil: use
// the standard system pool directly) and the extra CA certificates (those
// of --ca-file), and falls back to x509.SystemCertPool plus extra.
func NewVerifier(store *Store, extra []*x509.Certificate) *Verifier {
	v := &Verifier{store: store, extra: extra}
	v.full = func() *x509.CertPool {
		if len(extra) == 0 {
			return nil
		}
		pool, err := x509.SystemCertPool()
		if err != nil || pool == nil {
			pool = x509.NewCertPool()
		}
		for _, c := range extra {
			pool.AddCert(c)
		}
		return pool
	}
	return v
}

// Verify verifies certs (the server's certificate first, then what else
// it sent, as tls.ConnectionState.PeerCertificates) for the host dnsName
// (a DNS name or an IP address; "" skips the name check, as x509 does) at
// now. It returns the verified chains, or the error of the verification
// against the full pool: exactly what the default verification returns.
func (v *Verifier) Verify(certs []*x509.Certificate, dnsName string, now time.Time) ([][]*x509.Certificate, error) {
	if len(certs) == 0 {
		return nil, errors.New("tlsroots: no certificate to verify")
	}
	opts := options(certs, dnsName, now)
	if chains, ok := v.verifyFast(certs, opts); ok {
		v.fast.Add(1)
		return chains, nil
	}
	v.fallbacks.Add(1)
	opts.Roots = v.full()
	return certs[0].Verify(opts)
}

// options are the verify options of crypto/tls, roots aside.
func options(certs []*x509.Certificate, dnsName string, now time.Time) x509.VerifyOptions {
	opts := x509.VerifyOptions{
		DNSName:       dnsName,
		CurrentTime:   now,
		Intermediates: x509.NewCertPool(),
	}
	for _, c := range certs[1:] {
		opts.Intermediates.AddCert(c)
	}
	return opts
}

// verifyFast verifies with the small pools: first the extra CAs and the
// roots hashed in the directories, then those and the matching roots of
// the bundle. Each pool is a subset of the full pool; a pool with nothing
// new in it is not tried.
func (v *Verifier) verifyFast(certs []*x509.Certificate, opts x509.VerifyOptions) ([][]*x509.Certificate, bool) {
	names := issuers(certs)
	var roots []*x509.Certificate
	seen := make(map[string]bool)
	add := func(certs []*x509.Certificate) (added bool) {
		for _, c := range certs {
			if !seen[string(c.Raw)] {
				seen[string(c.Raw)] = true
				roots = append(roots, c)
				added = true
			}
		}
		return added
	}
	add(v.extra)
	for stage := range 2 {
		var found []*x509.Certificate
		if v.store != nil {
			if stage == 0 {
				found = v.store.FromDirs(names)
			} else {
				found = v.store.FromBundle(names)
			}
		}
		if !add(found) && (stage > 0 || len(roots) == 0) {
			continue
		}
		opts.Roots = x509.NewCertPool()
		for _, c := range roots {
			opts.Roots.AddCert(c)
		}
		if chains, err := certs[0].Verify(opts); err == nil {
			return chains, true
		}
	}
	return nil, false
}

// issuers returns the distinct raw issuer names of certs.
func issuers(certs []*x509.Certificate) [][]byte {
	var out [][]byte
	seen := make(map[string]bool, len(certs))
	for _, c := range certs {
		if !seen[string(c.RawIssuer)] {
			seen[string(c.RawIssuer)] = true
			out = append(out, c.RawIssuer)
		}
	}
	return out
}

// Counts returns how many verifications the verifier settled with the
// small pool and how many it repeated against the full one.
func (v *Verifier) Counts() (fast, fallbacks int64) {
	return v.fast.Load(), v.fallbacks.Load()
}
