package webim

import (
	"bytes"
	"fmt"
	"strconv"
	"unicode/utf8"
)

// PythonToJSON rewrites a Python literal as the vendor prints it
// ({'result': 'ok'}, True, False, None, tuples) into JSON. Seed 000 shows
// pingservice and connect-to-db answering "{'result': 'ok'}". Only
// literals are accepted: dicts, lists, tuples, strings, numbers, booleans
// and None; anything else is an error, never a panic.
func PythonToJSON(in []byte) ([]byte, error) {
	out := make([]byte, 0, len(in)+16)
	i := 0
	for i < len(in) {
		c := in[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			out = append(out, c)
			i++
		case c == '{' || c == '}' || c == '[' || c == ']' || c == ',' || c == ':':
			out = append(out, c)
			i++
		case c == '(':
			out = append(out, '[')
			i++
		case c == ')':
			out = append(out, ']')
			i++
		case c == '\'' || c == '"':
			s, n, err := pyString(in[i:])
			if err != nil {
				return nil, fmt.Errorf("byte %d: %w", i, err)
			}
			out = strconv.AppendQuote(out, s)
			i += n
		case c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9'):
			j := i + 1
			for j < len(in) && bytes.IndexByte([]byte("0123456789.eE+-_"), in[j]) >= 0 {
				j++
			}
			num := bytes.ReplaceAll(in[i:j], []byte("_"), nil)
			f, err := strconv.ParseFloat(string(num), 64)
			if err != nil {
				return nil, fmt.Errorf("byte %d: bad number %q", i, in[i:j])
			}
			out = strconv.AppendFloat(out, f, 'g', -1, 64)
			i = j
		case bytes.HasPrefix(in[i:], []byte("True")):
			out = append(out, "true"...)
			i += 4
		case bytes.HasPrefix(in[i:], []byte("False")):
			out = append(out, "false"...)
			i += 5
		case bytes.HasPrefix(in[i:], []byte("None")):
			out = append(out, "null"...)
			i += 4
		case bytes.HasPrefix(in[i:], []byte("true")), bytes.HasPrefix(in[i:], []byte("null")):
			out = append(out, in[i:i+4]...)
			i += 4
		case bytes.HasPrefix(in[i:], []byte("false")):
			out = append(out, "false"...)
			i += 5
		default:
			return nil, fmt.Errorf("byte %d: unexpected %q", i, in[i])
		}
	}
	return out, nil
}

// pyString decodes a Python string literal at the start of b and returns
// it with the number of bytes consumed.
func pyString(b []byte) (string, int, error) {
	q := b[0]
	var s []byte
	for i := 1; i < len(b); {
		c := b[i]
		switch {
		case c == q:
			return string(s), i + 1, nil
		case c == '\n':
			return "", 0, fmt.Errorf("newline in string")
		case c == '\\':
			if i+1 >= len(b) {
				return "", 0, fmt.Errorf("unterminated string")
			}
			e := b[i+1]
			i += 2
			switch e {
			case 'n':
				s = append(s, '\n')
			case 't':
				s = append(s, '\t')
			case 'r':
				s = append(s, '\r')
			case '\\', '\'', '"':
				s = append(s, e)
			case 'x', 'u', 'U':
				n := map[byte]int{'x': 2, 'u': 4, 'U': 8}[e]
				if i+n > len(b) {
					return "", 0, fmt.Errorf("short \\%c escape", e)
				}
				v, err := strconv.ParseUint(string(b[i:i+n]), 16, 32)
				if err != nil || v > utf8.MaxRune {
					return "", 0, fmt.Errorf("bad \\%c escape", e)
				}
				s = utf8.AppendRune(s, rune(v))
				i += n
			default:
				s = append(s, '\\', e)
			}
		default:
			s = append(s, c)
			i++
		}
	}
	return "", 0, fmt.Errorf("unterminated string")
}
