package tlsroots

import (
	"bytes"
	"crypto/sha1"
	"encoding/binary"
	"slices"
	"unicode/utf8"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// Universal tags of the string types OpenSSL canonicalises in names.
const (
	tagUTF8String      = 12
	tagPrintableString = 19
	tagT61String       = 20
	tagIA5String       = 22
	tagVisibleString   = 26
	tagUniversalString = 28
	tagBMPString       = 30
)

// subjectHash returns the OpenSSL subject name hash of a raw DER Name (the
// value of X509_NAME_hash_ex, as in `openssl x509 -subject_hash`), which
// names the files of a hashed certificate directory (HASH.0, HASH.1, ...;
// c_rehash, update-ca-certificates). The name is canonicalised as OpenSSL
// does: string values converted to UTF-8, ASCII lower-cased, leading and
// trailing white space dropped and inner runs of it made one space, each
// RDN re-encoded as a SET of its sorted entries; the hash is the first
// four bytes of the SHA-1 of the concatenated SETs, little-endian. ok is
// false for a name that does not parse.
func subjectHash(name []byte) (hash uint32, ok bool) {
	canon, ok := canonicalName(name)
	if !ok {
		return 0, false
	}
	sum := sha1.Sum(canon)
	return binary.LittleEndian.Uint32(sum[:4]), true
}

func canonicalName(name []byte) ([]byte, bool) {
	in := cryptobyte.String(name)
	var rdns cryptobyte.String
	if !in.ReadASN1(&rdns, cbasn1.SEQUENCE) || !in.Empty() {
		return nil, false
	}
	var out cryptobyte.Builder
	for !rdns.Empty() {
		var set cryptobyte.String
		if !rdns.ReadASN1(&set, cbasn1.SET) {
			return nil, false
		}
		var entries [][]byte
		for !set.Empty() {
			var atv, oid, value cryptobyte.String
			var tag cbasn1.Tag
			if !set.ReadASN1(&atv, cbasn1.SEQUENCE) ||
				!atv.ReadASN1Element(&oid, cbasn1.OBJECT_IDENTIFIER) ||
				!atv.ReadAnyASN1(&value, &tag) || !atv.Empty() {
				return nil, false
			}
			var b cryptobyte.Builder
			b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
				b.AddBytes(oid)
				if s, ok := canonicalString(tag, value); ok {
					b.AddASN1(tagUTF8String, func(b *cryptobyte.Builder) { b.AddBytes(s) })
				} else {
					b.AddASN1(tag, func(b *cryptobyte.Builder) { b.AddBytes(value) })
				}
			})
			e, err := b.Bytes()
			if err != nil {
				return nil, false
			}
			entries = append(entries, e)
		}
		if len(entries) == 0 {
			continue
		}
		slices.SortFunc(entries, bytes.Compare) // DER order of a SET OF
		out.AddASN1(cbasn1.SET, func(b *cryptobyte.Builder) {
			for _, e := range entries {
				b.AddBytes(e)
			}
		})
	}
	canon, err := out.Bytes()
	return canon, err == nil
}

// canonicalString converts a string value to UTF-8 and canonicalises it;
// ok is false for types OpenSSL leaves as they are (and for values that
// do not convert, which make OpenSSL fail).
func canonicalString(tag cbasn1.Tag, v []byte) ([]byte, bool) {
	var u []byte
	switch tag {
	case tagUTF8String:
		if !utf8.Valid(v) {
			return nil, false
		}
		u = v
	case tagPrintableString, tagT61String, tagIA5String, tagVisibleString:
		for _, c := range v {
			u = utf8.AppendRune(u, rune(c))
		}
	case tagBMPString:
		if len(v)%2 != 0 {
			return nil, false
		}
		for i := 0; i < len(v); i += 2 {
			u = utf8.AppendRune(u, rune(binary.BigEndian.Uint16(v[i:])))
		}
	case tagUniversalString:
		if len(v)%4 != 0 {
			return nil, false
		}
		for i := 0; i < len(v); i += 4 {
			u = utf8.AppendRune(u, rune(binary.BigEndian.Uint32(v[i:])))
		}
	default:
		return nil, false
	}
	for len(u) > 0 && isSpace(u[0]) {
		u = u[1:]
	}
	for len(u) > 0 && isSpace(u[len(u)-1]) {
		u = u[:len(u)-1]
	}
	out := make([]byte, 0, len(u))
	for i := 0; i < len(u); {
		c := u[i]
		switch {
		case c >= 0x80:
			out = append(out, c)
			i++
		case isSpace(c):
			out = append(out, ' ')
			for i < len(u) && isSpace(u[i]) {
				i++
			}
		default:
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			out = append(out, c)
			i++
		}
	}
	return out, true
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}
