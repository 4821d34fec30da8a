package tlsroots

import (
	"bytes"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
)

// Store is a system trust store read the way crypto/x509 reads it on
// Linux: the first readable of a list of bundle files, and a list of
// certificate directories. Nothing is read before the first look-up. The
// directories are looked up by OpenSSL subject hash, as OpenSSL looks up
// a CApath: a few small files per name. The bundle, on its first look-up,
// is indexed by raw subject: each certificate block is found as pem.Decode
// finds it, the start of its base64 decoded and walked up to the subject.
// Only the certificates whose subject matches are fully parsed. Every
// certificate a Store returns is one that x509.SystemCertPool has too: it
// comes from a file Go reads, from a PEM block Go decodes, and
// x509.ParseCertificate accepts it. A Store is safe for concurrent use.
type Store struct {
	files []string
	dirs  []string

	once    sync.Once
	entries []entry // the bundle's certificates

	mu   sync.Mutex
	seen map[string][]*x509.Certificate // issuer → certificates found in the directories
	list map[string]bool                // directory → it can be listed
}

// entry is one certificate block of the bundle.
type entry struct {
	subject []byte
	blk     pemBlock
	cert    *x509.Certificate // parsed on first use
	bad     bool              // did not decode or parse: Go skips it too
}

// NewStore returns a store that reads the first readable file of files as
// its bundle and looks certificates up in dirs (the semantics of Go's
// certFiles and certDirectories, or of SSL_CERT_FILE and SSL_CERT_DIR).
func NewStore(files, dirs []string) *Store {
	return &Store{files: files, dirs: dirs}
}

// prefixChars is how much base64 of each bundle certificate is decoded at
// first: 576 characters are 432 bytes of DER, past the subject of almost
// every root. The walk asks for more where it is not.
const prefixChars = 576

// load reads and indexes the bundle.
func (s *Store) load() {
	var data []byte
	for _, f := range s.files {
		b, err := os.ReadFile(f)
		if err == nil {
			data = b
			break
		}
	}
	scratch := make([]byte, 0, 4*1024)
	for len(data) > 0 {
		blk, rest, ok := nextPEM(data)
		if !ok {
			break
		}
		data = rest
		if !blk.cert {
			continue
		}
		e := entry{blk: blk}
		e.subject = subjectOf(blk, scratch)
		if e.subject == nil {
			// The walk could not read it: let x509 say what the subject is
			// (or that Go skips this block too).
			if c := e.parse(); c != nil {
				e.subject = c.RawSubject
			}
		}
		if e.subject != nil {
			s.entries = append(s.entries, e)
		}
	}
}

// subjectOf decodes as little of the block as it takes to walk to the
// subject; nil if the walk fails.
func subjectOf(blk pemBlock, scratch []byte) []byte {
	for max := prefixChars; ; max *= 4 {
		der, whole, err := decodePrefix(blk.body, max, scratch)
		if err != nil {
			return nil
		}
		n, err := WalkNames(der)
		switch {
		case err == nil:
			return n.Subject
		case err != errShort || whole:
			return nil
		}
	}
}

// parse returns the certificate of a bundle entry, or nil where
// AppendCertsFromPEM would skip it.
func (e *entry) parse() *x509.Certificate {
	if e.cert != nil || e.bad {
		return e.cert
	}
	der, ok := decodeBlock(e.blk)
	if ok {
		e.cert, _ = x509.ParseCertificate(der)
	}
	e.bad = e.cert == nil
	return e.cert
}

// FromDirs returns the certificates of the store's directories whose
// subject is one of names (raw DER names: the issuers of the certificates
// a server sent), found by subject hash: HASH.0, HASH.1, ... up to the
// first missing one, as OpenSSL looks up a CApath. A certificate that is
// in a directory under another name is not found here (it is still in
// the standard pool).
func (s *Store) FromDirs(names [][]byte) []*x509.Certificate {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []*x509.Certificate
	for _, name := range names {
		out = append(out, s.fromDirs(name)...)
	}
	return out
}

// FromBundle returns the certificates of the store's bundle whose subject
// is one of names. The first call reads and indexes the bundle.
func (s *Store) FromBundle(names [][]byte) []*x509.Certificate {
	s.once.Do(s.load)
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []*x509.Certificate
	for _, name := range names {
		for i := range s.entries {
			e := &s.entries[i]
			if bytes.Equal(e.subject, name) {
				if c := e.parse(); c != nil && bytes.Equal(c.RawSubject, name) {
					out = append(out, c)
				}
			}
		}
	}
	return out
}

// fromDirs looks one subject up in the hashed certificate directories. A
// directory Go cannot list is skipped, as Go skips it.
func (s *Store) fromDirs(name []byte) []*x509.Certificate {
	if certs, ok := s.seen[string(name)]; ok {
		return certs
	}
	var out []*x509.Certificate
	if h, ok := subjectHash(name); ok {
		for _, dir := range s.dirs {
			if !s.listable(dir) {
				continue
			}
			for n := 0; ; n++ {
				data, err := os.ReadFile(fmt.Sprintf("%s/%08x.%d", dir, h, n))
				if err != nil {
					break
				}
				out = append(out, certsNamed(data, name)...)
			}
		}
	}
	if s.seen == nil {
		s.seen = make(map[string][]*x509.Certificate)
	}
	s.seen[string(name)] = out
	return out
}

// listable reports whether Go's directory read (os.ReadDir) would get
// past opening dir; a directory Go cannot list contributes nothing to its
// pool, so nothing may be taken from it here either.
func (s *Store) listable(dir string) bool {
	if ok, seen := s.list[dir]; seen {
		return ok
	}
	ok := false
	if f, err := os.Open(dir); err == nil {
		_, err = f.ReadDir(1)
		ok = err == nil || err == io.EOF // io.EOF: listed, and empty
		f.Close()
	}
	if s.list == nil {
		s.list = make(map[string]bool)
	}
	s.list[dir] = ok
	return ok
}

// certsNamed returns the certificates with subject name among the PEM
// blocks of data, decoded as AppendCertsFromPEM decodes them.
func certsNamed(data, name []byte) []*x509.Certificate {
	return PEMCertificates(data, func(der []byte) bool {
		n, err := WalkNames(der)
		return err != nil || bytes.Equal(n.Subject, name)
	}, func(c *x509.Certificate) bool { return bytes.Equal(c.RawSubject, name) })
}

// PEMCertificates returns the certificates among the PEM blocks of data,
// decoded as x509.CertPool.AppendCertsFromPEM decodes them (CERTIFICATE
// blocks without headers; others and those that do not parse are passed
// over). before, when not nil, picks the blocks worth parsing by their
// DER; after, when not nil, the parsed certificates to keep.
func PEMCertificates(data []byte, before func(der []byte) bool, after func(*x509.Certificate) bool) []*x509.Certificate {
	var out []*x509.Certificate
	for len(data) > 0 {
		var b *pem.Block
		b, data = pem.Decode(data)
		if b == nil {
			break
		}
		if b.Type != "CERTIFICATE" || len(b.Headers) != 0 || (before != nil && !before(b.Bytes)) {
			continue
		}
		if c, err := x509.ParseCertificate(b.Bytes); err == nil && (after == nil || after(c)) {
			out = append(out, c)
		}
	}
	return out
}

// envList is the value of an environment variable split on colons, as Go
// splits SSL_CERT_DIR; nil when it is unset or empty.
func envList(name string) []string {
	if v := os.Getenv(name); v != "" {
		return strings.Split(v, ":")
	}
	return nil
}
