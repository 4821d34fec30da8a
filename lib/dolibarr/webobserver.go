package dolibarr

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/hex"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/ccmon/webim-checks/lib/httpc"
	"github.com/ccmon/webim-checks/lib/plugin"
)

// WebObserverPath is the public script of the WebObserver module, the
// successor of ServerObserver (lib/seeds/README.md).
const WebObserverPath = "/custom/webobserver/public/get-data.php"

// WebObserverWindow is how far apart the caller's time and the server's
// may be for the hash to be accepted.
const WebObserverWindow = 180 * time.Second

// WebObserverHash is the hash get-data.php checks: the lowercase hex MD5
// of the token followed by the Unix time, both as sent.
func WebObserverHash(token string, unix int64) string {
	sum := md5.Sum([]byte(token + strconv.FormatInt(unix, 10)))
	return hex.EncodeToString(sum[:])
}

// WebObserver asks the WebObserver module for the instance's version and
// documents size, signing the request with token at now (path "" for
// the default).
func (c *Client) WebObserver(ctx context.Context, path string, token plugin.Secret, now time.Time) (*Instance, error) {
	if path == "" {
		path = WebObserverPath
	}
	t := now.Unix()
	q := url.Values{"hash": {WebObserverHash(token.Reveal(), t)}, "time": {strconv.FormatInt(t, 10)}}
	r, err := c.http.Do(ctx, path, q)
	if err != nil {
		return nil, err
	}
	if r.StatusCode != http.StatusOK {
		return nil, failIPAllowList(r)
	}
	return DecodeWebObserver(r)
}

// The plain-text failures of get-data.php, answered with HTTP 200.
const (
	WebObserverInvalidHash  = "Invalid hash"
	WebObserverMissingParam = "Missing parameter"
	WebObserverNoToken      = "Invalid token configuration"
)

// DecodeWebObserver reads an answer of get-data.php: its plain-text
// failures, else the JSON of the observer modules with sizes in bytes and
// no server_info.
func DecodeWebObserver(r *httpc.Response) (*Instance, error) {
	switch text := string(bytes.TrimSpace(r.Body)); text {
	case WebObserverInvalidHash:
		return nil, plugin.Errorf(plugin.ErrAuth, "webobserver answered %q: the token is wrong (--token, DOLIBARR_TOKEN or --token-file), or this host's clock and the Dolibarr server's are more than %d s apart", text, int(WebObserverWindow.Seconds()))
	case WebObserverMissingParam:
		return nil, plugin.Errorf(plugin.ErrDecode, "webobserver answered %q: hash or time did not reach get-data.php (a proxy or --path dropping the query?)", text)
	case WebObserverNoToken:
		return nil, plugin.Errorf(plugin.ErrDecode, "webobserver answered %q: the WebObserver module has no usable token configured in Dolibarr", text)
	}
	in, _, err := decodeObserver(r, "webobserver", `a JSON object {"apiversion": ..., "dolibarr": {...}}`, 1)
	return in, err
}
