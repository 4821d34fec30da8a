package webim

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"

	"github.com/ccmon/webim-checks/lib/httpc"
	"github.com/ccmon/webim-checks/lib/plugin"
)

// ObjectStatsPath is the endpoint path.
const ObjectStatsPath = "/l/a/object-stats"

// ObjectCount is one object type of GET /l/a/object-stats and how many
// objects of it the Chat Backend holds.
type ObjectCount struct {
	Type  string
	Count float64
}

// objectStats is the answer of /l/a/object-stats: seed 000 says only
// "Возвращает словарь системных объектов со статистикой ObjGraph по ним с
// лимитом 50 штук" (ObjGraph's counts of the 50 most common types) and
// shows no example. It is read as type -> count from a JSON object
// ({"dict": 1234}), a list of pairs ([["dict", 1234]], what
// objgraph.most_common_types returns), or their Python-literal forms
// ({'dict': 1234}, [('dict', 1234)]).
type objectStats struct {
	pairs []struct {
		typ string
		n   Count
	}
}

// UnmarshalJSON implements json.Unmarshaler for both shapes.
func (o *objectStats) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	type pair = struct {
		typ string
		n   Count
	}
	if len(b) > 0 && b[0] == '{' {
		var m map[string]Count
		if err := json.Unmarshal(b, &m); err != nil {
			return err
		}
		for t, n := range m {
			o.pairs = append(o.pairs, pair{t, n})
		}
		return nil
	}
	var list [][]json.RawMessage
	if err := json.Unmarshal(b, &list); err != nil {
		return err
	}
	for i, p := range list {
		var x pair
		if len(p) != 2 || json.Unmarshal(p[0], &x.typ) != nil || json.Unmarshal(p[1], &x.n) != nil {
			return fmt.Errorf("element %d is not a [type, count] pair", i+1)
		}
		o.pairs = append(o.pairs, x)
	}
	return nil
}

// ObjectStats fetches the object counts, largest first.
func (c *Client) ObjectStats(ctx context.Context) ([]ObjectCount, error) {
	r, err := c.get(ctx, ObjectStatsPath, nil)
	if err != nil {
		return nil, err
	}
	if r.StatusCode != http.StatusOK {
		return nil, c.fail(r)
	}
	return DecodeObjectStats(r)
}

// DecodeObjectStats interprets a 200 answer of object-stats: the types
// with their counts, largest first (then by name). An answer without any
// type, a type listed twice, an empty type name or a count that is not a
// count is an error of kind [plugin.ErrDecode].
func DecodeObjectStats(r *httpc.Response) ([]ObjectCount, error) {
	var o objectStats
	if err := decode(r, "object-stats", "a JSON object of type -> count or a list of [type, count] pairs", &o); err != nil {
		return nil, err
	}
	if len(o.pairs) == 0 {
		return nil, plugin.Errorf(plugin.ErrDecode, "object-stats: the answer lists no object types (%s)", httpc.Describe(r.Body, ""))
	}
	out := make([]ObjectCount, 0, len(o.pairs))
	seen := make(map[string]bool, len(o.pairs))
	for _, p := range o.pairs {
		switch {
		case p.typ == "":
			return nil, plugin.Errorf(plugin.ErrDecode, "object-stats: an object type without a name")
		case seen[p.typ]:
			return nil, plugin.Errorf(plugin.ErrDecode, "object-stats: type %q is listed twice", p.typ)
		case p.n.Problem() != "":
			return nil, plugin.Errorf(plugin.ErrDecode, "object-stats: the count of %q %s", p.typ, p.n.Problem())
		}
		seen[p.typ] = true
		out = append(out, ObjectCount{Type: p.typ, Count: float64(p.n)})
	}
	slices.SortFunc(out, func(a, b ObjectCount) int {
		if c := cmp.Compare(b.Count, a.Count); c != 0 {
			return c
		}
		return cmp.Compare(a.Type, b.Type)
	})
	return out, nil
}
