package wa

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/ccmon/webim-checks/lib/httpc"
	"github.com/ccmon/webim-checks/lib/plugin"
)

// HealthPath is the endpoint path (seed 002: "GET /v1/health").
const HealthPath = "/v1/health"

// The documented values of gateway_status (seed 002): connected and
// connecting are healthy; uninitialized means the application may be
// upgrading or initialising the database schema; unregistered means the
// client must be registered; disconnected means the coreapp is not
// connected to the WhatsApp servers.
const (
	StatusConnected     = "connected"
	StatusConnecting    = "connecting"
	StatusUninitialized = "uninitialized"
	StatusUnregistered  = "unregistered"
	StatusDisconnected  = "disconnected"
)

// The documented roles of a node in high availability / multiconnect.
const (
	RolePrimaryMaster   = "primary_master"
	RoleSecondaryMaster = "secondary_master"
	RoleCoreapp         = "coreapp"
)

// Health is the answer of GET /v1/health in either documented form:
//
//	{"health": {"gateway_status": "connected"}}
//	{"health": {"host1:container1": {"gateway_status": "...", "role": "coreapp"}, ...}}
//
// The forms are told apart by whether health.gateway_status is a string.
type Health struct {
	// Cluster is set for the high-availability / multiconnect form.
	Cluster bool
	// GatewayStatus is the status of a single instance (Cluster false).
	GatewayStatus string
	// Nodes are the nodes of a cluster, sorted by name (Cluster true).
	Nodes []Node
	// Meta is the answer's meta block, when it has one.
	Meta Meta
}

// Node is one "hostname:container-id" entry of a cluster answer.
type Node struct {
	// Name is the key, "hostname:container-id".
	Name string
	// GatewayStatus is the node's connection state (see the Status constants).
	GatewayStatus string `json:"gateway_status"`
	// Role is primary_master, secondary_master or coreapp.
	Role string `json:"role"`
}

// Meta is the meta block the client adds to its answers.
type Meta struct {
	// Version is the client's version, e.g. "2.53.2".
	Version string `json:"version"`
	// APIStatus is "stable" or "deprecated".
	APIStatus string `json:"api_status"`
}

// healthAnswer is the top level; health is decoded in a second step, once
// its form is known.
type healthAnswer struct {
	Health json.RawMessage `json:"health"`
	Meta   json.RawMessage `json:"meta"`
	Errors json.RawMessage `json:"errors"`
}

// nodeAnswer is one node of a cluster answer; pointers tell a missing
// field from an empty one.
type nodeAnswer struct {
	GatewayStatus *string `json:"gateway_status"`
	Role          *string `json:"role"`
}

const healthWant = `a JSON object {"health": {...}}`

// Health asks the client for its health. Any status but 200 is an error
// quoting the vendor's error body (see [Client.fail]).
func (c *Client) Health(ctx context.Context) (*Health, error) {
	r, err := c.http.Do(ctx, HealthPath, nil)
	if err != nil {
		return nil, err
	}
	if r.StatusCode != 200 { // the one status documented (CONTRACT section 6)
		return nil, c.fail(r)
	}
	return DecodeHealth(r)
}

// DecodeHealth decodes the body of a /v1/health answer. Anything but one
// of the two documented forms is an ErrDecode error saying what came.
func DecodeHealth(r *httpc.Response) (*Health, error) {
	var raw json.RawMessage
	if err := httpc.DecodeJSON(r, "health", healthWant, &raw); err != nil {
		return nil, err
	}
	if k := jsonKind(raw); k != "object" {
		return nil, plugin.Errorf(plugin.ErrDecode, "health: expected %s, got a JSON %s", healthWant, k)
	}
	var a healthAnswer
	if err := json.Unmarshal(raw, &a); err != nil {
		return nil, plugin.Errorf(plugin.ErrDecode, "health: expected %s: %v", healthWant, err)
	}
	h := &Health{}
	if len(a.Meta) > 0 {
		_ = json.Unmarshal(a.Meta, &h.Meta) // informative only: a strange meta block does not matter
	}
	if k := jsonKind(a.Health); k == "" || k == "null" {
		if said := DescribeErrors(DecodeErrors(raw)); said != "" {
			return nil, plugin.Errorf(plugin.ErrDecode, "health: the answer has no health field; the client said %s", said)
		}
		return nil, plugin.Errorf(plugin.ErrDecode, "health: the answer has no health field (got %s)", httpc.Describe(raw, ""))
	} else if k != "object" {
		return nil, plugin.Errorf(plugin.ErrDecode, "health: health is a JSON %s, expected an object", k)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(a.Health, &m); err != nil {
		return nil, plugin.Errorf(plugin.ErrDecode, "health: health is not a JSON object: %v", err)
	}
	if gs, ok := m["gateway_status"]; ok && jsonKind(gs) == "string" {
		if err := json.Unmarshal(gs, &h.GatewayStatus); err != nil {
			return nil, plugin.Errorf(plugin.ErrDecode, "health: bad gateway_status: %v", err)
		}
		return h, nil
	}
	if len(m) == 0 {
		return nil, plugin.Errorf(plugin.ErrDecode, "health: health is an empty object (neither a gateway_status nor any node)")
	}
	h.Cluster = true
	h.Nodes = make([]Node, 0, len(m))
	for name, v := range m {
		n, err := decodeNode(name, v)
		if err != nil {
			return nil, err
		}
		h.Nodes = append(h.Nodes, n)
	}
	sort.Slice(h.Nodes, func(i, j int) bool { return h.Nodes[i].Name < h.Nodes[j].Name })
	return h, nil
}

func decodeNode(name string, v json.RawMessage) (Node, error) {
	q := quoteName(name)
	if k := jsonKind(v); k != "object" {
		if name == "gateway_status" {
			return Node{}, plugin.Errorf(plugin.ErrDecode, "health: gateway_status is a JSON %s, expected a string", k)
		}
		return Node{}, plugin.Errorf(plugin.ErrDecode, "health: node %s is a JSON %s, expected an object with gateway_status and role", q, k)
	}
	var na nodeAnswer
	if err := json.Unmarshal(v, &na); err != nil {
		var typ *json.UnmarshalTypeError
		if errors.As(err, &typ) && typ.Field != "" {
			return Node{}, plugin.Errorf(plugin.ErrDecode, "health: node %s: %s is a JSON %s, expected a string", q, typ.Field, typ.Value)
		}
		return Node{}, plugin.Errorf(plugin.ErrDecode, "health: node %s: %v", q, err)
	}
	switch {
	case na.GatewayStatus == nil:
		return Node{}, plugin.Errorf(plugin.ErrDecode, "health: node %s has no gateway_status", q)
	case na.Role == nil:
		return Node{}, plugin.Errorf(plugin.ErrDecode, "health: node %s has no role", q)
	}
	return Node{Name: name, GatewayStatus: *na.GatewayStatus, Role: *na.Role}, nil
}

// quoteName quotes a node name for messages, cut to a sane length.
func quoteName(s string) string {
	return fmt.Sprintf("%q", httpc.Snippet([]byte(s), 80))
}

// jsonKind names the kind of a JSON value from its first byte: object,
// array, string, number, boolean, null; "" for nothing.
func jsonKind(v []byte) string {
	v = bytes.TrimSpace(v)
	if len(v) == 0 {
		return ""
	}
	switch c := v[0]; {
	case c == '{':
		return "object"
	case c == '[':
		return "array"
	case c == '"':
		return "string"
	case c == 't' || c == 'f':
		return "boolean"
	case c == 'n':
		return "null"
	case c == '-' || c >= '0' && c <= '9':
		return "number"
	}
	return "value"
}

// Normalize returns a status or role as compared: trimmed and lower case.
func Normalize(s string) string { return strings.ToLower(strings.TrimSpace(s)) }
