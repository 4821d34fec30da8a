package plugin

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// JSONProblem says in words why encoding/json could not decode a value:
// "truncated JSON", "invalid JSON at byte N", "field F is a JSON string,
// not int", or for a value of the wrong type as a whole "a JSON array,
// not " and whole (the Go type when whole is ""). Answers and state files
// word their decoding errors with it.
func JSONProblem(err error, whole string) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case strings.HasPrefix(err.Error(), "unexpected end of JSON input"),
		errors.As(err, &syn) && syn.Error() == "unexpected end of JSON input":
		return "truncated JSON"
	case errors.As(err, &syn):
		return fmt.Sprintf("invalid JSON at byte %d", syn.Offset)
	case errors.As(err, &typ):
		if typ.Field != "" {
			return fmt.Sprintf("field %s is a JSON %s, not %s", typ.Field, typ.Value, typ.Type)
		}
		if whole == "" {
			whole = fmt.Sprint(typ.Type)
		}
		return fmt.Sprintf("a JSON %s, not %s", typ.Value, whole)
	}
	return err.Error()
}
