package webim

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"net/http"
	"net/url"
	"sort"

	"github.com/ccmon/webim-checks/lib/httpc"
)

// CollectedToStorePath is the endpoint path.
const CollectedToStorePath = "/l/a/monitor/collected-to-store-objects"

// CollectedObjects is the answer of GET
// /l/a/monitor/collected-to-store-objects?mode=stats&account_name=NAME&collector_name=collected_to_store&num=100
// (seed 000: "Возвращает словарь классов объектов на сохранение и
// количество ошибок по ним"). The seed gives no example answer: a map of
// class name to number, in JSON or as a Python literal, is read into
// Classes; any other answer is kept as sent in Raw, to be quoted.
type CollectedObjects struct {
	// Classes maps an object class to its number, when the answer is such
	// a map (empty when nothing waits).
	Classes map[string]float64
	// Raw is the answer as sent when it is not such a map.
	Raw []byte
}

// ClassCount is one class of [CollectedObjects.Largest].
type ClassCount struct {
	Class string
	N     float64
}

// Largest returns the classes, largest number first (then by name).
func (o *CollectedObjects) Largest() []ClassCount {
	out := make([]ClassCount, 0, len(o.Classes))
	for k, v := range o.Classes {
		out = append(out, ClassCount{k, v})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].N != out[j].N {
			return out[i].N > out[j].N
		}
		return out[i].Class < out[j].Class
	})
	return out
}

// CollectedToStore fetches the object classes of account waiting to be
// written to the database (at most 100, the num the seed's example asks).
func (c *Client) CollectedToStore(ctx context.Context, account string) (*CollectedObjects, error) {
	q := url.Values{
		"mode":           {"stats"},
		"account_name":   {account},
		"collector_name": {"collected_to_store"},
		"num":            {"100"},
	}
	r, err := c.get(ctx, CollectedToStorePath, q)
	if err != nil {
		return nil, err
	}
	if r.StatusCode != http.StatusOK {
		return nil, c.fail(r)
	}
	return DecodeCollectedObjects(r), nil
}

// DecodeCollectedObjects reads an answer of collected-to-store-objects: a
// JSON or Python-literal map whose values are all finite numbers from 0 to
// maxCount goes into Classes; anything else into Raw. It never fails: the
// answer is undocumented, so whatever came is shown.
func DecodeCollectedObjects(r *httpc.Response) *CollectedObjects {
	body := bytes.TrimSpace(r.Body)
	var m map[string]float64
	if len(body) > 0 && body[0] == '{' && !httpc.IsHTML(body, "") {
		if json.Unmarshal(body, &m) != nil {
			m = nil
			if conv, err := PythonToJSON(body); err != nil || json.Unmarshal(conv, &m) != nil {
				m = nil
			}
		}
	}
	if m == nil {
		return &CollectedObjects{Raw: r.Body}
	}
	for _, v := range m {
		if math.IsNaN(v) || v < 0 || v > maxCount {
			return &CollectedObjects{Raw: r.Body}
		}
	}
	return &CollectedObjects{Classes: m}
}
