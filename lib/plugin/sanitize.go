package plugin

import (
	"strings"
	"unicode/utf8"
)

// PerfBar replaces '|' in summaries and long output, where it would start
// perfdata: U+00A6 BROKEN BAR, which reads as the character the product
// sent ("a|b" shows as "a¦b") and that no engine takes for a separator.
const PerfBar = "\u00a6"

// SafeText returns s as it can be printed (CONTRACT section 2), whatever
// the product put in it: control characters (C0, DEL, C1) and the Unicode
// line, paragraph and bidi controls escaped ("\n", "\x1b", "\u202e"), '|'
// replaced by [PerfBar], invalid UTF-8 replaced by U+FFFD. A server can
// then fake no line, state word or perfdata, and neither colour nor erase
// a terminal. The runtime applies it to every summary and long-output line
// of both formats; checks need not call it.
func SafeText(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '|' {
			return string(appendSafe(make([]byte, 0, len(s)+16), s))
		}
	}
	return s
}

const hexDigits = "0123456789abcdef"

// appendSafe appends s to b made safe as [SafeText] says.
func appendSafe(b []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '|':
				b = append(b, PerfBar...)
			case c == '\n':
				b = append(b, `\n`...)
			case c == '\r':
				b = append(b, `\r`...)
			case c == '\t':
				b = append(b, `\t`...)
			case c < 0x20 || c == 0x7f:
				b = append(b, '\\', 'x', hexDigits[c>>4], hexDigits[c&0xf])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, "\ufffd"...)
		case unsafeRune(r):
			b = append(b, '\\', 'u', hexDigits[r>>12&0xf], hexDigits[r>>8&0xf], hexDigits[r>>4&0xf], hexDigits[r&0xf])
		default:
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return b
}

// unsafeRune reports whether r (not ASCII) is a C1 control, a line or
// paragraph separator, or a bidi control.
func unsafeRune(r rune) bool {
	switch {
	case r >= 0x80 && r <= 0x9f: // C1, NEL and CSI among them
		return true
	case r == 0x2028 || r == 0x2029: // line and paragraph separators
		return true
	case r == 0x061c || r == 0x200e || r == 0x200f: // ALM, LRM, RLM
		return true
	case r >= 0x202a && r <= 0x202e: // LRE, RLE, PDF, LRO, RLO
		return true
	case r >= 0x2066 && r <= 0x2069: // LRI, RLI, FSI, PDI
		return true
	}
	return false
}

// safeResult returns the texts of res made safe for printing: the summary
// and each long line, without a trailing line end. res is not changed.
func safeResult(res *Result) (summary string, long []string) {
	summary = SafeText(strings.TrimRight(res.Summary, "\r\n"))
	long = make([]string, len(res.Long))
	for i, l := range res.Long {
		long[i] = SafeText(strings.TrimRight(l, "\r\n"))
	}
	return summary, long
}
