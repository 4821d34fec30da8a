package dolibarr

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"

	"github.com/ccmon/webim-checks/lib/httpc"
	"github.com/ccmon/webim-checks/lib/plugin"
)

// StatusPath is the status endpoint of Dolibarr's core REST API.
const StatusPath = "/api/index.php/status"

// Status is the answer of GET /api/index.php/status: {"success": {"code":
// 200, "dolibarr_version": "18.0.4", "access_locked": "0"}}.
type Status struct {
	// Code is success.code, 200.
	Code int
	// Version is success.dolibarr_version.
	Version string
	// Locked is true when access_locked is "1" (only one login may use the
	// instance, e.g. during an upgrade); LockedAs is the raw value.
	Locked   bool
	LockedAs string
}

// statusAnswer is the JSON of the status endpoint.
type statusAnswer struct {
	Success *struct {
		Code         *int            `json:"code"`
		Version      *string         `json:"dolibarr_version"`
		AccessLocked json.RawMessage `json:"access_locked"`
	} `json:"success"`
}

// apiError is the error body of the REST API: {"error": {"code": 401,
// "message": "..."}}.
type apiError struct {
	Error *struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// Status asks the core REST API for its status (path "" for the default).
// The API key travels in the DOLAPIKEY header set up by the client.
func (c *Client) Status(ctx context.Context, path string) (*Status, error) {
	if path == "" {
		path = StatusPath
	}
	r, err := c.http.Do(ctx, path, nil)
	if err != nil {
		return nil, err
	}
	if r.StatusCode != http.StatusOK {
		return nil, failAPI(r)
	}
	return DecodeStatus(r)
}

// failAPI maps a status the endpoint does not document to an error,
// quoting the API's own message.
func failAPI(r *httpc.Response) error {
	err := r.Err()
	if err == nil {
		return plugin.Errorf(plugin.ErrStatus, "%s: HTTP %d, expected 200", r.Step, r.StatusCode)
	}
	var e apiError
	if json.Unmarshal(r.Body, &e) != nil || e.Error == nil || e.Error.Message == "" {
		return err
	}
	said := fmt.Sprintf("%q", httpc.Snippet([]byte(e.Error.Message), 160))
	if r.StatusCode == http.StatusUnauthorized || r.StatusCode == http.StatusForbidden {
		return plugin.Mark(err, fmt.Errorf("authentication failed (HTTP %d): %s", r.StatusCode, said))
	}
	return plugin.Mark(err, fmt.Errorf("%s: HTTP %d %s: %s", r.Step, r.StatusCode, http.StatusText(r.StatusCode), said))
}

// DecodeStatus reads an answer of the status endpoint.
func DecodeStatus(r *httpc.Response) (*Status, error) {
	var a statusAnswer
	if err := httpc.DecodeJSON(jsonBody(r), "status", `a JSON object {"success": {"code": 200, ...}}`, &a); err != nil {
		return nil, err
	}
	s := a.Success
	if s == nil || s.Code == nil || s.Version == nil {
		return nil, plugin.Errorf(plugin.ErrDecode, "status: the answer has no success.code and success.dolibarr_version (%s)", httpc.Describe(r.Body, ""))
	}
	if *s.Code != http.StatusOK {
		return nil, plugin.Errorf(plugin.ErrDecode, "status: success.code is %d, expected 200", *s.Code)
	}
	st := &Status{Code: *s.Code, Version: *s.Version}
	switch v := string(bytes.TrimSpace(s.AccessLocked)); v {
	case "", "null", `"0"`, "0", `""`, "false":
	case `"1"`, "1", "true":
		st.Locked, st.LockedAs = true, "1"
	default:
		str, err := strconv.Unquote(v)
		if err != nil {
			return nil, plugin.Errorf(plugin.ErrDecode, "status: access_locked is %s, expected \"0\" or \"1\"", httpc.Snippet([]byte(v), 40))
		}
		st.Locked, st.LockedAs = true, str
	}
	return st, nil
}
