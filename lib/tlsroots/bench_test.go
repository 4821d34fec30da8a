package tlsroots

import (
	"encoding/pem"
	"os"
	"testing"
)

// The machine's store, where it has Debian's layout.
const (
	sysBundle = "/etc/ssl/certs/ca-certificates.crt"
	sysDir    = "/etc/ssl/certs"
)

// firstSystemSubject is the subject of the first root of the machine's
// bundle.
func firstSystemSubject(b *testing.B) []byte {
	data, err := os.ReadFile(sysBundle)
	if err != nil {
		b.Skipf("no system bundle: %v", err)
	}
	blk, _ := pem.Decode(data)
	if blk == nil {
		b.Skip("empty system bundle")
	}
	n, err := WalkNames(blk.Bytes)
	if err != nil {
		b.Fatal(err)
	}
	return n.Subject
}

// BenchmarkBundleLookup is the second stage on a fresh process: read and
// index the whole bundle, then parse the roots of one subject.
func BenchmarkBundleLookup(b *testing.B) {
	name := firstSystemSubject(b)
	for b.Loop() {
		if len(NewStore([]string{sysBundle}, nil).FromBundle([][]byte{name})) == 0 {
			b.Fatal("root not found")
		}
	}
}

// BenchmarkDirLookup is the first stage on a fresh process: the subject
// hash and the files of the hashed directory.
func BenchmarkDirLookup(b *testing.B) {
	name := firstSystemSubject(b)
	for b.Loop() {
		if len(NewStore(nil, []string{sysDir}).FromDirs([][]byte{name})) == 0 {
			b.Skip("the system directory is not hashed")
		}
	}
}
