package tlsroots

import (
	"bytes"
	"encoding/base64"
	"encoding/pem"
)

// pemBlock is a PEM block found by scanPEM without decoding its base64.
type pemBlock struct {
	// at is the input from the block's "-----BEGIN" line to the end:
	// pem.Decode(at) decodes this block, if its base64 is valid.
	at []byte
	// end is what is left of the input after the block, as pem.Decode
	// returns it when the base64 is valid.
	end []byte
	// cert: the type is CERTIFICATE and there are no headers, the only
	// blocks x509.CertPool.AppendCertsFromPEM takes.
	cert bool
	// body is the base64 text with its line breaks (nil when empty).
	body []byte
}

var (
	pemStart      = []byte("\n-----BEGIN ")
	pemEnd        = []byte("\n-----END ")
	pemEndOfLine  = []byte("-----")
	pemColon      = []byte(":")
	pemCertType   = []byte("CERTIFICATE")
	pemWhitespace = " \t"
)

// nextPEM finds the next PEM block in data the way pem.Decode does, but
// leaves its base64 undecoded. Its control flow is that of pem.Decode,
// line for line, so that scanning a bundle with it finds the blocks that
// AppendCertsFromPEM decodes, in the same places. (Where pem.Decode meets
// invalid base64 it goes on searching from the END line of that block;
// nextPEM returns the block and goes on from the same END line, which
// finds the same next block. The fuzz test FuzzPEMScan holds the two to
// the same blocks.)
func nextPEM(data []byte) (blk pemBlock, rest []byte, ok bool) {
	rest = data
	endTrailerIndex := 0
	for {
		if endTrailerIndex < 0 || endTrailerIndex > len(rest) {
			return pemBlock{}, data, false
		}
		rest = rest[endTrailerIndex:]

		endIndex := bytes.Index(rest, pemEnd)
		if endIndex < 0 {
			return pemBlock{}, data, false
		}
		endTrailerIndex = endIndex + len(pemEnd)
		beginIndex := lastIndex(rest[:endIndex], pemStart[1:])
		if beginIndex < 0 || (beginIndex > 0 && rest[beginIndex-1] != '\n') {
			continue
		}
		at := rest[beginIndex:]
		rest = rest[beginIndex+len(pemStart)-1:]
		endIndex -= beginIndex + len(pemStart) - 1
		endTrailerIndex -= beginIndex + len(pemStart) - 1

		var typeLine []byte
		var consumed int
		typeLine, rest, consumed = pemLine(rest)
		endIndex -= consumed
		endTrailerIndex -= consumed
		if !bytes.HasSuffix(typeLine, pemEndOfLine) {
			continue
		}
		typeLine = typeLine[0 : len(typeLine)-len(pemEndOfLine)]

		var headers, ok bool
		rest, consumed, headers, ok = skipPEMHeaders(rest)
		if !ok {
			return pemBlock{}, data, false
		}
		endIndex -= consumed
		endTrailerIndex -= consumed
		if headers && endIndex < 0 {
			continue
		}
		if !pemEndLineMatches(rest[endTrailerIndex:], typeLine) {
			continue
		}

		blk = pemBlock{at: at, cert: !headers && bytes.Equal(typeLine, pemCertType)}
		if endIndex > 0 {
			blk.body = rest[:endIndex]
		}
		_, rest, _ = pemLine(rest[endIndex+len(pemEnd)-1:])
		blk.end = rest
		return blk, rest, true
	}
}

// skipPEMHeaders skips the "Key: value" lines after a BEGIN line: it
// returns what follows them, how many bytes they took and whether there
// were any; ok is false when the data ends among them.
func skipPEMHeaders(rest []byte) (next []byte, consumed int, headers, ok bool) {
	for len(rest) > 0 {
		line, after, n := pemLine(rest)
		if !bytes.Contains(line, pemColon) {
			return rest, consumed, headers, true
		}
		headers = true
		rest = after
		consumed += n
	}
	return nil, 0, false, false
}

// pemEndLineMatches reports whether endTrailer, the text after "-----END",
// names typeLine, closes with "-----" and ends its line there.
func pemEndLineMatches(endTrailer, typeLine []byte) bool {
	n := len(typeLine) + len(pemEndOfLine)
	if len(endTrailer) < n {
		return false
	}
	restOfEndLine := endTrailer[n:]
	endTrailer = endTrailer[:n]
	if !bytes.HasPrefix(endTrailer, typeLine) || !bytes.HasSuffix(endTrailer, pemEndOfLine) {
		return false
	}
	s, _, _ := pemLine(restOfEndLine)
	return len(s) == 0
}

// lastIndex is bytes.LastIndex(s, sep), searching forwards: a PEM body
// between BEGIN and END holds no BEGIN, so the first match is nearly
// always the last, and the forward search is many times faster.
func lastIndex(s, sep []byte) int {
	last := -1
	for i := 0; ; {
		j := bytes.Index(s[i:], sep)
		if j < 0 {
			return last
		}
		last = i + j
		i = last + 1
	}
}

// pemLine is pem's getLine: the first line without trailing blanks and
// line break, the rest, and how many bytes were consumed.
func pemLine(data []byte) (line, rest []byte, consumed int) {
	i := bytes.IndexByte(data, '\n')
	var j int
	if i < 0 {
		i = len(data)
		j = i
	} else {
		j = i + 1
		if i > 0 && data[i-1] == '\r' {
			i--
		}
	}
	return bytes.TrimRight(data[0:i], pemWhitespace), data[j:], j
}

// decodePrefix decodes the first base64 characters of a block body, at
// most max of them, skipping what the PEM decoder skips (spaces, tabs and
// line breaks). whole reports that the body had no more characters than
// that, so out is the whole block (as far as it decodes). A body that
// does not decode gives an error.
func decodePrefix(body []byte, max int, scratch []byte) (out []byte, whole bool, err error) {
	chars := scratch[:0]
	whole = true
	for _, c := range body {
		if c == ' ' || c == '\t' || c == '\r' || c == '\n' {
			continue
		}
		if len(chars) == max {
			whole = false
			break
		}
		chars = append(chars, c)
	}
	if !whole {
		chars = chars[:len(chars)&^3]
	}
	out = make([]byte, base64.StdEncoding.DecodedLen(len(chars)))
	n, err := base64.StdEncoding.Decode(out, chars)
	return out[:n], whole, err
}

// decodeBlock decodes the block at b exactly as pem.Decode does. ok is
// false when pem.Decode does not decode this very block (its base64 is
// invalid), or when it is not a certificate AppendCertsFromPEM would take.
func decodeBlock(b pemBlock) ([]byte, bool) {
	p, rest := pem.Decode(b.at)
	if p == nil || len(rest) != len(b.end) || p.Type != "CERTIFICATE" || len(p.Headers) != 0 {
		return nil, false
	}
	return p.Bytes, true
}
