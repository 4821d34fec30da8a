package wa

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/ccmon/webim-checks/lib/httpc"
)

// APIError is one entry of the vendor's error answer,
// {"errors":[{"code":1005,"title":"...","details":"..."}]}.
type APIError struct {
	// Code is the vendor's error code.
	Code int `json:"code"`
	// Title names the error in a few words.
	Title string `json:"title"`
	// Details explains it, when given.
	Details string `json:"details"`
}

// String quotes the error for a summary: "Title" (code N): details.
func (e APIError) String() string {
	var b strings.Builder
	title := httpc.Snippet([]byte(e.Title), 80)
	if title != "" {
		fmt.Fprintf(&b, "%q (code %d)", title, e.Code)
	} else {
		fmt.Fprintf(&b, "code %d", e.Code)
	}
	if d := httpc.Snippet([]byte(e.Details), 160); d != "" && d != title {
		b.WriteString(": " + d)
	}
	return b.String()
}

// errorAnswer is the vendor's error body.
type errorAnswer struct {
	Errors []APIError `json:"errors"`
}

// DecodeErrors returns the entries of a vendor error body, or nil when body
// is not one (an HTML page, another JSON shape, nothing).
func DecodeErrors(body []byte) []APIError {
	body = bytes.TrimSpace(body)
	if len(body) == 0 || body[0] != '{' {
		return nil
	}
	var a errorAnswer
	if json.Unmarshal(body, &a) != nil {
		return nil
	}
	out := a.Errors[:0:0]
	for _, e := range a.Errors {
		if e.Code != 0 || e.Title != "" || e.Details != "" {
			out = append(out, e)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// DescribeErrors quotes the first error and counts the others; "" for none.
func DescribeErrors(errs []APIError) string {
	switch len(errs) {
	case 0:
		return ""
	case 1:
		return errs[0].String()
	}
	return fmt.Sprintf("%s (and %d more)", errs[0], len(errs)-1)
}
