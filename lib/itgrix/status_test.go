package itgrix_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/ccmon/webim-checks/lib/itgrix"
	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/testutil"
)

func str(p *string) string {
	if p == nil {
		return "<missing>"
	}
	return *p
}

func TestDecodeStatus(t *testing.T) {
	type want struct {
		state, status, err, licType, validTill, version string
		errText                                         string
		layout                                          itgrix.Layout
		hasLicense, hasApp                              bool
	}
	ok := want{state: "", status: "Ok", err: "", licType: "Professional", validTill: "2027-03-01", version: "3.9.2", layout: itgrix.LayoutApp, hasLicense: true, hasApp: true}
	top := ok
	top.layout = itgrix.LayoutTop
	mixed := ok
	mixed.layout = itgrix.LayoutMixed
	tests := []struct {
		name string
		body []byte
		want want
	}{
		{"everything under app", testutil.Fixture(t, "itgrix/status/ok.json"), ok},
		{"fields at the top level", testutil.Fixture(t, "itgrix/status/top-level.json"), top},
		{"top level wins over app", testutil.Fixture(t, "itgrix/status/mixed.json"), mixed},
		{"stopped with an error", testutil.Fixture(t, "itgrix/status/stopped.json"), want{
			state: "stopped", status: "Error", err: "CRM connection failed: 401 invalid token", errText: "CRM connection failed: 401 invalid token",
			licType: "Professional", validTill: "2027-03-01", version: "3.9.2", layout: itgrix.LayoutApp, hasLicense: true, hasApp: true}},
		{"no documented fields", testutil.Fixture(t, "itgrix/status/no-fields.json"), want{
			state: "<missing>", status: "<missing>", err: "<missing>", licType: "<missing>", validTill: "<missing>", layout: itgrix.LayoutNone, hasApp: true}},
		{"license without valid_till", testutil.Fixture(t, "itgrix/status/no-date.json"), want{
			state: "", status: "Ok", err: "", licType: "Professional", validTill: "<missing>", version: "3.9.2", layout: itgrix.LayoutApp, hasLicense: true, hasApp: true}},
		{"free license with an empty date", testutil.Fixture(t, "itgrix/status/free.json"), want{
			state: "", status: "Ok", err: "", licType: "Free", validTill: "", version: "3.9.2", layout: itgrix.LayoutApp, hasLicense: true, hasApp: true}},
		{"empty object", []byte(`{}`), want{state: "<missing>", status: "<missing>", err: "<missing>", licType: "<missing>", validTill: "<missing>"}},
		{"null elements count as missing", []byte(`{"app_state": null, "app": {"app_state": "restarting", "app_err": null}}`), want{
			state: "restarting", status: "<missing>", err: "<missing>", licType: "<missing>", validTill: "<missing>", layout: itgrix.LayoutApp, hasApp: true}},
		{"Go nil error is no error", []byte(`{"app_state": "", "app_err": "<nil>"}`), want{
			state: "", status: "<missing>", err: "<nil>", licType: "<missing>", validTill: "<missing>", layout: itgrix.LayoutTop}},
		{"non-string app_err kept as JSON", []byte(`{"app_state": "stopped", "app_err": {"code": 401, "text": "invalid token"}}`), want{
			state: "stopped", status: "<missing>", err: `{"code":401,"text":"invalid token"}`, errText: `{"code":401,"text":"invalid token"}`,
			licType: "<missing>", validTill: "<missing>", layout: itgrix.LayoutTop}},
		{"license fields merged per element", []byte(`{"license": {"type": "Subscription"}, "app": {"license": {"type": "Free", "valid_till": "2027-01-31"}}}`), want{
			state: "<missing>", status: "<missing>", err: "<missing>", licType: "Subscription", validTill: "2027-01-31", layout: itgrix.LayoutMixed, hasLicense: true, hasApp: true}},
		{"numeric version", []byte(`{"app_state": "", "version": 4}`), want{
			state: "", status: "<missing>", err: "<missing>", licType: "<missing>", validTill: "<missing>", version: "4", layout: itgrix.LayoutTop}},
		{"app that is not an object is ignored", []byte(`{"app_state": "", "app": "bitrix"}`), want{
			state: "", status: "<missing>", err: "<missing>", licType: "<missing>", validTill: "<missing>", layout: itgrix.LayoutTop}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st, err := itgrix.DecodeStatus(tc.body, "application/json")
			if err != nil {
				t.Fatalf("DecodeStatus: %v", err)
			}
			got := want{state: str(st.AppState), status: str(st.AppStatus), err: str(st.AppErr), errText: st.ErrorText(),
				licType: "<missing>", validTill: "<missing>", version: st.Version, layout: st.Layout, hasLicense: st.License != nil, hasApp: st.App != nil}
			if st.License != nil {
				got.licType, got.validTill = str(st.License.Type), str(st.License.ValidTill)
			}
			if got != tc.want {
				t.Errorf("got  %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

func TestDecodeStatusApp(t *testing.T) {
	st, err := itgrix.DecodeStatus(testutil.Fixture(t, "itgrix/status/stopped.json"), "")
	if err != nil {
		t.Fatal(err)
	}
	a := st.App
	if a == nil || a.CRM == nil || a.CRM.Manager == nil || a.CRM.Manager.Connector == nil || a.C2C == nil || a.CallsQueue == nil {
		t.Fatalf("app not decoded: %+v", a)
	}
	if a.CRMType != "bitrix" || a.CRM.Host != "https://example.bitrix24.ru" || !a.CRM.On.False() || !a.C2C.Connected.False() || a.CallsQueue.Calls != 17 {
		t.Errorf("app decoded wrongly: %+v crm %+v", a, a.CRM)
	}
	if got := a.CRM.Manager.Connector.AuthSeq.AuthError(); got != "invalid_token: The access token provided is invalid" {
		t.Errorf("AuthError = %q", got)
	}
	ok, err := itgrix.DecodeStatus(testutil.Fixture(t, "itgrix/status/ok.json"), "")
	if err != nil {
		t.Fatal(err)
	}
	if got := ok.App.CRM.Manager.Connector.AuthSeq.AuthError(); got != "" {
		t.Errorf(`"<nil>" should be no error, got %q`, got)
	}
	// a field of an unexpected type in the informational part does not
	// make the answer unreadable
	odd, err := itgrix.DecodeStatus([]byte(`{"app": {"app_state": "", "crm_type": "kommo", "crm": {"on": "yes", "host": "https://x.kommo.com"}}}`), "")
	if err != nil {
		t.Fatal(err)
	}
	if odd.App == nil || odd.App.CRMType != "kommo" || odd.App.CRM == nil || odd.App.CRM.On.Known {
		t.Errorf("lenient app decoding: %+v", odd.App)
	}
}

func TestDecodeStatusErrors(t *testing.T) {
	tests := []struct {
		name, ctype string
		body        []byte
		want        string
	}{
		{"HTML login page", "text/html; charset=utf-8", testutil.Fixture(t, "bad/login.html"), "status: expected a JSON object with app_state, app_status and license, got an HTML page titled"},
		{"HTML without content type", "", []byte("<!DOCTYPE html><html><head><title>Itgrix</title></head></html>"), `got an HTML page titled "Itgrix"`},
		{"truncated JSON", "application/json", testutil.Fixture(t, "itgrix/status/truncated.json"), ": truncated JSON"},
		{"Python literal", "text/plain", testutil.Fixture(t, "itgrix/status/python.txt"), "invalid JSON at byte 2"},
		{"plain text", "text/plain", testutil.Fixture(t, "itgrix/status/plain.txt"), `status: expected a JSON object with app_state, app_status and license, got "404 page not found"`},
		{"empty", "application/json", nil, "status: empty answer"},
		{"JSON null", "application/json", []byte("null"), `got "null"`},
		{"JSON array", "application/json", []byte(`[{"app_state": ""}]`), `got "[{\"app_state\": \"\"}]"`},
		{"app_state not a string", "application/json", []byte(`{"app_state": 0}`), "status: field app_state is a JSON number, not a string"},
		{"license not an object", "application/json", []byte(`{"app": {"license": "Professional"}}`), "status: field app.license is a JSON string, not an object"},
		{"license type not a string", "application/json", []byte(`{"license": {"type": 3}}`), "status: field license.type is a JSON number, not a string"},
		{"negative calls in queue", "application/json", []byte(`{"app": {"app_state": "", "calls_queue": {"calls": -5}}}`), "status: app.calls_queue.calls is -5; a count cannot be negative"},
		{"negative users", "application/json", []byte(`{"app": {"crm": {"users_cache": {"users": -1}}}}`), "status: app.crm.users_cache.users is -1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st, err := itgrix.DecodeStatus(tc.body, tc.ctype)
			if err == nil {
				t.Fatalf("no error, got %+v", st)
			}
			if !errors.Is(err, plugin.ErrDecode) {
				t.Errorf("error %q is not ErrDecode", err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error\n  %s\ndoes not contain\n  %s", err, tc.want)
			}
		})
	}
}

func FuzzDecodeItgrixStatus(f *testing.F) {
	testutil.FuzzSeeds(f, "FuzzDecodeItgrixStatus")
	f.Fuzz(func(t *testing.T, body []byte) {
		for _, ct := range []string{"", "application/json", "text/html"} {
			st, err := itgrix.DecodeStatus(body, ct)
			if err != nil {
				if !errors.Is(err, plugin.ErrDecode) {
					t.Fatalf("error %q is not ErrDecode", err)
				}
				if st != nil {
					t.Fatal("a status with an error")
				}
				continue
			}
			if st == nil {
				t.Fatal("no status and no error")
			}
			if (st.Layout == itgrix.LayoutNone) != (st.AppState == nil && st.AppStatus == nil && st.AppErr == nil &&
				(st.License == nil || st.License.Type == nil && st.License.ValidTill == nil)) {
				t.Fatalf("layout %q does not match the elements found", st.Layout)
			}
			_ = st.ErrorText()
			if st.License != nil && st.License.ValidTill != nil {
				_, _ = itgrix.DaysLeft(*st.License.ValidTill, testNow)
			}
			if st.License != nil && st.License.Type != nil {
				if lt, ok := itgrix.ParseLicenseType(*st.License.Type); ok && lt.Rank() == 0 {
					t.Fatalf("parsed type %q has no rank", lt)
				}
			}
			if st.App != nil && st.App.CRM != nil && st.App.CRM.Manager != nil && st.App.CRM.Manager.Connector != nil {
				_ = st.App.CRM.Manager.Connector.AuthSeq.AuthError()
			}
		}
	})
}
