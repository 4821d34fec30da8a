package sim

import (
	"bytes"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strings"

	"github.com/icholy/digest"
)

// Credentials the simulator accepts for the Itgrix admin panel (HTTP Digest).
const (
	ItgrixUser     = "admin"
	ItgrixPassword = "itgrix-secret"
)

// itgrixRealm is the realm of the Digest challenge.
const itgrixRealm = "Itgrix admin panel"

// itgrixProduct: the Itgrix status API of seed 001, GET /status behind
// HTTP Digest authentication (RFC 7616, qop=auth; MD5, or SHA-256 under
// the digest-sha256 scenario). License dates are computed from the
// simulator's clock so that "10 days left" stays 10 days whatever the day.
func itgrixProduct() product {
	d := newItgrixDigest()
	return product{
		owns: func(path string) bool { return path == "/status" },
		auth: d.auth,
	}
}

// setStringField replaces the value of the first string field named field
// in a JSON text, keeping everything else as it is.
func setStringField(b []byte, field, value string) []byte {
	key := []byte(`"` + field + `"`)
	i := bytes.Index(b, key)
	if i < 0 {
		return b
	}
	j := i + len(key)
	for j < len(b) && (b[j] == ' ' || b[j] == ':' || b[j] == '\t') {
		j++
	}
	if j >= len(b) || b[j] != '"' {
		return b
	}
	k := bytes.IndexByte(b[j+1:], '"')
	if k < 0 {
		return b
	}
	out := make([]byte, 0, len(b)+len(value))
	out = append(out, b[:j+1]...)
	out = append(out, value...)
	return append(out, b[j+1+k:]...)
}

// itgrixDigest is the server side of HTTP Digest authentication: it issues
// challenges with nonces it can recognise later (an HMAC under a key of its
// own, so no state is kept) and verifies the client's response with the
// computation of github.com/icholy/digest.
type itgrixDigest struct {
	key    []byte
	opaque string
}

func newItgrixDigest() *itgrixDigest {
	key := make([]byte, 32)
	rand.Read(key)
	op := make([]byte, 8)
	rand.Read(op)
	return &itgrixDigest{key: key, opaque: hex.EncodeToString(op)}
}

func (d *itgrixDigest) nonce() string {
	salt := make([]byte, 12)
	rand.Read(salt)
	s := hex.EncodeToString(salt)
	return s + d.sign(s)
}

func (d *itgrixDigest) sign(s string) string {
	m := hmac.New(sha256.New, d.key)
	m.Write([]byte(s))
	return hex.EncodeToString(m.Sum(nil))[:32]
}

func (d *itgrixDigest) validNonce(n string) bool {
	if len(n) != 24+32 {
		return false
	}
	return hmac.Equal([]byte(d.sign(n[:24])), []byte(n[24:]))
}

// algorithm is the one the scenario of r challenges with.
func itgrixAlgorithm(r *http.Request) string {
	if scenarioOf(r) == "digest-sha256" {
		return "SHA-256"
	}
	return "MD5"
}

func (d *itgrixDigest) auth(s *Server, w http.ResponseWriter, r *http.Request) bool {
	alg := itgrixAlgorithm(r)
	if h := r.Header.Get("Authorization"); digest.IsDigest(h) {
		if cred, err := digest.ParseCredentials(h); err == nil && d.verify(cred, r, alg) {
			return true
		}
	}
	chal := digest.Challenge{Realm: itgrixRealm, Nonce: d.nonce(), Opaque: d.opaque, Algorithm: alg, QOP: []string{"auth"}}
	w.Header().Set("WWW-Authenticate", chal.String())
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(http.StatusUnauthorized)
	w.Write([]byte("401 Unauthorized\n"))
	return false
}

// verify checks the client's Digest credentials against the challenge it
// must have answered and the simulator's password.
func (d *itgrixDigest) verify(c *digest.Credentials, r *http.Request, alg string) bool {
	calg := c.Algorithm
	if calg == "" {
		calg = "MD5"
	}
	if c.Username != ItgrixUser || c.Realm != itgrixRealm || !strings.EqualFold(calg, alg) ||
		c.QOP != "auth" || c.Cnonce == "" || c.Nc < 1 || c.Opaque != d.opaque ||
		c.URI != r.URL.RequestURI() || !d.validNonce(c.Nonce) {
		return false
	}
	want, err := digest.Digest(&digest.Challenge{Realm: itgrixRealm, Nonce: c.Nonce, Opaque: d.opaque, Algorithm: alg, QOP: []string{"auth"}},
		digest.Options{Method: r.Method, URI: c.URI, Count: c.Nc, Username: ItgrixUser, Password: ItgrixPassword, Cnonce: c.Cnonce})
	if err != nil {
		return false
	}
	return hmac.Equal([]byte(want.Response), []byte(strings.ToLower(c.Response)))
}
