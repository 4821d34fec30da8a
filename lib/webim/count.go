package webim

import (
	"bytes"
	"encoding/json"
	"math"
	"reflect"
	"strconv"
)

// maxCount bounds a plausible counter of a Webim answer (objects, chats,
// sessions, errors): far beyond any installation, well within the range
// of float64 integers. A larger value is not a count.
const maxCount = 1e15

// Count is a counter of a Webim answer. It reads a JSON (or Python) number,
// and a boolean as 0 or 1: seed 000 gives not_belongs_to_tornado_instance
// as 0 in the TOTAL row of accounts-stat and as false in the account rows.
// null reads as 0. Whether the value is a count at all (not negative, not
// fractional, not absurdly large) is judged by [Count.Problem] after
// decoding, so that the error can name the row and the field.
type Count float64

// UnmarshalJSON implements json.Unmarshaler.
func (c *Count) UnmarshalJSON(b []byte) error {
	switch {
	case len(b) == 0:
		*c = 0
	case b[0] == 't' && bytes.Equal(b, []byte("true")):
		*c = 1
	case b[0] == 'f' && bytes.Equal(b, []byte("false")), b[0] == 'n' && bytes.Equal(b, []byte("null")):
		*c = 0
	default:
		v, err := strconv.ParseFloat(string(b), 64)
		if err != nil {
			// a string or a container: encoding/json adds the field name
			return &json.UnmarshalTypeError{Value: jsonKind(b[0]), Type: reflect.TypeFor[Count]()}
		}
		*c = Count(v)
	}
	return nil
}

// Problem says why c is not a count ("" when it is one).
func (c Count) Problem() string {
	v := float64(c)
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return "is not a number"
	case v < 0:
		return "is negative (" + strconv.FormatFloat(v, 'g', 6, 64) + ")"
	case v > maxCount:
		return "is absurdly large (" + strconv.FormatFloat(v, 'g', 6, 64) + ")"
	case v != math.Trunc(v):
		return "is not a whole number (" + strconv.FormatFloat(v, 'g', 6, 64) + ")"
	}
	return ""
}

// jsonKind names the JSON type of a value by its first byte.
func jsonKind(c byte) string {
	switch c {
	case '"':
		return "string"
	case '{':
		return "object"
	case '[':
		return "array"
	}
	return "value"
}
