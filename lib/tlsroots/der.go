package tlsroots

import (
	"errors"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// errShort means the DER ended before the walk reached what it was
// looking for: the input is a prefix of the certificate; decode more.
var errShort = errors.New("tlsroots: certificate DER cut short")

// errMalformed means the DER is not a certificate the walk understands.
var errMalformed = errors.New("tlsroots: malformed certificate DER")

// Names is what the walk reads from a certificate: the raw (DER-encoded,
// tag and length included) issuer and subject names, exactly as
// x509.Certificate.RawIssuer and RawSubject.
type Names struct {
	Issuer  []byte
	Subject []byte
}

// WalkNames reads the issuer and subject of the DER certificate der
// without parsing anything else: Certificate and TBSCertificate headers,
// then version, serial number and signature algorithm skipped, issuer,
// validity skipped, subject. der may be a prefix of a certificate: when
// it ends before the subject does, the error is errShort (and a longer
// prefix may succeed). Its rules for tags and lengths are those of
// crypto/x509 (DER, definite minimal lengths), so whenever
// x509.ParseCertificate accepts der, WalkNames returns the same names; it
// is more lenient than x509 about the content of the skipped fields.
func WalkNames(der []byte) (Names, error) {
	s := cryptobyte.String(der)
	// Certificate ::= SEQUENCE { tbsCertificate, ... } and TBSCertificate
	// ::= SEQUENCE { ... }: only the headers, their contents may be cut.
	for range 2 {
		if err := enter(&s, cbasn1.SEQUENCE); err != nil {
			return Names{}, err
		}
	}
	// version [0] EXPLICIT INTEGER DEFAULT v1
	if s.PeekASN1Tag(cbasn1.Tag(0).Constructed().ContextSpecific()) {
		if err := skip(&s, cbasn1.Tag(0).Constructed().ContextSpecific()); err != nil {
			return Names{}, err
		}
	}
	if err := skip(&s, cbasn1.INTEGER); err != nil { // serialNumber
		return Names{}, err
	}
	if err := skip(&s, cbasn1.SEQUENCE); err != nil { // signature AlgorithmIdentifier
		return Names{}, err
	}
	var n Names
	var err error
	if n.Issuer, err = element(&s, cbasn1.SEQUENCE); err != nil {
		return Names{}, err
	}
	if err := skip(&s, cbasn1.SEQUENCE); err != nil { // validity
		return Names{}, err
	}
	if n.Subject, err = element(&s, cbasn1.SEQUENCE); err != nil {
		return Names{}, err
	}
	return n, nil
}

// enter reads the header of an element with tag want and leaves s at the
// start of its contents, cut to the contents' length when s holds more.
// The contents themselves may be incomplete.
func enter(s *cryptobyte.String, want cbasn1.Tag) error {
	hdr, length, err := header(*s, want)
	if err != nil {
		return err
	}
	rest := (*s)[hdr:]
	if uint64(len(rest)) > length {
		rest = rest[:length]
	}
	*s = rest
	return nil
}

// element reads a whole element with tag want, tag and length included.
func element(s *cryptobyte.String, want cbasn1.Tag) ([]byte, error) {
	var out cryptobyte.String
	// On a wrong tag ReadASN1Element still consumes the element: read
	// from a copy.
	if c := *s; c.ReadASN1Element(&out, want) {
		*s = c
		return out, nil
	}
	hdr, length, err := header(*s, want)
	if err != nil {
		return nil, err
	}
	if uint64(len(*s)) < uint64(hdr)+length {
		return nil, errShort
	}
	// header accepted what cryptobyte refused: keep to cryptobyte's verdict.
	return nil, errMalformed
}

// skip reads over a whole element with tag want.
func skip(s *cryptobyte.String, want cbasn1.Tag) error {
	_, err := element(s, want)
	return err
}

// header parses the tag and length of the element at the start of s with
// the rules of cryptobyte (single-byte tag here, as every tag the walk
// expects is; definite length in the fewest bytes, at most four), and
// returns the size of the header and the length of the contents. The
// contents need not be present.
func header(s cryptobyte.String, want cbasn1.Tag) (int, uint64, error) {
	if len(s) < 2 {
		return 0, 0, errShort
	}
	if cbasn1.Tag(s[0]) != want || s[0]&0x1f == 0x1f {
		return 0, 0, errMalformed
	}
	lenByte := s[1]
	if lenByte&0x80 == 0 {
		return 2, uint64(lenByte), nil
	}
	lenLen := int(lenByte & 0x7f)
	if lenLen == 0 || lenLen > 4 {
		return 0, 0, errMalformed // indefinite or too long
	}
	if len(s) < 2+lenLen {
		return 0, 0, errShort
	}
	var length uint64
	for _, b := range s[2 : 2+lenLen] {
		length = length<<8 | uint64(b)
	}
	if length < 128 || length>>((lenLen-1)*8) == 0 {
		return 0, 0, errMalformed // not minimal
	}
	return 2 + lenLen, length, nil
}
