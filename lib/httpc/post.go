package httpc

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// postContentType is the Content-Type of every POST: a form, although
// the data travels in the query string (the way Webim calls chat event
// handlers, seed 003).
const postContentType = "application/x-www-form-urlencoded"

// Post sends a POST for path with the data in the query string and an
// empty body, Content-Type application/x-www-form-urlencoded, and reads the
// whole answer through the cap. As with [Client.Do], any HTTP status is
// returned as a Response.
func (c *Client) Post(ctx context.Context, path string, query url.Values) (*Response, error) {
	return c.do(ctx, http.MethodPost, path, query)
}

// postStep names a POST in messages without its data, which may be
// long: "POST https://crm.example.com/hook (query: chat, signature)".
func postStep(base *url.URL, path string, query url.Values) string {
	step := http.MethodPost + " " + Join(base, path, nil)
	if len(query) == 0 {
		return step
	}
	keys := make([]string, 0, len(query))
	for k := range query {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return step + " (query: " + strings.Join(keys, ", ") + ")"
}
