package wa

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ccmon/webim-checks/lib/plugin"
)

// Environment variables read for the credentials (CONTRACT section 5).
const (
	EnvAPIKey = "WA_API_KEY"
	EnvToken  = "WA_TOKEN"
)

// The length rule of an API key (seed 002: "The API key you set must have a
// minimum of 12 characters and a maximum of 128 characters").
const (
	MinAPIKeyLen = 12
	MaxAPIKeyLen = 128
)

// Credentials are the authentication flags of the WhatsApp Business API
// client. See the package documentation for the order in which they and
// the environment are consulted.
type Credentials struct {
	APIKey     plugin.Secret `long:"api-key" env:"WA_API_KEY" value-name:"KEY" default-mask:"-" description:"API key of the Webapp (its WA_API_KEY, 12 to 128 characters), sent as 'Authorization: Apikey KEY'; prefer the environment variable WA_API_KEY or --api-key-file (the command line shows in ps)"`
	APIKeyFile string        `long:"api-key-file" value-name:"FILE" description:"read the API key from the first line of FILE"`
	Token      plugin.Secret `long:"token" env:"WA_TOKEN" value-name:"TOKEN" default-mask:"-" description:"Bearer token, sent as 'Authorization: Bearer TOKEN' (it expires after 7 days; an API key does not); prefer WA_TOKEN or --token-file. A key and a token on the command line together are an error; the command line wins over the environment, and WA_API_KEY over WA_TOKEN"`
	TokenFile  string        `long:"token-file" value-name:"FILE" description:"read the Bearer token from the first line of FILE"`
}

// Scheme is the scheme word of the Authorization header.
type Scheme string

// The two schemes the health node accepts (seed 002).
const (
	SchemeAPIKey Scheme = "Apikey"
	SchemeBearer Scheme = "Bearer"
)

// Auth is a resolved credential: what is sent and where it came from.
type Auth struct {
	// Scheme is Apikey or Bearer.
	Scheme Scheme
	// Secret is the key or token, registered for redaction.
	Secret plugin.Secret
	// Source names where it came from ("--api-key", "--token-file",
	// "WA_API_KEY", ...) for messages; it never contains the secret.
	Source string
}

// header returns the value of the Authorization header.
func (a Auth) header() plugin.Secret {
	return plugin.Secret(string(a.Scheme) + " " + a.Secret.Reveal())
}

// what names the credential in messages.
func (a Auth) what() string {
	if a.Scheme == SchemeAPIKey {
		return "API key"
	}
	return "token"
}

// Resolve picks the credential to use, loads it from its file if need be,
// registers it for redaction and validates it: an API key must be 12 to
// 128 characters, and neither may contain control characters. Every error
// is a usage error (UNKNOWN before any request) that never shows the
// secret.
func (c Credentials) Resolve(env *plugin.Env) (Auth, error) {
	// an empty value (an unset engine macro) counts as not given
	keyCLI := (env.Given("api-key") && c.APIKey != "") || c.APIKeyFile != ""
	tokCLI := (env.Given("token") && c.Token != "") || c.TokenFile != ""
	var a Auth
	switch {
	case keyCLI && tokCLI:
		return Auth{}, plugin.Errorf(plugin.ErrUsage, "give either an API key (--api-key, --api-key-file) or a Bearer token (--token, --token-file), not both")
	case keyCLI:
		s, err := env.LoadSecret(c.APIKey, c.APIKeyFile)
		if err != nil {
			return Auth{}, err
		}
		a = Auth{Scheme: SchemeAPIKey, Secret: s, Source: source("--api-key", c.APIKeyFile, "--api-key-file")}
	case tokCLI:
		s, err := env.LoadSecret(c.Token, c.TokenFile)
		if err != nil {
			return Auth{}, err
		}
		a = Auth{Scheme: SchemeBearer, Secret: s, Source: source("--token", c.TokenFile, "--token-file")}
	default:
		// from the environment (the flags' env tags): a key wins, since it
		// does not expire
		switch {
		case c.APIKey != "":
			a = Auth{Scheme: SchemeAPIKey, Secret: env.Secret(c.APIKey), Source: EnvAPIKey}
		case c.Token != "":
			a = Auth{Scheme: SchemeBearer, Secret: env.Secret(c.Token), Source: EnvToken}
		default:
			return Auth{}, plugin.Errorf(plugin.ErrUsage, "no credentials: set %s (or --api-key-file) to the Webapp's API key, or %s (or --token-file) to a Bearer token", EnvAPIKey, EnvToken)
		}
	}
	return a, a.validate()
}

func source(flag, file, fileFlag string) string {
	if file != "" {
		return fileFlag + " " + file
	}
	return flag
}

// validate checks the credential without ever printing it.
func (a Auth) validate() error {
	s := a.Secret.Reveal()
	if strings.IndexFunc(s, unicode.IsControl) >= 0 {
		return plugin.Errorf(plugin.ErrUsage, "the %s from %s contains a control character (a line break?)", a.what(), a.Source)
	}
	if a.Scheme == SchemeAPIKey {
		if n := utf8.RuneCountInString(s); n < MinAPIKeyLen || n > MaxAPIKeyLen {
			return plugin.Errorf(plugin.ErrUsage, "the API key from %s has %d characters; the WhatsApp Business API requires %d to %d", a.Source, n, MinAPIKeyLen, MaxAPIKeyLen)
		}
	}
	return nil
}
