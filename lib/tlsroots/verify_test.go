package tlsroots

import (
	"crypto/x509"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The corpus: a trust store written to a temporary directory, which the
// whole test binary uses as its system store (SSL_CERT_FILE and
// SSL_CERT_DIR are set before anything reads the system roots), so that
// x509.SystemCertPool below is Go's own reading of it.
var corpus struct {
	bundle, dir string
	cases       []chainCase
	unknownRoot *x509.Certificate
}

// chainCase is what a server sends, the name it is reached by, and
// whether its root is one the small pools find (in the bundle or hashed
// in the directory), so that a valid chain needs no second verification.
type chainCase struct {
	name  string
	certs []*x509.Certificate
	host  string
	fast  bool
}

func TestMain(m *testing.M) {
	tmp, err := os.MkdirTemp("", "tlsroots-corpus-")
	if err != nil {
		panic(err)
	}
	makeCorpus(tmp)
	os.Setenv("SSL_CERT_FILE", corpus.bundle)
	os.Setenv("SSL_CERT_DIR", corpus.dir+":"+filepath.Join(tmp, "missing"))
	code := m.Run()
	os.RemoveAll(tmp)
	os.Exit(code)
}

func makeCorpus(tmp string) {
	rnb, rna := t0.Add(-5*365*day), t0.Add(10*365*day)
	inb, ina := t0.Add(-365*day), t0.Add(3*365*day)
	lnb, lna := t0.Add(-30*day), t0.Add(60*day)
	const host = "chat.example.com"
	srv := x509.ExtKeyUsageServerAuth

	rootA := root("Corpus Root A", nil, rnb, rna)
	rootA2 := root("Corpus Root A", nil, rnb, rna) // same subject, other key
	rogueA := root("Corpus Root A", nil, rnb, rna) // same subject, not trusted
	rootB := root("Corpus Root B", nil, rnb, rna)
	rootC := root("Corpus Root C", nil, rnb, rna)
	rootD := root("Corpus Root D", nil, rnb, rna)
	rootE := root("Corpus Root E", nil, rnb, rna)
	rootU := root("Corpus Unknown Root", nil, rnb, rna)

	interA := intermediate("Corpus CA A1", nil, rootA, inb, ina)
	interA2 := intermediate("Corpus CA A2", nil, rootA2, inb, ina)
	interRogue := intermediate("Corpus CA A1", nil, rogueA, inb, ina)
	crossKey := newKey()
	crossB := intermediate("Corpus Cross CA", crossKey, rootB, inb, ina)
	crossC := intermediate("Corpus Cross CA", crossKey, rootC, inb, ina.Add(365*day))
	interD := intermediate("Corpus CA D", nil, rootD, inb, ina)
	interE := intermediate("Corpus CA E", nil, rootE, inb, ina)
	interU := intermediate("Corpus CA U", nil, rootU, inb, ina)
	interOld := intermediate("Corpus CA Old", nil, rootA, t0.Add(-3*365*day), t0.Add(-day))

	leafA := leaf(interA, lnb, lna, srv, host)
	selfBundle := leaf(nil, lnb, lna, srv, "self.example.com")
	selfDir := leaf(nil, lnb, lna, srv, "self-dir.example.com")

	corpus.unknownRoot = rootU.Cert
	corpus.cases = []chainCase{
		{"valid chain", certs(leafA, interA.Cert), host, true},
		{"valid chain, server sends the root too", certs(leafA, interA.Cert, rootA.Cert), host, true},
		{"expired leaf", certs(leaf(interA, t0.Add(-100*day), t0.Add(-10*day), srv, host), interA.Cert), host, true},
		{"leaf not yet valid", certs(leaf(interA, t0.Add(10*day), t0.Add(100*day), srv, host), interA.Cert), host, true},
		{"wrong host name", certs(leafA, interA.Cert), "chat.example.org", true},
		{"no host name to check", certs(leafA, interA.Cert), "", true},
		{"unknown root", certs(leaf(interU, lnb, lna, srv, host), interU.Cert), host, false},
		{"missing intermediate", certs(leafA), host, false},
		{"expired intermediate", certs(leaf(interOld, t0.Add(-400*day), lna, srv, host), interOld.Cert), host, true},
		{"client-only key usage", certs(leaf(interA, lnb, lna, x509.ExtKeyUsageClientAuth, host), interA.Cert), host, true},
		{"cross-signed, via root B (bundle)", certs(leaf(crossB, lnb, lna, srv, host), crossB.Cert), host, true},
		{"cross-signed, via root C (hashed directory)", certs(leaf(crossB, lnb, lna, srv, host), crossC.Cert), host, true},
		{"cross-signed, both paths sent", certs(leaf(crossB, lnb, lna, srv, host), crossB.Cert, crossC.Cert), host, true},
		{"root with the subject of another, other key", certs(leaf(interA2, lnb, lna, srv, host), interA2.Cert), host, true},
		{"untrusted root with a trusted root's subject", certs(leaf(interRogue, lnb, lna, srv, host), interRogue.Cert), host, true},
		{"untrusted root sent by the server", certs(leaf(interRogue, lnb, lna, srv, host), interRogue.Cert, rogueA.Cert), host, true},
		{"root only in the directory, not hashed", certs(leaf(interD, lnb, lna, srv, host), interD.Cert), host, false},
		{"root hashed in the directory", certs(leaf(interE, lnb, lna, srv, host), interE.Cert), host, true},
		{"self-signed server certificate in the bundle", certs(selfBundle), "self.example.com", true},
		{"self-signed server certificate in the directory, not hashed", certs(selfDir), "self-dir.example.com", false},
		{"IP address", certs(leaf(interA, lnb, lna, srv, "127.0.0.1", "::1"), interA.Cert), "127.0.0.1", true},
		{"wrong IP address", certs(leaf(interA, lnb, lna, srv, "127.0.0.1"), interA.Cert), "127.0.0.2", true},
	}

	corpus.dir = filepath.Join(tmp, "certs")
	must(os.MkdirAll(corpus.dir, 0o755))
	corpus.bundle = filepath.Join(tmp, "bundle.crt")
	bundle := pemOf(rootA.Cert, rootA2.Cert, rootB.Cert)
	// What AppendCertsFromPEM skips: a block that is not a certificate,
	// one with headers, one whose base64 is broken, one that does not
	// parse as a certificate; and text between the blocks.
	bundle = append(bundle, "# comment\n-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"...)
	bundle = append(bundle, "-----BEGIN CERTIFICATE-----\nProc-Type: 4,ENCRYPTED\n\nAAAA\n-----END CERTIFICATE-----\n"...)
	bundle = append(bundle, "-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n"...)
	bundle = append(bundle, "-----BEGIN CERTIFICATE-----\nMAMCAQA=\n-----END CERTIFICATE-----\n"...)
	bundle = append(bundle, pemOf(selfBundle)...)
	must(os.WriteFile(corpus.bundle, bundle, 0o644))

	// The directory as update-ca-certificates leaves it: the bundle too,
	// certificate files, and hash links to them; plus files not hashed.
	must(os.WriteFile(filepath.Join(corpus.dir, "bundle.crt"), bundle, 0o644))
	must(os.WriteFile(filepath.Join(corpus.dir, "rootC.pem"), pemOf(rootC.Cert), 0o644))
	must(os.Symlink("rootC.pem", filepath.Join(corpus.dir, hashName(rootC.Cert, 0))))
	must(os.WriteFile(filepath.Join(corpus.dir, hashName(rootE.Cert, 0)), pemOf(rootE.Cert), 0o644))
	must(os.WriteFile(filepath.Join(corpus.dir, "rootD.pem"), pemOf(rootD.Cert), 0o644))
	must(os.WriteFile(filepath.Join(corpus.dir, "self-dir.pem"), pemOf(selfDir), 0o644))
	// Hash collisions: another certificate under the next number, and
	// a link whose target is gone.
	must(os.Symlink("rootD.pem", filepath.Join(corpus.dir, hashName(rootC.Cert, 1))))
	must(os.Symlink("gone.pem", filepath.Join(corpus.dir, hashName(rootE.Cert, 1))))
}

func hashName(c *x509.Certificate, n int) string {
	h, ok := subjectHash(c.RawSubject)
	if !ok {
		panic("subject hash of " + c.Subject.String())
	}
	return fmt.Sprintf("%08x.%d", h, n)
}

func certs(c ...*x509.Certificate) []*x509.Certificate { return c }

func must(err error) {
	if err != nil {
		panic(err)
	}
}

// The times each chain is verified at: now, and before and after the
// validity of leaves, intermediates and roots.
var corpusTimes = []time.Time{
	t0,
	t0.Add(-2 * 365 * day),
	t0.Add(2 * 365 * day),
	t0.Add(4 * 365 * day),
	t0.Add(11 * 365 * day),
}

// TestDifferential holds the verifier to x509.Certificate.Verify with the
// full system pool, on every chain of the corpus at every time: the small
// pools never accept what the full pool rejects, accept without a second
// verification every valid chain whose root they can find, and the final
// verdict and error are those of the full pool.
func TestDifferential(t *testing.T) {
	full, err := x509.SystemCertPool()
	require.NoError(t, err)
	store := System()
	require.NotNil(t, store)
	require.Equal(t, []string{corpus.bundle}, store.files, "SSL_CERT_FILE")
	require.Equal(t, corpus.dir, store.dirs[0], "SSL_CERT_DIR")

	for _, extra := range [][]*x509.Certificate{nil, {corpus.unknownRoot}} {
		fullPool := full
		if extra != nil {
			fullPool = full.Clone()
			fullPool.AddCert(corpus.unknownRoot)
		}
		v := NewVerifier(store, extra)
		for _, c := range corpus.cases {
			for _, now := range corpusTimes {
				name := fmt.Sprintf("%s/extra=%d/%s", c.name, len(extra), now.Format("2006-01-02"))
				t.Run(name, func(t *testing.T) {
					opts := options(c.certs, c.host, now)
					opts.Roots = fullPool
					_, wantErr := c.certs[0].Verify(opts)

					_, fastOK := v.verifyFast(c.certs, options(c.certs, c.host, now))
					if fastOK {
						require.NoError(t, wantErr, "the small pool accepted what the full pool rejects")
					}
					if wantErr == nil && (c.fast || extra != nil && c.name == "unknown root") {
						assert.True(t, fastOK, "a valid chain to a root the small pool finds needed the full pool")
					}

					chains, err := v.Verify(c.certs, c.host, now)
					if wantErr == nil {
						require.NoError(t, err)
						require.NotEmpty(t, chains)
						return
					}
					require.Error(t, err)
					assert.Equal(t, reflect.TypeOf(wantErr), reflect.TypeOf(err))
					assert.Equal(t, wantErr.Error(), err.Error())
				})
			}
		}
	}
}

// TestDifferentialCoversBothVerdicts keeps the corpus honest: at t0 it has
// chains the full pool accepts and chains it rejects, among them each
// kind of failure.
func TestDifferentialCoversBothVerdicts(t *testing.T) {
	full, err := x509.SystemCertPool()
	require.NoError(t, err)
	kinds := map[string]bool{}
	for _, c := range corpus.cases {
		opts := options(c.certs, c.host, t0)
		opts.Roots = full
		_, err := c.certs[0].Verify(opts)
		kinds[fmt.Sprintf("%T", err)] = true
	}
	for _, k := range []string{"<nil>", "x509.CertificateInvalidError", "x509.HostnameError", "x509.UnknownAuthorityError"} {
		assert.True(t, kinds[k], "no case gives %s", k)
	}
}

func TestVerifierWithoutStore(t *testing.T) {
	c := corpus.cases[0]
	tests := []struct {
		name  string
		store *Store
	}{
		{"no store (platform without the files)", nil},
		{"store whose files do not exist", NewStore([]string{"/nonexistent/bundle.crt"}, []string{"/nonexistent"})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := NewVerifier(tt.store, nil)
			_, err := v.Verify(c.certs, c.host, t0)
			require.NoError(t, err, "the standard pool accepts the chain")
			fast, fallbacks := v.Counts()
			assert.Equal(t, int64(0), fast)
			assert.Equal(t, int64(1), fallbacks)
		})
	}
}

func TestVerifyNoCertificates(t *testing.T) {
	_, err := NewVerifier(System(), nil).Verify(nil, "chat.example.com", t0)
	require.Error(t, err)
}

func TestStoreIsLazy(t *testing.T) {
	dir := t.TempDir()
	bundle := filepath.Join(dir, "bundle.crt")
	s := NewStore([]string{bundle}, []string{dir})
	// Written after the store was made: nothing was read before the first
	// look-up.
	a := root("Lazy Root", nil, t0.Add(-day), t0.Add(day))
	must(os.WriteFile(bundle, pemOf(a.Cert), 0o644))
	got := s.FromBundle([][]byte{a.Cert.RawSubject})
	require.Len(t, got, 1)
	assert.Equal(t, a.Cert.Raw, got[0].Raw)
	assert.Empty(t, s.FromDirs([][]byte{a.Cert.RawSubject}), "not hashed in the directory")
}

func TestStoreFirstReadableBundle(t *testing.T) {
	dir := t.TempDir()
	a := root("First Root", nil, t0.Add(-day), t0.Add(day))
	b := root("Second Root", nil, t0.Add(-day), t0.Add(day))
	must(os.WriteFile(filepath.Join(dir, "a.crt"), pemOf(a.Cert), 0o644))
	must(os.WriteFile(filepath.Join(dir, "b.crt"), pemOf(b.Cert), 0o644))
	s := NewStore([]string{filepath.Join(dir, "missing.crt"), filepath.Join(dir, "a.crt"), filepath.Join(dir, "b.crt")}, nil)
	assert.Len(t, s.FromBundle([][]byte{a.Cert.RawSubject}), 1, "the first file that reads is the bundle")
	assert.Empty(t, s.FromBundle([][]byte{b.Cert.RawSubject}), "and only that one, as Go reads it")
}

func TestStoreEmptyDirectory(t *testing.T) {
	s := NewStore(nil, []string{t.TempDir()})
	s.mu.Lock()
	defer s.mu.Unlock()
	assert.True(t, s.listable(s.dirs[0]), "an empty directory lists")
	assert.False(t, s.listable(filepath.Join(s.dirs[0], "missing")))
}
