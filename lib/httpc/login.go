package httpc

import (
	"errors"

	"github.com/ccmon/webim-checks/lib/plugin"
)

// Login is a user and password login as the products' flags give it: the
// password from its flag or environment variable, or from PasswordFile.
type Login struct {
	User         string
	Password     plugin.Secret
	PasswordFile string
	// Scheme builds the authentication (Basic, Digest) from user and password.
	Scheme func(user string, password plugin.Secret) Auth
	// Hint says that no login was given and which flags and variables give
	// one, e.g. "no service login given (-U/WEBIM_USER ...)"; it is added to
	// an authentication failure when no user was given.
	Hint string
	// UserFlags and PasswordFlags name where each half of the login comes
	// from ("-U/WEBIM_USER"), for the hint when only one half was given.
	UserFlags, PasswordFlags string
}

// hint says what is missing of the login, for an authentication failure;
// "" when both halves were given.
func (l Login) hint(pw plugin.Secret) string {
	switch {
	case l.User == "" && pw == "":
		return l.Hint
	case l.User == "":
		return "a password was given but no user (" + l.UserFlags + ")"
	case pw == "":
		return "no password given for user " + l.User + " (" + l.PasswordFlags + ")"
	}
	return ""
}

// NewWithLogin returns a client for the run's target that authenticates
// with login.
// The password is registered for redaction; without a user no credentials
// are sent.
func NewWithLogin(env *plugin.Env, login Login) (*Client, error) {
	pw, err := env.LoadSecret(login.Password, login.PasswordFile)
	if err != nil {
		return nil, err
	}
	var auth Auth
	if login.User != "" {
		auth = login.Scheme(login.User, pw)
	}
	c, err := New(env, auth)
	if err != nil {
		return nil, err
	}
	c.loginHint = login.hint(pw)
	return c, nil
}

// Fail maps a status the endpoint does not document to an error (see
// [Response.Err]); it never returns nil. When no login was given, an
// authentication failure says how to give one.
func (c *Client) Fail(r *Response) error {
	err := r.Err()
	if err != nil && c.loginHint != "" && errors.Is(err, plugin.ErrAuth) {
		return plugin.Errorf(plugin.ErrAuth, "%v; %s", err, c.loginHint)
	}
	return err
}
