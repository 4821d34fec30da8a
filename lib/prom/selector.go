package prom

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// MatchOp is a label matcher's operator, as in PromQL.
type MatchOp string

// The operators of a label matcher.
const (
	MatchEqual     MatchOp = "="
	MatchNotEqual  MatchOp = "!="
	MatchRegexp    MatchOp = "=~"
	MatchNotRegexp MatchOp = "!~"
)

// Matcher is one label matcher: label, operator, value. A regular
// expression is anchored at both ends, as in PromQL.
type Matcher struct {
	Label string
	Op    MatchOp
	Value string
	re    *regexp.Regexp
}

// Matches reports whether v, the value of the matcher's label on a series
// ("" when the series has no such label), satisfies the matcher.
func (m Matcher) Matches(v string) bool {
	switch m.Op {
	case MatchEqual:
		return v == m.Value
	case MatchNotEqual:
		return v != m.Value
	case MatchRegexp:
		return m.re.MatchString(v)
	default:
		return !m.re.MatchString(v)
	}
}

// Selector is a PromQL-style series selector: an optional metric name and
// label matchers, NAME{label="v",other=~"re",x!="y",z!~"re"}.
type Selector struct {
	Name     string
	Matchers []Matcher
}

// maxSelector bounds the length of a selector.
const maxSelector = 4096

// ParseSelector parses a selector. It needs a metric name or at least one
// matcher; values are quoted with double or single quotes (escapes as in
// Go) or backquotes (raw); regular expressions are RE2 syntax.
func ParseSelector(s string) (*Selector, error) {
	if len(s) > maxSelector {
		return nil, fmt.Errorf("longer than %d bytes", maxSelector)
	}
	p := &selParser{s: s}
	p.space()
	sel := &Selector{Name: p.name(true)}
	p.space()
	if p.peek() == '{' {
		p.i++
		if err := p.matchers(sel); err != nil {
			return nil, err
		}
		p.space()
	}
	if p.i < len(p.s) {
		return nil, fmt.Errorf("unexpected %q at offset %d", p.rest(), p.i)
	}
	if sel.Name == "" && len(sel.Matchers) == 0 {
		return nil, fmt.Errorf("empty selector: give a metric name or a label matcher")
	}
	return sel, nil
}

// selParser is the state of ParseSelector.
type selParser struct {
	s string
	i int
}

func (p *selParser) peek() byte {
	if p.i < len(p.s) {
		return p.s[p.i]
	}
	return 0
}

// rest returns a few bytes from the current offset, for messages.
func (p *selParser) rest() string {
	r := p.s[p.i:]
	if len(r) > 20 {
		r = r[:20] + "..."
	}
	return r
}

func (p *selParser) space() {
	for p.i < len(p.s) && strings.IndexByte(" \t\r\n", p.s[p.i]) >= 0 {
		p.i++
	}
}

// name reads a metric name ([a-zA-Z_:][a-zA-Z0-9_:]*) or, without colons,
// a label name; "" when none starts here.
func (p *selParser) name(colon bool) string {
	start := p.i
	for p.i < len(p.s) {
		c := p.s[p.i]
		ok := c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || colon && c == ':' || p.i > start && c >= '0' && c <= '9'
		if !ok {
			break
		}
		p.i++
	}
	return p.s[start:p.i]
}

// matchers reads label matchers up to the closing brace.
func (p *selParser) matchers(sel *Selector) error {
	for {
		p.space()
		if p.peek() == '}' {
			p.i++
			return nil
		}
		m, err := p.matcher()
		if err != nil {
			return err
		}
		sel.Matchers = append(sel.Matchers, m)
		p.space()
		switch p.peek() {
		case ',':
			p.i++
		case '}':
		case 0:
			return fmt.Errorf("missing closing brace")
		default:
			return fmt.Errorf("unexpected %q at offset %d, expected ',' or '}'", p.rest(), p.i)
		}
	}
}

// matcher reads label, operator and quoted value.
func (p *selParser) matcher() (Matcher, error) {
	at := p.i
	m := Matcher{Label: p.name(false)}
	if m.Label == "" {
		if p.i >= len(p.s) {
			return m, fmt.Errorf("missing closing brace")
		}
		return m, fmt.Errorf("expected a label name at offset %d, got %q", at, p.rest())
	}
	p.space()
	for _, op := range []MatchOp{MatchRegexp, MatchNotRegexp, MatchNotEqual, MatchEqual} {
		if strings.HasPrefix(p.s[p.i:], string(op)) {
			m.Op = op
			p.i += len(op)
			break
		}
	}
	if m.Op == "" {
		return m, fmt.Errorf("expected =, !=, =~ or !~ after label %s, got %q", m.Label, p.rest())
	}
	p.space()
	v, err := p.quoted()
	if err != nil {
		return m, fmt.Errorf("value of label %s: %w", m.Label, err)
	}
	m.Value = v
	if m.Op == MatchRegexp || m.Op == MatchNotRegexp {
		re, err := regexp.Compile("^(?s:" + v + ")$")
		if err != nil {
			return m, fmt.Errorf("label %s: bad regular expression %q: %v", m.Label, v, strings.TrimPrefix(err.Error(), "error parsing regexp: "))
		}
		m.re = re
	}
	return m, nil
}

// quoted reads a string in double, single or back quotes.
func (p *selParser) quoted() (string, error) {
	q := p.peek()
	if q != '"' && q != '\'' && q != '`' {
		return "", fmt.Errorf("expected a quoted string, got %q", p.rest())
	}
	start := p.i
	p.i++
	var b strings.Builder // the string as Go double-quoted syntax
	b.WriteByte('"')
	for p.i < len(p.s) {
		c := p.s[p.i]
		p.i++
		switch {
		case c == q:
			b.WriteByte('"')
			if q == '`' {
				return p.s[start+1 : p.i-1], nil
			}
			v, err := strconv.Unquote(b.String())
			if err != nil {
				return "", fmt.Errorf("bad escape in %s", p.s[start:p.i])
			}
			return v, nil
		case q == '`':
		case c == '\\' && p.i < len(p.s):
			if n := p.s[p.i]; n == '\'' {
				b.WriteByte('\'')
			} else {
				b.WriteByte('\\')
				b.WriteByte(n)
			}
			p.i++
		case c == '"' || c == '\n':
			b.WriteByte('\\')
			b.WriteByte(map[bool]byte{true: '"', false: 'n'}[c == '"'])
		default:
			b.WriteByte(c)
		}
	}
	return "", fmt.Errorf("unterminated string %s", p.s[start:])
}

// String returns the selector in canonical form: the name, then the
// matchers in braces with Go-quoted values. It parses back to the same
// selector.
func (s *Selector) String() string {
	if len(s.Matchers) == 0 {
		return s.Name
	}
	var b strings.Builder
	b.WriteString(s.Name)
	b.WriteByte('{')
	for i, m := range s.Matchers {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(m.Label)
		b.WriteString(string(m.Op))
		b.WriteString(strconv.Quote(m.Value))
	}
	b.WriteByte('}')
	return b.String()
}

// Matches reports whether the series with the given name and labels is
// selected. The label __name__ stands for the name.
func (s *Selector) Matches(name string, labels map[string]string) bool {
	if s.Name != "" && s.Name != name {
		return false
	}
	for _, m := range s.Matchers {
		v := labels[m.Label]
		if m.Label == "__name__" {
			v = name
		}
		if !m.Matches(v) {
			return false
		}
	}
	return true
}
