// Package tlsroots verifies server certificates against the system trust
// store without parsing the whole store first.
//
// Go's default verification on Linux parses every certificate of the
// system bundle and of every file in the certificate directories before
// the first handshake; for a short-lived process that is most of its CPU.
// This package reads the same trust store (the files Go reads, chosen as
// Go chooses them) on the first verification and not before, and fully
// parses only the roots whose subject is the issuer of a certificate the
// server sent: first those a hashed certificate directory names by
// subject hash (HASH.0, HASH.1, ... as c_rehash and update-ca-certificates
// write them), then, if that did not verify, those of the bundle, indexed
// by raw subject with a partial base64 decode and a DER walk up to the
// subject of each entry. It verifies with crypto/x509 exactly as the
// default would.
//
// The pool built that way is a subset of the system pool, so it never
// accepts a chain the system pool rejects. A chain it rejects is verified
// again against the standard system pool before any error is returned, so
// the verdict is always the one of the default verification; only a
// failure costs the full parse. Where the store is not laid out the way
// this package expects (not Linux, no bundle and no directory), the
// standard pool is used directly.
package tlsroots
