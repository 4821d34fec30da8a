package webim

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/tidwall/gjson"
)

// The list endpoints (timer-stats, accounts-stat) answer with thousands of
// entries on a large installation: 100 000 timers are 12 MB. encoding/json
// decodes them at about 35 MB/s, most of a check's run; gjson validates at
// about 450 MB/s and walks a document without allocating. So those answers
// are first read by a scanner over gjson that takes only the documented
// shape, and gives up (ok false) at the first thing it is not sure of: not
// valid JSON or not UTF-8, a value of another type, a number that
// encoding/json would refuse, a key that encoding/json would match without
// regard to case. The answer then goes through decode, which reads it as
// before and names what is wrong. The scanner never decides an error and
// never returns what encoding/json would not have; the fuzz targets hold
// both.

// scanDoc returns body as a gjson document when it is valid JSON in valid
// UTF-8 (encoding/json replaces invalid UTF-8; the scanner would not).
func scanDoc(body []byte) (gjson.Result, bool) {
	body = bytes.TrimSpace(body)
	if len(body) == 0 || !utf8.Valid(body) || !shallow(body) {
		return gjson.Result{}, false
	}
	// The string aliases body only for the scan: every string kept is
	// copied out (scanString), and body is not written meanwhile.
	s := unsafe.String(unsafe.SliceData(body), len(body))
	if !gjson.Valid(s) {
		return gjson.Result{}, false
	}
	return gjson.Parse(s), true
}

// scanDepth bounds how deep the objects and arrays of an answer the
// scanner takes may nest. The documented answers nest four deep; gjson
// validates by recursion, so that 8 MB of '[' would overflow the stack
// (a fatal error, not a panic). A deeper answer goes to decode, whose
// encoding/json stops at 10 000.
const scanDepth = 64

// shallow reports whether the objects and arrays of body, outside its
// strings, nest at most scanDepth deep. On broken JSON its idea of where a
// string ends may differ from gjson's, but gjson's validation stops at
// the first error, before nesting any deeper.
func shallow(body []byte) bool {
	depth := 0
	for i := 0; i < len(body); i++ {
		for i < len(body) && !structural[body[i]] {
			i++
		}
		if i == len(body) {
			break
		}
		switch body[i] {
		case '"':
			i = stringEnd(body, i+1)
		case '[', '{':
			if depth++; depth > scanDepth {
				return false
			}
		default: // ']', '}'
			depth--
		}
	}
	return true
}

// structural marks the bytes shallow looks at.
var structural = [256]bool{'"': true, '[': true, '{': true, ']': true, '}': true}

// stringEnd is the index of the quote that ends the string whose content
// starts at i (len(b) when none does).
func stringEnd(b []byte, i int) int {
	for {
		q := bytes.IndexByte(b[i:], '"')
		if q < 0 {
			return len(b)
		}
		i += q
		// escaped if preceded by an odd number of backslashes
		n := 0
		for j := i - 1; j >= 0 && b[j] == '\\'; j-- {
			n++
		}
		if n%2 == 0 {
			return i
		}
		i++
	}
}

// scanKey is the field of a struct (one of names, all lower-case ASCII)
// that key selects, as encoding/json selects it: the exact name, or "" for
// a key no field takes. ok is false for a key that encoding/json would
// match to a field by case folding, or one with escapes: those are left
// to decode.
func scanKey(key gjson.Result, names ...string) (name string, ok bool) {
	if strings.IndexByte(key.Raw, '\\') >= 0 {
		return "", false
	}
	for _, n := range names {
		if key.Str == n {
			return n, true
		}
	}
	if lowerASCII(key.Str) {
		// folds to none of names, or it would equal one
		return "", true
	}
	for _, n := range names {
		if strings.EqualFold(key.Str, n) {
			return "", false
		}
	}
	return "", true
}

// scanFields walks obj as encoding/json decodes an object into a struct
// whose fields are names: set reads the value of each key that selects
// one (false to give up); keys no field takes are skipped. It reports
// false when obj is not an object, a key is left to decode (see scanKey),
// or set gave up.
func scanFields(obj gjson.Result, names []string, set func(name string, v gjson.Result) bool) bool {
	if !obj.IsObject() {
		return false
	}
	ok := true
	obj.ForEach(func(key, v gjson.Result) bool {
		var name string
		if name, ok = scanKey(key, names...); ok && name != "" {
			ok = set(name, v)
		}
		return ok
	})
	return ok
}

// lowerASCII reports whether s has no upper-case letter and no byte
// beyond ASCII.
func lowerASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x80 || 'A' <= c && c <= 'Z' {
			return false
		}
	}
	return true
}

// scanString copies a JSON string value out of the document, unescaped
// as encoding/json unescapes it. ok is false for any other type (null
// included: encoding/json would leave the field as it was).
func scanString(v gjson.Result) (string, bool) {
	if v.Type != gjson.String {
		return "", false
	}
	if strings.IndexByte(v.Raw, '\\') < 0 {
		return strings.Clone(v.Str), true
	}
	var s string
	if json.Unmarshal([]byte(v.Raw), &s) != nil {
		return "", false
	}
	return s, true
}

// scanFloat reads a JSON number as encoding/json reads it into a float64.
// gjson has parsed it with strconv.ParseFloat, as encoding/json does, but
// without its error: the only one for a valid JSON number is a number out
// of range, which comes as an infinity.
func scanFloat(v gjson.Result) (float64, bool) {
	return v.Num, v.Type == gjson.Number && !math.IsInf(v.Num, 0)
}

// scanInt reads a JSON number as encoding/json reads it into an int: an
// integer literal in range.
func scanInt(v gjson.Result) (int, bool) {
	if v.Type != gjson.Number {
		return 0, false
	}
	n, err := strconv.ParseInt(v.Raw, 10, strconv.IntSize)
	return int(n), err == nil
}

// scanTimes reads a JSON array of numbers as RunTimes.UnmarshalJSON
// reads it.
func scanTimes(v gjson.Result) (RunTimes, bool) {
	var rt RunTimes
	if !v.IsArray() {
		return rt, false
	}
	ok := true
	v.ForEach(func(_, x gjson.Result) bool {
		var f float64
		if f, ok = scanFloat(x); ok {
			rt.add(f)
		}
		return ok
	})
	return rt, ok
}
