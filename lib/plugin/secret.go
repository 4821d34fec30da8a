package plugin

import (
	"bytes"
	"os"
	"strings"
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

// maxSecretFile bounds what is read from a --*-file.
const maxSecretFile = 64 << 10

// ReadSecretFile returns the first line of the file, without surrounding
// whitespace. The error names the file but never its content.
func ReadSecretFile(path string) (Secret, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", Errorf(ErrUsage, "cannot read secret file: %v", err)
	}
	defer f.Close()
	buf := make([]byte, maxSecretFile+1)
	n, _ := f.Read(buf)
	buf = buf[:n]
	if n > maxSecretFile {
		return "", Errorf(ErrUsage, "secret file %s is larger than 64 KiB", path)
	}
	if i := bytes.IndexByte(buf, '\n'); i >= 0 {
		buf = buf[:i]
	}
	s := strings.TrimSpace(string(buf))
	if s == "" {
		return "", Errorf(ErrUsage, "secret file %s is empty", path)
	}
	return Secret(s), nil
}

// redactor replaces registered secrets in text.
type redactor struct {
	secrets []string
}

func (r *redactor) add(s string) {
	if len(s) < 3 { // too short to redact without mangling output
		return
	}
	for _, have := range r.secrets {
		if have == s {
			return
		}
	}
	r.secrets = append(r.secrets, s)
}

func (r *redactor) redact(b []byte) []byte {
	for _, s := range r.secrets {
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
