package webim

import (
	"errors"
	"net/http"
	"testing"

	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/testutil"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDecodeObjectStats(t *testing.T) {
	tests := []struct {
		name    string
		fixture string
		body    string
		types   int
		first   ObjectCount
		err     string
	}{
		{name: "JSON object", fixture: "dict.json", types: 23, first: ObjectCount{"function", 52340}},
		{name: "JSON pairs", fixture: "pairs.json", types: 23, first: ObjectCount{"function", 52340}},
		{name: "Python tuples", fixture: "pairs.txt", types: 23, first: ObjectCount{"function", 52340}},
		{name: "Python dict", fixture: "dict.txt", types: 23, first: ObjectCount{"function", 52340}},
		{name: "largest first, ties by name", body: `{"b": 2, "a": 2, "c": 3}`, types: 3, first: ObjectCount{"c", 3}},
		{name: "empty object", fixture: "empty.json", err: "object-stats: the answer lists no object types"},
		{name: "empty list", body: `[]`, err: "object-stats: the answer lists no object types"},
		{name: "negative", fixture: "negative.json", err: `object-stats: the count of "dict" is negative (-5)`},
		{name: "not a pair", fixture: "bad-pair.json", err: "element 2 is not a [type, count] pair"},
		{name: "listed twice", fixture: "twice.txt", err: `object-stats: type "dict" is listed twice`},
		{name: "empty name", body: `[["", 1]]`, err: "object-stats: an object type without a name"},
		{name: "count a string", body: `{"dict": "5"}`, err: "object-stats: expected"},
		{name: "a string", body: `"dict"`, err: "object-stats: expected"},
		{name: "login page", body: string(testutil.Fixture(t, "bad/login.html")), err: "got an HTML page"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := []byte(tt.body)
			if tt.fixture != "" {
				body = testutil.Fixture(t, "webim/object-stats/"+tt.fixture)
			}
			got, err := DecodeObjectStats(response(http.StatusOK, body))
			if tt.err != "" {
				require.Error(t, err)
				assert.ErrorIs(t, err, plugin.ErrDecode)
				assert.Contains(t, err.Error(), tt.err)
				return
			}
			require.NoError(t, err)
			assert.Len(t, got, tt.types)
			assert.Equal(t, tt.first, got[0])
		})
	}
}

// FuzzDecodeObjectStats feeds arbitrary bodies through the interpretation
// of object-stats: it never panics, a failure is an ErrDecode, and a
// success lists at least one type, largest first, with counts.
func FuzzDecodeObjectStats(f *testing.F) {
	testutil.FuzzSeeds(f, "FuzzDecodeObjectStats")
	f.Fuzz(func(t *testing.T, body []byte) {
		got, err := DecodeObjectStats(response(http.StatusOK, body))
		if err != nil {
			if !errors.Is(err, plugin.ErrDecode) {
				t.Fatalf("error of an unexpected kind: %v", err)
			}
			return
		}
		if len(got) == 0 {
			t.Fatalf("no error and no type for %q", body)
		}
		for i, o := range got {
			if o.Type == "" || Count(o.Count).Problem() != "" || i > 0 && o.Count > got[i-1].Count {
				t.Fatalf("entry %d is not valid: %+v", i, o)
			}
		}
	})
}
