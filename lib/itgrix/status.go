package itgrix

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"reflect"

	"github.com/ccmon/webim-checks/lib/httpc"
	"github.com/ccmon/webim-checks/lib/plugin"
)

// StatusPath is the endpoint path (seed 001: "<Asterisk IP>:8077/status").
const StatusPath = "/status"

// statusWant says what the answer should be, for error messages.
const statusWant = "a JSON object with app_state, app_status and license"

// Status is the answer of GET /status (seed 001) with the documented
// elements resolved. Each of them is read at the top level of the answer
// when present there, else under app (the published sample nests most data
// under app; where these elements sit is not documented). A nil pointer
// means the element is missing from the answer, which is not the same as
// empty: app_state "" is normal operation.
type Status struct {
	// AppState is app_state: "" in normal operation, "restarting" while
	// the application restarts, "stopped" when it stopped on an error and
	// waits for the user.
	AppState *string
	// AppStatus is app_status, the overall status shown at the top of the
	// admin panel: "Ok", "Warning" or "Error".
	AppStatus *string
	// AppErr is app_err, the error details behind the status text of the
	// admin panel. A non-string value is kept as compact JSON.
	AppErr *string
	// License is the license object; nil when the answer has none.
	License *License
	// Version is the application version when the answer carries one.
	Version string
	// Layout says where the documented elements were found.
	Layout Layout
	// App is the app object of the answer (nil without one), decoded
	// leniently: a field of an unexpected type is left empty.
	App *App
}

// License is the license element (seed 001, "License change").
type License struct {
	// Type is license.type: "Professional" (paid, full functionality),
	// "Subscription" (limited functionality) or "Free" (basic
	// functionality).
	Type *string `json:"type"`
	// ValidTill is license.valid_till, the last day on which the license
	// is valid, as YYYY-MM-DD.
	ValidTill *string `json:"valid_till"`
}

// Layout says where the documented elements of a status answer were found.
type Layout string

// The layouts of a status answer.
const (
	// LayoutNone: none of the documented elements is in the answer.
	LayoutNone Layout = ""
	// LayoutTop: all found at the top level.
	LayoutTop Layout = "the top level"
	// LayoutApp: all found under app.
	LayoutApp Layout = "the app object"
	// LayoutMixed: some at the top level, some under app.
	LayoutMixed Layout = "the top level and the app object"
)

// App is the app object of the published sample: the CRM connection,
// click-to-call, the call queue and storage.
type App struct {
	// CRMType is the CRM the connector serves, e.g. "bitrix" or "kommo".
	CRMType string `json:"crm_type"`
	// CRM is the CRM connection.
	CRM *CRM `json:"crm"`
	// C2C is the click-to-call connection.
	C2C *C2C `json:"c2c"`
	// CallsQueue is the queue of calls waiting to be sent to the CRM.
	CallsQueue *CallsQueue `json:"calls_queue"`
	// CallsStorage holds calls kept for later processing.
	CallsStorage *CallsStorage `json:"calls_storage"`
}

// Flag is a boolean of the informational part of the answer: Known is
// false when the element is missing or not a JSON boolean.
type Flag struct {
	// Known is set when the element was a JSON boolean; Value is it.
	Known, Value bool
}

// UnmarshalJSON accepts true and false; anything else leaves the flag
// unknown rather than failing the answer.
func (f *Flag) UnmarshalJSON(b []byte) error {
	switch string(bytes.TrimSpace(b)) {
	case "true":
		*f = Flag{Known: true, Value: true}
	case "false":
		*f = Flag{Known: true}
	default:
		*f = Flag{}
	}
	return nil
}

// True reports a known true.
func (f Flag) True() bool { return f.Known && f.Value }

// False reports a known false.
func (f Flag) False() bool { return f.Known && !f.Value }

// CRM is app.crm.
type CRM struct {
	// On says whether the CRM connection is enabled.
	On Flag `json:"on"`
	// Host is the CRM portal URL.
	Host string `json:"host"`
	// Manager is the CRM manager with its connector.
	Manager *CRMManager `json:"manager"`
	// UsersCache is the cache of CRM users and their phones.
	UsersCache *UsersCache `json:"users_cache"`
}

// CRMManager is app.crm.manager.
type CRMManager struct {
	// On says whether the manager runs.
	On Flag `json:"on"`
	// BatchQueue is the number of requests waiting to be sent in a batch.
	BatchQueue int `json:"batch_queue"`
	// Connector is the connection to the CRM's API.
	Connector *Connector `json:"connector"`
}

// Connector is app.crm.manager.connector.
type Connector struct {
	// On says whether the connector is enabled.
	On Flag `json:"on"`
	// AppType is the license type as the connector knows it, e.g.
	// "LicenseType_Subscription".
	AppType string `json:"app_type"`
	// Portal is the CRM portal, e.g. "example.bitrix24.ru".
	Portal string `json:"portal"`
	// AuthSeq is the state of the CRM authorization.
	AuthSeq *AuthSeq `json:"authseq"`
}

// AuthSeq is the CRM authorization sequence state.
type AuthSeq struct {
	// Err is the last authorization error; "<nil>" when there is none.
	Err string `json:"err"`
	// Sequences is the number of authorization attempts under way.
	Sequences int `json:"sequences"`
}

// AuthError returns the CRM authorization error, "" when there is none.
func (a *AuthSeq) AuthError() string {
	if a == nil {
		return ""
	}
	return noError(a.Err)
}

// C2C is app.c2c, the click-to-call connection.
type C2C struct {
	// On says whether click-to-call is enabled.
	On Flag `json:"on"`
	// Connected says whether the click-to-call server is connected.
	Connected Flag `json:"connected"`
	// Portal is the CRM portal served.
	Portal string `json:"portal"`
	// URL is the click-to-call server.
	URL string `json:"url"`
	// StayOn keeps click-to-call on when the CRM connection stops.
	StayOn Flag `json:"stayon"`
}

// CallsQueue is app.calls_queue.
type CallsQueue struct {
	// Calls is the number of calls waiting.
	Calls int `json:"calls"`
	// Lock is how long taking the queue lock took, e.g. "locked in 384ns".
	Lock string `json:"lock"`
}

// CallsStorage is app.calls_storage.
type CallsStorage struct {
	// Calls is the number of calls kept.
	Calls int `json:"calls"`
}

// UsersCache is app.crm.users_cache.
type UsersCache struct {
	// LastUpdated is when the cache was last filled, as the product
	// prints it ("2023-05-11 13:03:55.485 +05:00").
	LastUpdated string `json:"last_updated"`
	// Phones and Users count what the cache holds.
	Phones int `json:"phones"`
	Users  int `json:"users"`
}

// noError maps the Go-style "no error" texts to "".
func noError(s string) string {
	switch s {
	case "<nil>", "nil", "null":
		return ""
	}
	return s
}

// ErrorText returns app_err without the "no error" forms ("", "<nil>"),
// so that "" means no error.
func (s *Status) ErrorText() string {
	if s.AppErr == nil {
		return ""
	}
	return noError(*s.AppErr)
}

// fields are the documented elements, at either level.
type fields struct {
	AppState  *string         `json:"app_state"`
	AppStatus *string         `json:"app_status"`
	AppErr    json.RawMessage `json:"app_err"`
	License   *License        `json:"license"`
	Version   json.RawMessage `json:"version"`
}

// envelope holds the app object of the answer.
type envelope struct {
	App json.RawMessage `json:"app"`
}

// Status fetches the whole status (the path parameter, which selects one
// element, is not used: one request answers every question).
func (c *Client) Status(ctx context.Context) (*Status, error) {
	r, err := c.http.Do(ctx, StatusPath, nil)
	if err != nil {
		return nil, err
	}
	if err := c.http.Expect(r, http.StatusOK); err != nil {
		return nil, err
	}
	return decodeStatus(r)
}

// DecodeStatus decodes a status answer body (contentType as sent, may be
// ""). An HTML page, an empty body, anything but a JSON object, or a
// documented element of the wrong type is an ErrDecode saying what came
// instead.
func DecodeStatus(body []byte, contentType string) (*Status, error) {
	h := http.Header{}
	if contentType != "" {
		h.Set("Content-Type", contentType)
	}
	return decodeStatus(&httpc.Response{StatusCode: http.StatusOK, Header: h, Body: body, Step: "GET " + StatusPath})
}

func decodeStatus(r *httpc.Response) (*Status, error) {
	body := bytes.TrimSpace(r.Body)
	if len(body) > 0 && body[0] != '{' && !httpc.IsHTML(body, r.Header.Get("Content-Type")) {
		return nil, plugin.Errorf(plugin.ErrDecode, "status: expected %s, got %s", statusWant, httpc.Describe(body, ""))
	}
	// syntax first, with the messages of httpc (HTML page, truncated JSON)
	var probe map[string]json.RawMessage
	if err := httpc.DecodeJSON(r, "status", statusWant, &probe); err != nil {
		return nil, err
	}
	var top fields
	if err := json.Unmarshal(body, &top); err != nil {
		return nil, plugin.Errorf(plugin.ErrDecode, "status: %s", typeReason("", err))
	}
	var env envelope
	_ = json.Unmarshal(body, &env) // cannot fail: an object with any app
	var inApp fields
	var app *App
	if a := bytes.TrimSpace(env.App); len(a) > 0 && a[0] == '{' {
		if err := json.Unmarshal(a, &inApp); err != nil {
			return nil, plugin.Errorf(plugin.ErrDecode, "status: %s", typeReason("app.", err))
		}
		app = &App{}
		// informational parts: keep what has the expected type
		var typ *json.UnmarshalTypeError
		if err := json.Unmarshal(a, app); err != nil && !errors.As(err, &typ) {
			app = nil
		}
	}
	if err := app.inDomain(); err != nil {
		return nil, err
	}
	return resolve(&top, &inApp, app), nil
}

// inDomain refuses a negative count (calls, queue lengths, users): an
// answer that cannot be interpreted. A nil App has none.
func (a *App) inDomain() error {
	if a == nil {
		return nil
	}
	counts := map[string]int{}
	if a.CallsQueue != nil {
		counts["app.calls_queue.calls"] = a.CallsQueue.Calls
	}
	if a.CallsStorage != nil {
		counts["app.calls_storage.calls"] = a.CallsStorage.Calls
	}
	if m := a.CRM; m != nil {
		if m.Manager != nil {
			counts["app.crm.manager.batch_queue"] = m.Manager.BatchQueue
			if c := m.Manager.Connector; c != nil && c.AuthSeq != nil {
				counts["app.crm.manager.connector.authseq.sequences"] = c.AuthSeq.Sequences
			}
		}
		if u := m.UsersCache; u != nil {
			counts["app.crm.users_cache.phones"] = u.Phones
			counts["app.crm.users_cache.users"] = u.Users
		}
	}
	for name, n := range counts {
		if n < 0 {
			return plugin.Errorf(plugin.ErrDecode, "status: %s is %d; a count cannot be negative", name, n)
		}
	}
	return nil
}

// typeReason explains a documented element of the wrong type, e.g.
// "field app.app_state is a JSON number, not a string".
func typeReason(prefix string, err error) string {
	var typ *json.UnmarshalTypeError
	if errors.As(err, &typ) && typ.Field != "" {
		want := "a string"
		if typ.Type != nil && typ.Type.Kind() == reflect.Struct {
			want = "an object"
		}
		return fmt.Sprintf("field %s%s is a JSON %s, not %s", prefix, typ.Field, typ.Value, want)
	}
	return prefix + err.Error()
}

// resolve picks each documented element from the top level when present
// there, else from app.
func resolve(top, app *fields, a *App) *Status {
	st := &Status{App: a}
	var nTop, nApp int
	pick := func(t, p *string) *string {
		switch {
		case t != nil:
			nTop++
			return t
		case p != nil:
			nApp++
			return p
		}
		return nil
	}
	st.AppState = pick(top.AppState, app.AppState)
	st.AppStatus = pick(top.AppStatus, app.AppStatus)
	st.AppErr = pick(rawText(top.AppErr), rawText(app.AppErr))
	if top.License != nil || app.License != nil {
		var t, p License
		if top.License != nil {
			t = *top.License
		}
		if app.License != nil {
			p = *app.License
		}
		st.License = &License{Type: pick(t.Type, p.Type), ValidTill: pick(t.ValidTill, p.ValidTill)}
	}
	if v := rawText(top.Version); v != nil {
		st.Version = *v
	} else if v := rawText(app.Version); v != nil {
		st.Version = *v
	}
	switch {
	case nTop > 0 && nApp > 0:
		st.Layout = LayoutMixed
	case nTop > 0:
		st.Layout = LayoutTop
	case nApp > 0:
		st.Layout = LayoutApp
	}
	return st
}

// rawText turns a JSON value into text: a string as is, null or absent as
// nil, anything else as compact JSON.
func rawText(raw json.RawMessage) *string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	var s string
	if raw[0] == '"' && json.Unmarshal(raw, &s) == nil {
		return &s
	}
	var b bytes.Buffer
	if json.Compact(&b, raw) != nil {
		s = string(raw)
	} else {
		s = b.String()
	}
	return &s
}
