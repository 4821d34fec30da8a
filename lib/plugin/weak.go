package plugin

import (
	"net/url"
	"strings"
	"unicode/utf8"
)

// MinSecret is the shortest secret accepted. Redaction replaces a secret
// wherever it appears; a short one would mangle the output and reveal
// itself by where the "****" fall.
const MinSecret = 4

// commonWords are secrets refused because they appear in the output of
// the checks anyway: redacting them would show where they are, that is,
// what the secret is. State words, the products' vocabulary, the usual
// default logins.
var commonWords = []string{
	"ok", "warning", "critical", "unknown", "error", "errors", "result", "status", "state",
	"failed", "timer", "timers", "license", "version", "connected", "disconnected", "running",
	"stopped", "restarting", "health", "monitor", "monitoring", "webim", "itgrix", "whatsapp",
	"admin", "administrator", "root", "user", "guest", "test", "password", "secret", "changeme",
	"default", "nagios", "icinga", "zabbix", "localhost", "http", "https", "true", "false",
	"none", "null",
}

// weakSecret says why s cannot be kept out of the output ("" when it
// can): too short, the host of -H, the value of another option (the
// user), or a common word. The reason never quotes s.
func weakSecret(s, host string, others map[string]string) string {
	if utf8.RuneCountInString(s) < MinSecret {
		return "is shorter than 4 characters"
	}
	low := strings.ToLower(s)
	if h := hostName(host); h != "" && (low == strings.ToLower(h) || low == strings.ToLower(strings.TrimSpace(host))) {
		return "is the host of -H"
	}
	for name, v := range others {
		if v != "" && low == strings.ToLower(v) {
			return "is the same as --" + name
		}
	}
	for _, w := range commonWords {
		if low == w {
			return "is a common word that appears in the output"
		}
	}
	return ""
}

// hostName is the host name of a -H value, "" when there is none.
func hostName(h string) string {
	h = strings.TrimSpace(h)
	if h == "" {
		return ""
	}
	if !strings.Contains(h, "://") {
		h = "x://" + h
	}
	u, err := url.Parse(h)
	if err != nil {
		return ""
	}
	return u.Hostname()
}

// weakSecretError is the usage error for a secret given by where (a flag
// or a file) that cannot be kept out of the output.
func weakSecretError(where, reason string) error {
	return Errorf(ErrUsage, "the secret of %s %s: it could not be kept out of the output; use a longer, unguessable one", where, reason)
}
