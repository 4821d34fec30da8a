package webim

import (
	"errors"
	"fmt"
	"strconv"
	"unicode/utf8"
)

// maxDepth bounds the nesting of containers, so that a hostile body of
// brackets cannot exhaust the stack.
const maxDepth = 512

// PythonToJSON rewrites a Python literal as the vendor prints it
// ({'result': 'ok'}, True, False, None, tuples) into compact JSON. Seed 000
// shows pingservice and connect-to-db answering "{'result': 'ok'}". Only
// one literal is accepted: a dict, list, tuple, string, number, boolean or
// None, nested as deep as needed (up to 512 levels); JSON's own true, false
// and null are accepted too. Dict keys that are numbers, booleans or None
// become strings, as Python's json.dumps makes them. Anything else is an
// error naming the byte offset, never a panic; a nil error means the output
// is valid JSON.
func PythonToJSON(in []byte) ([]byte, error) {
	p := pyParser{in: in, out: make([]byte, 0, len(in)+16)}
	p.skipSpace()
	if err := p.value(0); err != nil {
		return nil, err
	}
	p.skipSpace()
	if p.i < len(p.in) {
		return nil, p.errorf("unexpected %s after the value", p.what())
	}
	return p.out, nil
}

// pyParser is a recursive-descent parser of Python literals that writes
// JSON as it goes.
type pyParser struct {
	in  []byte
	i   int
	out []byte
}

func (p *pyParser) errorf(format string, a ...any) error {
	return fmt.Errorf("byte %d: %s", p.i, fmt.Sprintf(format, a...))
}

// what describes the byte at the cursor for messages.
func (p *pyParser) what() string {
	if p.i >= len(p.in) {
		return "end of input"
	}
	r, _ := utf8.DecodeRune(p.in[p.i:])
	return strconv.QuoteRune(r)
}

func (p *pyParser) skipSpace() {
	for p.i < len(p.in) {
		switch p.in[p.i] {
		case ' ', '\t', '\n', '\r', '\f', '\v':
			p.i++
		case '\\':
			// explicit line continuation
			if p.i+1 < len(p.in) && p.in[p.i+1] == '\n' {
				p.i += 2
				continue
			}
			return
		default:
			return
		}
	}
}

// value parses one literal at the cursor.
func (p *pyParser) value(depth int) error {
	if p.i >= len(p.in) {
		return p.errorf("unexpected end of input, expected a value")
	}
	switch c := p.in[p.i]; {
	case c == '{':
		return p.dict(depth + 1)
	case c == '[':
		return p.list(depth+1, ']')
	case c == '(':
		return p.list(depth+1, ')')
	case c == '\'' || c == '"':
		return p.str()
	case c == '-' || c == '+' || c == '.' || isDigit(c):
		return p.number()
	case isIdentStart(c):
		return p.ident()
	}
	return p.errorf("unexpected %s, expected a value", p.what())
}

// dict parses {key: value, ...} with an optional trailing comma.
func (p *pyParser) dict(depth int) error {
	if depth > maxDepth {
		return p.errorf("nested deeper than %d levels", maxDepth)
	}
	p.i++ // {
	p.out = append(p.out, '{')
	for n := 0; ; n++ {
		p.skipSpace()
		if p.i < len(p.in) && p.in[p.i] == '}' {
			p.i++
			p.out = append(p.out, '}')
			return nil
		}
		if n > 0 {
			p.out = append(p.out, ',')
		}
		if err := p.key(); err != nil {
			return err
		}
		p.skipSpace()
		if p.i >= len(p.in) || p.in[p.i] != ':' {
			return p.errorf("unexpected %s, expected ':' after a dict key", p.what())
		}
		p.i++
		p.out = append(p.out, ':')
		p.skipSpace()
		if err := p.value(depth); err != nil {
			return err
		}
		p.skipSpace()
		if p.i >= len(p.in) {
			return p.errorf("unexpected end of input, expected ',' or '}'")
		}
		switch p.in[p.i] {
		case ',':
			p.i++
		case '}':
		default:
			return p.errorf("unexpected %s, expected ',' or '}'", p.what())
		}
	}
}

// key parses a dict key: a string, or a number, boolean or None, which
// become strings.
func (p *pyParser) key() error {
	if p.i >= len(p.in) {
		return p.errorf("unexpected end of input, expected a dict key")
	}
	c := p.in[p.i]
	if c == '\'' || c == '"' || (isIdentStart(c) && p.stringPrefix() > 0) {
		return p.str()
	}
	if c == '-' || c == '+' || c == '.' || isDigit(c) || isIdentStart(c) {
		start := len(p.out)
		var err error
		if isIdentStart(c) {
			err = p.ident()
		} else {
			err = p.number()
		}
		if err != nil {
			return err
		}
		text := string(p.out[start:])
		p.out = appendJSONString(p.out[:start], text)
		return nil
	}
	return p.errorf("unexpected %s, expected a dict key", p.what())
}

// list parses [a, b] or (a, b) into a JSON array; a parenthesised single
// value without a comma is that value, as in Python.
func (p *pyParser) list(depth int, end byte) error {
	if depth > maxDepth {
		return p.errorf("nested deeper than %d levels", maxDepth)
	}
	p.i++ // [ or (
	start := len(p.out)
	p.out = append(p.out, '[')
	commas := 0
	for n := 0; ; n++ {
		p.skipSpace()
		if p.i < len(p.in) && p.in[p.i] == end {
			p.i++
			if end == ')' && n == 1 && commas == 0 {
				// (x) is x, not a tuple
				p.out = append(p.out[:start], p.out[start+1:]...)
				return nil
			}
			p.out = append(p.out, ']')
			return nil
		}
		if n > 0 {
			if commas < n {
				return p.errorf("unexpected %s, expected ',' or %q", p.what(), end)
			}
			p.out = append(p.out, ',')
		}
		if err := p.value(depth); err != nil {
			return err
		}
		p.skipSpace()
		if p.i >= len(p.in) {
			return p.errorf("unexpected end of input, expected ',' or %q", end)
		}
		switch p.in[p.i] {
		case ',':
			p.i++
			commas++
		case end:
		default:
			return p.errorf("unexpected %s, expected ',' or %q", p.what(), end)
		}
	}
}

// ident parses True, False, None (and JSON's true, false, null).
func (p *pyParser) ident() error {
	if p.stringPrefix() > 0 {
		return p.str()
	}
	j := p.i
	for j < len(p.in) && (isIdentStart(p.in[j]) || isDigit(p.in[j])) {
		j++
	}
	switch word := string(p.in[p.i:j]); word {
	case "True", "true":
		p.out = append(p.out, "true"...)
	case "False", "false":
		p.out = append(p.out, "false"...)
	case "None", "null":
		p.out = append(p.out, "null"...)
	default:
		return p.errorf("unknown name %q (only True, False and None are literals)", clip(word, 40))
	}
	p.i = j
	return nil
}

// stringPrefix returns the length of a string prefix (u, b, r and their
// combinations) at the cursor when a quote follows it, else 0.
func (p *pyParser) stringPrefix() int {
	for n := 1; n <= 2 && p.i+n < len(p.in); n++ {
		c := p.in[p.i+n-1]
		switch c {
		case 'u', 'U', 'b', 'B', 'r', 'R':
		default:
			return 0
		}
		if q := p.in[p.i+n]; q == '\'' || q == '"' {
			return n
		}
	}
	return 0
}

// number parses an int or a float (underscores allowed between digits,
// exponent allowed) and writes it in JSON syntax: integers digit for digit,
// so that large counts stay integers, floats in Go's shortest form.
func (p *pyParser) number() error {
	start := p.i
	n, j, ok := scanNumber(p.in, start)
	if !ok {
		return p.errorf("bad number %q", clip(string(p.in[start:min(j+1, len(p.in))]), 40))
	}
	p.i = j
	if !n.float {
		// keep integers exact: strip leading zeros, keep the sign
		intPart := n.intPart
		for len(intPart) > 1 && intPart[0] == '0' {
			intPart = intPart[1:]
		}
		if n.neg && intPart != "0" {
			p.out = append(p.out, '-')
		}
		p.out = append(p.out, intPart...)
		return nil
	}
	f, err := strconv.ParseFloat(n.text(), 64)
	if err != nil {
		if errors.Is(err, strconv.ErrRange) {
			return p.errorf("number %q out of range", clip(string(p.in[start:j]), 40))
		}
		return p.errorf("bad number %q", clip(string(p.in[start:j]), 40))
	}
	if n.neg {
		f = -f
	}
	p.out = strconv.AppendFloat(p.out, f, 'g', -1, 64)
	return nil
}

// pyNumber is a Python number literal taken apart, underscores removed.
type pyNumber struct {
	neg, float         bool
	intPart, frac, exp string
}

// text is the number without its sign, as strconv.ParseFloat reads it.
func (n pyNumber) text() string {
	text := n.intPart
	if text == "" {
		text = "0"
	}
	if n.frac != "" {
		text += "." + n.frac
	}
	if n.exp != "" {
		text += "e" + n.exp
	}
	return text
}

// scanNumber reads the number literal at in[i:] and returns it with the
// index after it; ok is false, with the index where it broke, for a
// malformed one.
func scanNumber(in []byte, i int) (n pyNumber, j int, ok bool) {
	j = i
	if in[j] == '+' || in[j] == '-' {
		n.neg = in[j] == '-'
		j++
	}
	if n.intPart, j, ok = scanDigits(in, j); !ok {
		return n, j, false
	}
	if j < len(in) && in[j] == '.' {
		n.float = true
		if n.frac, j, ok = scanDigits(in, j+1); !ok {
			return n, j, false
		}
	}
	if n.intPart == "" && n.frac == "" {
		return n, j, false
	}
	if j < len(in) && (in[j] == 'e' || in[j] == 'E') {
		n.float = true
		j++
		sign := ""
		if j < len(in) && (in[j] == '+' || in[j] == '-') {
			sign = string(in[j])
			j++
		}
		d, k, ok := scanDigits(in, j)
		if !ok || d == "" {
			return n, k, false
		}
		n.exp, j = sign+d, k
	}
	if j < len(in) && (isIdentStart(in[j]) || in[j] == '.') {
		return n, j, false
	}
	return n, j, true
}

// scanDigits reads digits with single underscores between them, as
// Python allows, from in[j:]; it returns them without the underscores.
func scanDigits(in []byte, j int) (string, int, bool) {
	var d []byte
	for j < len(in) && (isDigit(in[j]) || in[j] == '_') {
		if in[j] == '_' && (len(d) == 0 || j+1 >= len(in) || !isDigit(in[j+1])) {
			return "", j, false
		}
		if in[j] != '_' {
			d = append(d, in[j])
		}
		j++
	}
	return string(d), j, true
}

// str parses a quoted string (with an optional u/b/r prefix) and writes it
// as a JSON string.
func (p *pyParser) str() error {
	raw := false
	for n := p.stringPrefix(); n > 0; n-- {
		if c := p.in[p.i]; c == 'r' || c == 'R' {
			raw = true
		}
		p.i++
	}
	s, n, err := pyString(p.in[p.i:], raw)
	if err != nil {
		return p.errorf("%v", err)
	}
	p.i += n
	p.out = appendJSONString(p.out, s)
	return nil
}

// pyString decodes a Python string literal at the start of b (b[0] is the
// quote) and returns it with the number of bytes consumed. With raw set,
// backslashes are kept (they still protect a following quote).
func pyString(b []byte, raw bool) (string, int, error) {
	q := b[0]
	var s []byte
	for i := 1; i < len(b); {
		c := b[i]
		switch {
		case c == q:
			return string(s), i + 1, nil
		case c == '\n' || c == '\r':
			return "", 0, fmt.Errorf("newline in string")
		case c == '\\':
			if i+1 >= len(b) {
				return "", 0, fmt.Errorf("unterminated string")
			}
			if raw {
				s = append(s, '\\', b[i+1])
				i += 2
				continue
			}
			var err error
			if s, i, err = pyEscape(s, b, i+1); err != nil {
				return "", 0, err
			}
		default:
			s = append(s, c)
			i++
		}
	}
	return "", 0, fmt.Errorf("unterminated string")
}

// pySimpleEscapes are the one-letter escapes of Python strings.
var pySimpleEscapes = [256]byte{'n': '\n', 't': '\t', 'r': '\r', 'a': '\a', 'b': '\b', 'f': '\f', 'v': '\v', '\\': '\\', '\'': '\'', '"': '"'}

// pyEscape appends to s what the escape whose letter is b[i] (after a
// backslash) stands for, and returns the index after it.
func pyEscape(s, b []byte, i int) ([]byte, int, error) {
	e := b[i]
	i++
	switch {
	case e == '\n':
		// line continuation inside the string
		return s, i, nil
	case pySimpleEscapes[e] != 0:
		return append(s, pySimpleEscapes[e]), i, nil
	case e >= '0' && e <= '7':
		v := int(e - '0')
		for k := 0; k < 2 && i < len(b) && b[i] >= '0' && b[i] <= '7'; k++ {
			v = v*8 + int(b[i]-'0')
			i++
		}
		return utf8.AppendRune(s, rune(v)), i, nil
	case e == 'x' || e == 'u' || e == 'U':
		n := map[byte]int{'x': 2, 'u': 4, 'U': 8}[e]
		if i+n > len(b) {
			return nil, 0, fmt.Errorf("short \\%c escape", e)
		}
		v, err := strconv.ParseUint(string(b[i:i+n]), 16, 32)
		if err != nil || v > utf8.MaxRune {
			return nil, 0, fmt.Errorf("bad \\%c escape", e)
		}
		return utf8.AppendRune(s, rune(v)), i + n, nil
	}
	return append(s, '\\', e), i, nil
}

// appendJSONString appends s as a JSON string. Invalid UTF-8 becomes
// U+FFFD; control characters are escaped.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c == '\n':
				b = append(b, '\\', 'n')
			case c == '\r':
				b = append(b, '\\', 'r')
			case c == '\t':
				b = append(b, '\\', 't')
			case c < 0x20 || c == 0x7f:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, `\ufffd`...)
		} else {
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isIdentStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
}

// clip shortens s for messages.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}
