package webim

import (
	"testing"

	"github.com/ccmon/webim-checks/lib/testutil"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDecodeObjectStats(t *testing.T) {
	tests := []testutil.DecodeCase[[]ObjectCount]{
		{Name: "JSON object", Fixture: "dict.json", Check: largest(23, ObjectCount{"function", 52340})},
		{Name: "JSON pairs", Fixture: "pairs.json", Check: largest(23, ObjectCount{"function", 52340})},
		{Name: "Python tuples", Fixture: "pairs.txt", Check: largest(23, ObjectCount{"function", 52340})},
		{Name: "Python dict", Fixture: "dict.txt", Check: largest(23, ObjectCount{"function", 52340})},
		{Name: "largest first, ties by name", Body: `{"b": 2, "a": 2, "c": 3}`, Check: largest(3, ObjectCount{"c", 3})},
		{Name: "empty object", Fixture: "empty.json", Err: "object-stats: the answer lists no object types"},
		{Name: "empty list", Body: `[]`, Err: "object-stats: the answer lists no object types"},
		{Name: "negative", Fixture: "negative.json", Err: `object-stats: the count of "dict" is negative (-5)`},
		{Name: "not a pair", Fixture: "bad-pair.json", Err: "element 2 is not a [type, count] pair"},
		{Name: "listed twice", Fixture: "twice.txt", Err: `object-stats: type "dict" is listed twice`},
		{Name: "empty name", Body: `[["", 1]]`, Err: "object-stats: an object type without a name"},
		{Name: "count a string", Body: `{"dict": "5"}`, Err: "object-stats: expected"},
		{Name: "a string", Body: `"dict"`, Err: "object-stats: expected"},
		{Name: "login page", Body: string(testutil.Fixture(t, "bad/login.html")), Err: "got an HTML page"},
	}
	testutil.RunDecodeCases(t, "webim/object-stats", ok200(DecodeObjectStats), tests)
}

// largest judges a success: n object types, first the largest.
func largest(n int, first ObjectCount) func(t *testing.T, got []ObjectCount) {
	return func(t *testing.T, got []ObjectCount) {
		require.Len(t, got, n)
		assert.Equal(t, first, got[0])
	}
}

// FuzzDecodeObjectStats feeds arbitrary bodies through the interpretation
// of object-stats: it never panics, a failure is an ErrDecode, and a
// success lists at least one type, largest first, with counts.
func FuzzDecodeObjectStats(f *testing.F) {
	testutil.FuzzDecode(f, "FuzzDecodeObjectStats", ok200(DecodeObjectStats), func(t *testing.T, body []byte, got []ObjectCount) {
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
