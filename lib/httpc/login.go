package httpc

import (
	"errors"

	"github.com/ccmon/webim-checks/lib/plugin"
)

// Login is how a product's client logs in: the login flags, the
// authentication scheme, and what the product calls the login, for the
// hint when one was missing.
type Login struct {
	plugin.Login
	// Scheme builds the authentication (Basic, Digest) from user and password.
	Scheme func(user string, password plugin.Secret) Auth
	// What names the login in messages ("service login").
	What string
}

// hint says what is missing of the login, for an authentication failure,
// naming the flags and variables that give it; "" when both halves were
// given.
func (l Login) hint(env *plugin.Env, pw plugin.Secret) string {
	user, pass := env.FlagName("user"), env.FlagName("password")
	switch {
	case l.User == "" && pw == "":
		return "no " + l.What + " given (" + user + " and " + pass + ")"
	case l.User == "":
		return "a password was given but no user (" + user + ")"
	case pw == "":
		return "no password given for user " + l.User + " (" + pass + " or " + env.FlagName("password-file") + ")"
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
	c.loginHint = login.hint(env, pw)
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
