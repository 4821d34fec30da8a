package httpc

import (
	"context"
	"net/http"
	"net/url"
)

// Get is Do followed by [Client.Expect] of 200, for the tests: any other
// status is an error of the right kind.
func (c *Client) Get(ctx context.Context, path string, query url.Values) (*Response, error) {
	r, err := c.do(ctx, http.MethodGet, path, query)
	if err != nil {
		return nil, err
	}
	if err := c.Expect(r, http.StatusOK); err != nil {
		return r, err
	}
	return r, nil
}
