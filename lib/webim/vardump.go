package webim

import (
	"bytes"
	"fmt"
	"strconv"
)

// PHPKind is the type of a value in PHP var_dump output.
type PHPKind int

// The kinds of [PHPValue].
const (
	PHPNull PHPKind = iota
	PHPBool
	PHPInt
	PHPFloat
	PHPString
	PHPArray
)

// String names the kind as var_dump prints it.
func (k PHPKind) String() string {
	switch k {
	case PHPNull:
		return "NULL"
	case PHPBool:
		return "bool"
	case PHPInt:
		return "int"
	case PHPFloat:
		return "float"
	case PHPString:
		return "string"
	case PHPArray:
		return "array"
	}
	return "unknown"
}

// PHPValue is one value of var_dump output: NULL, bool(true), int(42),
// float(1.5), string(4) "8267" or array(N) {...}.
type PHPValue struct {
	Kind  PHPKind
	Bool  bool
	Int   int64
	Float float64
	// Str is the content of a string, exactly as between the quotes
	// (a trailing newline included).
	Str string
	// Array holds the elements of an array in their order.
	Array []PHPEntry
}

// PHPEntry is one element of a PHP array; Key is the key as printed
// (["name"] gives "name", [0] gives "0").
type PHPEntry struct {
	Key   string
	Value *PHPValue
}

// Get returns the element of an array with key k, or nil.
func (v *PHPValue) Get(k string) *PHPValue {
	if v == nil || v.Kind != PHPArray {
		return nil
	}
	for _, e := range v.Array {
		if e.Key == k {
			return e.Value
		}
	}
	return nil
}

// VarDump is the result of [ParseVarDump]: the value, and notes on the
// places where the text did not keep to the format but could still be
// read.
type VarDump struct {
	Value *PHPValue
	// Notes say, one line each, where a string's declared byte length did
	// not end at its closing quote and the quote was taken instead.
	Notes []string
}

// maxPHPDepth bounds the nesting of arrays, so that hostile input cannot
// exhaust the stack.
const maxPHPDepth = 64

// ParseVarDump reads the output of PHP's var_dump of one value, as
// info.php prints it (seed 000):
//
//	array(12) {
//	  ["tornado port"]=>
//	  string(4) "8267"
//	  ["connections"]=>
//	  NULL
//	}
//
// Indentation and line breaks between tokens are free. A string's length is
// its length in bytes, and its content may hold newlines and quotes. Where
// the declared length does not end at a closing quote (documentation that
// replaced a value without fixing its length), the string ends at the first
// quote that ends a line, and a note says so. Anything else that is not
// var_dump output is an error saying at which byte and why.
func ParseVarDump(b []byte) (*VarDump, error) {
	p := &phpParser{b: b}
	v, err := p.value(0)
	if err != nil {
		return nil, err
	}
	p.space()
	if p.i < len(p.b) {
		return nil, p.errorf("unexpected %s after the value", p.near())
	}
	return &VarDump{Value: v, Notes: p.notes}, nil
}

// phpParser is the state of [ParseVarDump].
type phpParser struct {
	b     []byte
	i     int
	notes []string
	// key is the key of the element being read, for notes.
	key string
}

func (p *phpParser) errorf(format string, a ...any) error {
	return fmt.Errorf("byte %d: %s", p.i, fmt.Sprintf(format, a...))
}

// near describes the text at the current position for messages.
func (p *phpParser) near() string {
	if p.i >= len(p.b) {
		return "end of input"
	}
	end := min(p.i+12, len(p.b))
	return strconv.Quote(string(p.b[p.i:end]))
}

func (p *phpParser) space() {
	for p.i < len(p.b) && (p.b[p.i] == ' ' || p.b[p.i] == '\t' || p.b[p.i] == '\n' || p.b[p.i] == '\r') {
		p.i++
	}
}

// word consumes s if the input continues with it.
func (p *phpParser) word(s string) bool {
	if bytes.HasPrefix(p.b[p.i:], []byte(s)) {
		p.i += len(s)
		return true
	}
	return false
}

// expect consumes s or fails naming it.
func (p *phpParser) expect(s string) error {
	if !p.word(s) {
		return p.errorf("expected %q, got %s", s, p.near())
	}
	return nil
}

// paren reads "(" TEXT ")" and returns TEXT (at most 64 bytes).
func (p *phpParser) paren() (string, error) {
	if err := p.expect("("); err != nil {
		return "", err
	}
	end := bytes.IndexByte(p.b[p.i:min(len(p.b), p.i+65)], ')')
	if end < 0 {
		return "", p.errorf("no closing parenthesis")
	}
	s := string(p.b[p.i : p.i+end])
	p.i += end + 1
	return s, nil
}

// value reads one value at nesting depth d.
func (p *phpParser) value(d int) (*PHPValue, error) {
	p.space()
	start := p.i
	switch {
	case p.word("NULL"):
		return &PHPValue{Kind: PHPNull}, nil
	case p.word("bool"):
		s, err := p.paren()
		if err != nil || (s != "true" && s != "false") {
			p.i = start
			return nil, p.errorf("expected bool(true) or bool(false), got %s", p.near())
		}
		return &PHPValue{Kind: PHPBool, Bool: s == "true"}, nil
	case p.word("int"):
		s, err := p.paren()
		n, perr := strconv.ParseInt(s, 10, 64)
		if err != nil || perr != nil {
			p.i = start
			return nil, p.errorf("expected int(N), got %s", p.near())
		}
		return &PHPValue{Kind: PHPInt, Int: n}, nil
	case p.word("float"):
		s, err := p.paren()
		f, perr := strconv.ParseFloat(s, 64)
		if err != nil || perr != nil {
			p.i = start
			return nil, p.errorf("expected float(F), got %s", p.near())
		}
		return &PHPValue{Kind: PHPFloat, Float: f}, nil
	case p.word("string"):
		return p.str()
	case p.word("array"):
		return p.array(d)
	}
	return nil, p.errorf("expected a var_dump value (NULL, bool, int, float, string, array), got %s", p.near())
}

// count reads "(N)" of string and array: N >= 0, at most the input size.
func (p *phpParser) count(what string) (int, error) {
	s, err := p.paren()
	n, perr := strconv.Atoi(s)
	if err != nil || perr != nil || n < 0 || n > len(p.b) {
		return 0, p.errorf("expected %s(N), got %q", what, s)
	}
	return n, nil
}

// str reads the rest of string(N) "...".
func (p *phpParser) str() (*PHPValue, error) {
	n, err := p.count("string")
	if err != nil {
		return nil, err
	}
	if err := p.expect(` "`); err != nil {
		return nil, err
	}
	start := p.i
	if end := start + n; end < len(p.b) && p.b[end] == '"' && endsToken(p.b, end+1) {
		p.i = end + 1
		return &PHPValue{Kind: PHPString, Str: string(p.b[start:end])}, nil
	}
	// the declared length does not end at a quote: take the first quote
	// that ends a line
	for end := start; end < len(p.b); end++ {
		if p.b[end] == '"' && endsLine(p.b, end+1) {
			p.i = end + 1
			where := fmt.Sprintf("the string at byte %d", start)
			if p.key != "" {
				where = fmt.Sprintf("[%q]", p.key)
			}
			p.notes = append(p.notes, fmt.Sprintf("%s is declared string(%d) but is %d bytes long up to its closing quote; read up to the quote", where, n, end-start))
			return &PHPValue{Kind: PHPString, Str: string(p.b[start:end])}, nil
		}
	}
	return nil, p.errorf("string(%d) has no closing quote", n)
}

// endsToken reports whether position i of b is the end of input or
// whitespace, as after a closing quote.
func endsToken(b []byte, i int) bool {
	return i >= len(b) || b[i] == '\n' || b[i] == '\r' || b[i] == ' ' || b[i] == '\t'
}

// endsLine reports whether only spaces lie between position i of b and
// the end of the line or input.
func endsLine(b []byte, i int) bool {
	for ; i < len(b); i++ {
		switch b[i] {
		case '\n', '\r':
			return true
		case ' ', '\t':
		default:
			return false
		}
	}
	return true
}

// array reads the rest of array(N) { [key]=> value ... }.
func (p *phpParser) array(d int) (*PHPValue, error) {
	if d >= maxPHPDepth {
		return nil, p.errorf("arrays nested deeper than %d", maxPHPDepth)
	}
	n, err := p.count("array")
	if err != nil {
		return nil, err
	}
	p.space()
	if err := p.expect("{"); err != nil {
		return nil, err
	}
	v := &PHPValue{Kind: PHPArray}
	for {
		p.space()
		if p.word("}") {
			break
		}
		e, err := p.entry(d)
		if err != nil {
			return nil, err
		}
		v.Array = append(v.Array, e)
	}
	if len(v.Array) != n {
		return nil, p.errorf("array(%d) holds %d elements", n, len(v.Array))
	}
	return v, nil
}

// entry reads one [key]=> value of an array.
func (p *phpParser) entry(d int) (PHPEntry, error) {
	if err := p.expect("["); err != nil {
		return PHPEntry{}, p.errorf("expected [key]=> or }, got %s", p.near())
	}
	var key string
	if p.word(`"`) {
		end := bytes.Index(p.b[p.i:], []byte(`"]=>`))
		if end < 0 {
			return PHPEntry{}, p.errorf(`a key without "]=>`)
		}
		key = string(p.b[p.i : p.i+end])
		p.i += end + 1
	} else {
		end := bytes.IndexByte(p.b[p.i:min(len(p.b), p.i+21)], ']')
		if end < 0 {
			return PHPEntry{}, p.errorf("expected an integer key, got %s", p.near())
		}
		s := string(p.b[p.i : p.i+end])
		if _, err := strconv.ParseInt(s, 10, 64); err != nil {
			return PHPEntry{}, p.errorf("expected an integer key, got %q", s)
		}
		key = s
		p.i += end
	}
	if err := p.expect("]=>"); err != nil {
		return PHPEntry{}, err
	}
	p.key = key
	v, err := p.value(d + 1)
	if err != nil {
		return PHPEntry{}, err
	}
	return PHPEntry{Key: key, Value: v}, nil
}
