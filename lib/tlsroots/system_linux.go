//go:build linux && !android

package tlsroots

import (
	"os"
	"strings"
	"sync"
)

// The bundle files and directories crypto/x509 reads on Linux
// (root_linux.go), in its order.
var (
	certFiles = []string{
		"/etc/ssl/certs/ca-certificates.crt",                // Debian/Ubuntu/Gentoo etc.
		"/etc/pki/tls/certs/ca-bundle.crt",                  // Fedora/RHEL 6
		"/etc/ssl/ca-bundle.pem",                            // OpenSUSE
		"/etc/pki/tls/cacert.pem",                           // OpenELEC
		"/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem", // CentOS/RHEL 7
		"/etc/ssl/cert.pem",                                 // Alpine Linux
	}
	certDirectories = []string{
		"/etc/ssl/certs",     // SLES10/SLES11
		"/etc/pki/tls/certs", // Fedora/RHEL
	}
)

var (
	systemOnce  sync.Once
	systemStore *Store
)

// System returns the process's system trust store, as crypto/x509 finds
// it: SSL_CERT_FILE, or else the first readable of Go's bundle files;
// SSL_CERT_DIR (colon-separated), or else Go's directories. Nothing is
// read before its first look-up. It is nil when GODEBUG makes Go use
// fallback roots instead of the system's (x509usefallbackroots=1): then
// only the standard pool is right.
func System() *Store {
	systemOnce.Do(func() {
		if strings.Contains(os.Getenv("GODEBUG"), "x509usefallbackroots=1") {
			return
		}
		files := certFiles
		if f := os.Getenv("SSL_CERT_FILE"); f != "" {
			files = []string{f}
		}
		dirs := certDirectories
		if d := envList("SSL_CERT_DIR"); d != nil {
			dirs = d
		}
		systemStore = NewStore(files, dirs)
	})
	return systemStore
}
