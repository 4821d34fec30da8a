package httpc

import "net/url"

// Join returns base with path appended (path starts with "/").
func Join(base *url.URL, path string, query url.Values) string {
	u := *base
	u.Path = base.Path + path
	if len(query) > 0 {
		u.RawQuery = query.Encode()
	}
	return u.String()
}
