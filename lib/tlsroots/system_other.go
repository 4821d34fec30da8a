//go:build !linux || android

package tlsroots

// System returns nil: on this platform crypto/x509 does not read the
// trust store the way Store does (or asks the operating system to
// verify), so the standard pool is used.
func System() *Store { return nil }
