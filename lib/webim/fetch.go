package webim

import (
	"context"

	"github.com/ccmon/webim-checks/lib/plugin"
)

// Fetch is how most checks start: a client with the service login (see
// [New]) and its answer to one request, ask, a method such as
// (*Client).ConnectToDB. The client is returned for what the check does
// next (the time the answer took, a second request).
func Fetch[T any](ctx context.Context, env *plugin.Env, login plugin.Login, ask func(*Client, context.Context) (T, error)) (*Client, T, error) {
	cl, err := New(env, login)
	if err != nil {
		var none T
		return nil, none, err
	}
	v, err := ask(cl, ctx)
	return cl, v, err
}
