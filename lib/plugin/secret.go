package plugin

import (
	"bytes"
	"fmt"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"
)

// Secret is a credential given by flag, environment variable or file. It
// prints as "****" wherever it is formatted, so a configuration dump or a
// help text can never show it; use Reveal to send it.
type Secret string

// String redacts the secret.
func (s Secret) String() string {
	if s == "" {
		return ""
	}
	return "****"
}

// GoString redacts the secret for %#v as well.
func (s Secret) GoString() string { return `"` + s.String() + `"` }

// MarshalFlag implements the go-flags Marshaler (help defaults).
func (s Secret) MarshalFlag() (string, error) { return s.String(), nil }

// Reveal returns the secret itself.
func (s Secret) Reveal() string { return string(s) }

// ReadSecretFile returns the first line of the file, without surrounding
// whitespace, read through the cap of [MaxSecretFile]. The error names the
// file but never its content. Checks use [Env.LoadSecret], which also
// keeps the deadline and notes a file readable by everyone.
func ReadSecretFile(path string) (Secret, error) {
	return NewTestEnv(nil).readSecretFile(path)
}

// readSecretFile is ReadSecretFile within the run's deadline.
func (e *Env) readSecretFile(path string) (Secret, error) {
	buf, err := e.ReadFile("secret file", path, MaxSecretFile)
	if err != nil {
		return "", err
	}
	if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() && fi.Mode().Perm()&0o004 != 0 {
		e.Notef("note: secret file %s is readable by every local user (chmod o-r %s)", path, path)
	}
	first, _, _ := bytes.Cut(buf, []byte("\n"))
	s := strings.TrimSpace(string(first))
	switch {
	case s != "":
		return Secret(s), nil
	case len(bytes.TrimSpace(buf)) == 0:
		return "", Errorf(ErrUsage, "secret file %s is empty", path)
	}
	return "", Errorf(ErrUsage, "secret file %s has a blank first line; the secret must be on the first line", path)
}

// redactor replaces registered secrets in text. It is safe for concurrent
// use: a check may still register a secret while the runtime reports its
// timeout.
type redactor struct {
	mu      sync.Mutex
	secrets []string
}

// list returns the registered secrets, longest first.
func (r *redactor) list() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.secrets
}

// add registers s, and the form %q gives it inside the quotes where that
// differs (a secret with a quote, a backslash or a control character, as
// an error message quoting a URL or an answer shows it).
func (r *redactor) add(s string) {
	r.addOne(s)
	if q := strconv.Quote(s); q[1:len(q)-1] != s {
		r.addOne(q[1 : len(q)-1])
	}
	for _, f := range jsonForms(s) {
		r.addOne(f)
	}
}

// jsonForms returns the forms s takes inside a JSON string, as the
// encoders a server may echo it with write it: with '/' escaped or not
// (PHP escapes it), with non-ASCII as \uXXXX or not (PHP and Python do
// by default), and Go's, which escapes <, > and &.
func jsonForms(s string) []string {
	var out []string
	for _, slash := range []bool{false, true} {
		for _, ascii := range []bool{false, true} {
			out = append(out, jsonString(s, slash, ascii, false))
		}
	}
	out = append(out, jsonString(s, false, false, true))
	return out
}

// jsonString writes s as the inside of a JSON string: escaping '/' with
// slash, every non-ASCII character as \uXXXX (UTF-16) with ascii, and
// <, >, & with html.
func jsonString(s string, slash, ascii, html bool) string {
	var b strings.Builder
	for _, c := range s {
		switch {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteRune(c)
		case c == '/' && slash:
			b.WriteString(`\/`)
		case c == '\n':
			b.WriteString(`\n`)
		case c == '\r':
			b.WriteString(`\r`)
		case c == '\t':
			b.WriteString(`\t`)
		case c < 0x20, html && (c == '<' || c == '>' || c == '&'), ascii && c >= 0x80:
			for _, u := range utf16.Encode([]rune{c}) {
				fmt.Fprintf(&b, `\u%04x`, u)
			}
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}

func (r *redactor) addOne(s string) {
	if len(s) < MinSecret { // refused before any request (see weakSecret); redacting it would only mangle the refusal
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, have := range r.secrets {
		if have == s {
			return
		}
	}
	// longest first, so that a secret containing another is replaced whole
	i := 0
	for i < len(r.secrets) && len(r.secrets[i]) >= len(s) {
		i++
	}
	r.secrets = slices.Insert(slices.Clip(r.secrets), i, s)
}

// urlSecrets returns the credentials in the userinfo of a URL as a user
// may write it ("https://user:password@host", "user:password@host:port"):
// the password (the whole userinfo when it has no colon, as a token would
// be given), as written and percent-decoded. The URL need not parse.
//
// A password may hold '/', '?' or '#' (-H 'http://monitor:Xy7/q9kLm@host'),
// which end the authority of a URL: the userinfo is then taken up to the
// last '@' as well, when what comes before it has the user:password form.
func urlSecrets(raw string) []string {
	rest := raw
	if _, after, ok := strings.Cut(rest, "://"); ok {
		rest = after
	}
	var out []string
	add := func(userinfo string) {
		secret := userinfo
		if _, pw, ok := strings.Cut(secret, ":"); ok {
			secret = pw
		}
		out = append(out, secret)
		if dec, err := url.PathUnescape(secret); err == nil && dec != secret {
			out = append(out, dec)
		}
	}
	authority := rest
	if i := strings.IndexAny(authority, "/?#"); i >= 0 {
		authority = authority[:i]
	}
	if at := strings.LastIndexByte(authority, '@'); at >= 0 {
		add(authority[:at])
	}
	if at := strings.LastIndexByte(rest, '@'); at > len(authority) {
		if ui := rest[:at]; strings.Contains(ui[:strings.IndexAny(ui, "/?#")], ":") {
			add(ui)
		}
	}
	return out
}

// redactString replaces registered secrets in s.
func (r *redactor) redactString(s string) string {
	for _, sec := range r.list() {
		if strings.Contains(s, sec) {
			s = strings.ReplaceAll(s, sec, "****")
		}
	}
	return s
}

// redactResult replaces registered secrets in the texts of res before it
// is rendered: rendering changes text ('|' becomes '/', JSON escapes
// quotes), after which the output writer could no longer recognise them.
func (r *redactor) redactResult(res *Result) {
	if len(r.list()) == 0 {
		return
	}
	res.Summary = r.redactString(res.Summary)
	for i, l := range res.Long {
		res.Long[i] = r.redactString(l)
	}
	for i := range res.Perf {
		res.Perf[i].Label = r.redactString(res.Perf[i].Label)
	}
	for i := range res.Items {
		it := &res.Items[i]
		it.Name, it.Summary = r.redactString(it.Name), r.redactString(it.Summary)
		for j := range it.Perf {
			it.Perf[j].Label = r.redactString(it.Perf[j].Label)
		}
	}
}

func (r *redactor) redact(b []byte) []byte {
	for _, s := range r.list() {
		if bytes.Contains(b, []byte(s)) {
			b = bytes.ReplaceAll(b, []byte(s), []byte("****"))
		}
	}
	return b
}

// redactWriter redacts each Write before passing it on.
type redactWriter struct {
	r *redactor
	w interface{ Write([]byte) (int, error) }
}

func (w redactWriter) Write(p []byte) (int, error) {
	if _, err := w.w.Write(w.r.redact(append([]byte(nil), p...))); err != nil {
		return 0, err
	}
	return len(p), nil
}
