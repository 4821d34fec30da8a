package itgrixlicense_test

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ccmon/webim-checks/lib/checks/itgrixlicense"
	"github.com/ccmon/webim-checks/lib/sim"
	"github.com/ccmon/webim-checks/lib/testutil"
)

// today is the day the tests run on: 98 days before 2027-03-01, the last
// valid day in the fixtures.
var today = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

// day returns a clock on the given day, at 10:00 UTC.
func day(y int, m time.Month, d int) func() time.Time {
	return testutil.Fixed(time.Date(y, m, d, 10, 0, 0, 0, time.UTC))
}

func TestLicense(t *testing.T) {
	answers := testutil.JSONFixtures(t, "itgrix/status", "ok", "top-level", "mixed", "free", "subscription", "no-date", "unknown-type", "bad-date", "no-fields")
	inline := map[string]string{
		"empty-date":      `{"app": {"license": {"type": "Professional", "valid_till": ""}}}`,
		"empty-type":      `{"app": {"license": {"type": "", "valid_till": "2027-03-01"}}}`,
		"no-type":         `{"app": {"license": {"valid_till": "2027-03-01"}}}`,
		"no-type-expired": `{"app": {"license": {"valid_till": "2026-11-20"}}}`,
		"connector-name":  `{"license": {"type": "LicenseType_Professional", "valid_till": "2027-03-01"}}`,
		"free-expired":    `{"license": {"type": "Free", "valid_till": "2026-11-20"}}`,
		"odd-expired":     `{"license": {"type": "Enterprise", "valid_till": "2026-11-20"}}`,
		"sub-soon":        `{"license": {"type": "Subscription", "valid_till": "2026-12-10"}}`,
	}
	for n, b := range inline {
		answers[n] = testutil.Answer{Body: []byte(b)}
	}
	srv := testutil.FixtureServer(t, "/status", answers)
	tests := []struct {
		name    string
		fixture string
		now     func() time.Time
		args    []string
		code    int
		want    string
	}{
		{"everything under app", "ok", testutil.Fixed(today), nil, 0,
			"ITGRIX LICENSE OK - Professional license valid until 2027-03-01 (98 days left) | days_left=98;30:;7: time=0s;;;0"},
		{"fields at the top level", "top-level", testutil.Fixed(today), nil, 0,
			"ITGRIX LICENSE OK - Professional license valid until 2027-03-01 (98 days left) | days_left=98;30:;7: time=0s;;;0"},
		{"top level wins, license under app", "mixed", testutil.Fixed(today), nil, 0,
			"ITGRIX LICENSE OK - Professional license valid until 2027-03-01 (98 days left) | days_left=98;30:;7: time=0s;;;0"},
		{"type as the connector names it", "connector-name", testutil.Fixed(today), nil, 0,
			"ITGRIX LICENSE OK - Professional license valid until 2027-03-01 (98 days left) | days_left=98;30:;7: time=0s;;;0"},

		// the boundary days with the defaults -w 30 -c 7
		{"31 days left", "ok", day(2027, 1, 29), nil, 0,
			"ITGRIX LICENSE OK - Professional license valid until 2027-03-01 (31 days left) | days_left=31;30:;7: time=0s;;;0"},
		{"exactly 30 days left", "ok", day(2027, 1, 30), nil, 0,
			"ITGRIX LICENSE OK - Professional license valid until 2027-03-01 (30 days left) | days_left=30;30:;7: time=0s;;;0"},
		{"29 days left", "ok", day(2027, 1, 31), nil, 1,
			"ITGRIX LICENSE WARNING - Professional license ends soon: valid until 2027-03-01 (29 days left, fewer than 30) | days_left=29;30:;7: time=0s;;;0"},
		{"exactly 7 days left", "ok", day(2027, 2, 22), nil, 1,
			"ITGRIX LICENSE WARNING - Professional license ends soon: valid until 2027-03-01 (7 days left, fewer than 30) | days_left=7;30:;7: time=0s;;;0"},
		{"6 days left", "ok", day(2027, 2, 23), nil, 2,
			"ITGRIX LICENSE CRITICAL - Professional license ends soon: valid until 2027-03-01 (6 days left, fewer than 7) | days_left=6;30:;7: time=0s;;;0"},
		{"1 day left", "ok", day(2027, 2, 28), nil, 2,
			"ITGRIX LICENSE CRITICAL - Professional license ends soon: valid until 2027-03-01 (1 day left, fewer than 7) | days_left=1;30:;7: time=0s;;;0"},
		{"last valid day", "ok", day(2027, 3, 1), nil, 2,
			"ITGRIX LICENSE CRITICAL - Professional license ends today: 2027-03-01 is its last valid day (0 days left, fewer than 7) | days_left=0;30:;7: time=0s;;;0"},
		{"last valid day, no thresholds", "ok", day(2027, 3, 1), []string{"-w", "0", "-c", "0"}, 0,
			"ITGRIX LICENSE OK - Professional license valid until 2027-03-01 (today is the last valid day) | days_left=0;0:;0: time=0s;;;0"},
		{"the day after: expired", "ok", day(2027, 3, 2), nil, 2,
			"ITGRIX LICENSE CRITICAL - Professional license expired on 2027-03-01 (yesterday) | days_left=-1;30:;7: time=0s;;;0"},
		{"expired even with no thresholds", "ok", day(2027, 3, 2), []string{"-w", "0", "-c", "0"}, 2,
			"ITGRIX LICENSE CRITICAL - Professional license expired on 2027-03-01 (yesterday) | days_left=-1;0:;0: time=0s;;;0"},
		{"expired long ago", "ok", day(2027, 4, 1), nil, 2,
			"ITGRIX LICENSE CRITICAL - Professional license expired on 2027-03-01 (31 days ago) | days_left=-31;30:;7: time=0s;;;0"},
		{"custom thresholds", "ok", day(2027, 1, 29), []string{"-w", "45", "-c", "14:"}, 1,
			"ITGRIX LICENSE WARNING - Professional license ends soon: valid until 2027-03-01 (31 days left, fewer than 45) | days_left=31;45:;14: time=0s;;;0"},

		// the type
		{"fell back to Free", "free", testutil.Fixed(today), nil, 2,
			"ITGRIX LICENSE CRITICAL - license fell back to Free (limited functionality; e.g. the licensing server was unreachable); need Professional; Free license has no expiry date | time=0s;;;0"},
		{"Free accepted", "free", testutil.Fixed(today), []string{"--min-type", "Free"}, 0,
			"ITGRIX LICENSE OK - Free license has no expiry date | time=0s;;;0"},
		{"Subscription below Professional", "subscription", testutil.Fixed(today), nil, 2,
			"ITGRIX LICENSE CRITICAL - license fell back to Subscription (limited functionality; e.g. the licensing server was unreachable); need Professional; Subscription license valid until 2027-03-01 (98 days left) | days_left=98;30:;7: time=0s;;;0"},
		{"Subscription accepted", "subscription", testutil.Fixed(today), []string{"--min-type=subscription"}, 0,
			"ITGRIX LICENSE OK - Subscription license valid until 2027-03-01 (98 days left) | days_left=98;30:;7: time=0s;;;0"},
		{"Professional above Subscription", "ok", testutil.Fixed(today), []string{"--min-type", "Subscription"}, 0,
			"ITGRIX LICENSE OK - Professional license valid until 2027-03-01 (98 days left) | days_left=98;30:;7: time=0s;;;0"},
		{"Free and expired", "free-expired", testutil.Fixed(today), nil, 2,
			"ITGRIX LICENSE CRITICAL - license fell back to Free (limited functionality; e.g. the licensing server was unreachable); need Professional; Free license expired on 2026-11-20 (3 days ago) | days_left=-3;30:;7: time=0s;;;0"},
		{"Subscription ending soon", "sub-soon", testutil.Fixed(today), []string{"--min-type", "Free"}, 1,
			"ITGRIX LICENSE WARNING - Subscription license ends soon: valid until 2026-12-10 (17 days left, fewer than 30) | days_left=17;30:;7: time=0s;;;0"},
		{"unknown type", "unknown-type", testutil.Fixed(today), nil, 3,
			`ITGRIX LICENSE UNKNOWN - unknown license type "Enterprise" (expected Professional, Subscription or Free); Enterprise license valid until 2027-03-01 (98 days left) | days_left=98;30:;7: time=0s;;;0`},
		{"unknown type, expired", "odd-expired", testutil.Fixed(today), nil, 2,
			`ITGRIX LICENSE CRITICAL - Enterprise license expired on 2026-11-20 (3 days ago); unknown license type "Enterprise" (expected Professional, Subscription or Free) | days_left=-3;30:;7: time=0s;;;0`},
		{"empty type", "empty-type", testutil.Fixed(today), nil, 3,
			"ITGRIX LICENSE UNKNOWN - license.type is empty (expected Professional, Subscription or Free); unnamed license valid until 2027-03-01 (98 days left) | days_left=98;30:;7: time=0s;;;0"},
		{"no type", "no-type", testutil.Fixed(today), nil, 3,
			"ITGRIX LICENSE UNKNOWN - no license.type in the answer (expected Professional, Subscription or Free); unnamed license valid until 2027-03-01 (98 days left) | days_left=98;30:;7: time=0s;;;0"},
		{"no type, expired", "no-type-expired", testutil.Fixed(today), nil, 2,
			"ITGRIX LICENSE CRITICAL - unnamed license expired on 2026-11-20 (3 days ago); no license.type in the answer (expected Professional, Subscription or Free) | days_left=-3;30:;7: time=0s;;;0"},
		{"no license at all", "no-fields", testutil.Fixed(today), nil, 3,
			"ITGRIX LICENSE UNKNOWN - no license in the answer (looked at the top level and under app) | time=0s;;;0"},

		// the date
		{"no valid_till", "no-date", testutil.Fixed(today), nil, 0,
			"ITGRIX LICENSE OK - Professional license has no expiry date | time=0s;;;0"},
		{"empty valid_till", "empty-date", testutil.Fixed(today), nil, 0,
			"ITGRIX LICENSE OK - Professional license has no expiry date | time=0s;;;0"},
		{"unreadable valid_till", "bad-date", testutil.Fixed(today), nil, 3,
			`ITGRIX LICENSE UNKNOWN - cannot read license.valid_till "01.03.2027" (expected YYYY-MM-DD) | time=0s;;;0`},

		// the command line
		{"bad --min-type", "ok", testutil.Fixed(today), []string{"--min-type", "Gold"}, 3,
			`ITGRIX LICENSE UNKNOWN - bad value for --min-type: unknown license type "Gold" (want Professional, Subscription or Free)`},
		{"bad -w", "ok", testutil.Fixed(today), []string{"-w", "a month"}, 3,
			`ITGRIX LICENSE UNKNOWN - bad value for -w, --warning: "a month" is not a number of days (want a whole number such as 30)`},
		{"negative -c", "ok", testutil.Fixed(today), []string{"-c", "-1"}, 3,
			`ITGRIX LICENSE UNKNOWN - bad value for -c, --critical: "-1" is not a number of days (want a whole number such as 30)`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"-H", srv.URL + "/" + tc.fixture}, tc.args...)
			code, out, _ := testutil.Run(t, itgrixlicense.New(), tc.now, args...)
			testutil.AssertFirstLine(t, code, out, tc.code, tc.want)
		})
	}
}

// TestLicenseTimeZone: days are calendar days in the time zone of the
// clock, not in UTC.
func TestLicenseTimeZone(t *testing.T) {
	srv := testutil.FixtureServer(t, "/status", testutil.JSONFixtures(t, "itgrix/status", "ok"))
	east := time.FixedZone("MSK", 3*3600)
	west := time.FixedZone("EST", -5*3600)
	tests := []struct {
		name string
		now  time.Time
		code int
		want string
	}{
		{"UTC+3 already on the last valid day, UTC the day before", time.Date(2027, 2, 28, 22, 30, 0, 0, time.UTC).In(east), 2,
			"ITGRIX LICENSE CRITICAL - Professional license ends today: 2027-03-01 is its last valid day (0 days left, fewer than 7) | days_left=0;30:;7: time=0s;;;0"},
		{"the same instant in UTC", time.Date(2027, 2, 28, 22, 30, 0, 0, time.UTC), 2,
			"ITGRIX LICENSE CRITICAL - Professional license ends soon: valid until 2027-03-01 (1 day left, fewer than 7) | days_left=1;30:;7: time=0s;;;0"},
		{"UTC-5 still on the last valid day, UTC the day after", time.Date(2027, 3, 2, 3, 0, 0, 0, time.UTC).In(west), 2,
			"ITGRIX LICENSE CRITICAL - Professional license ends today: 2027-03-01 is its last valid day (0 days left, fewer than 7) | days_left=0;30:;7: time=0s;;;0"},
		{"the same instant in UTC: expired", time.Date(2027, 3, 2, 3, 0, 0, 0, time.UTC), 2,
			"ITGRIX LICENSE CRITICAL - Professional license expired on 2027-03-01 (yesterday) | days_left=-1;30:;7: time=0s;;;0"},
		{"UTC+3 crossing into 30 days left", time.Date(2027, 1, 29, 21, 0, 0, 0, time.UTC).In(east), 0,
			"ITGRIX LICENSE OK - Professional license valid until 2027-03-01 (30 days left) | days_left=30;30:;7: time=0s;;;0"},
		{"the same instant in UTC: 31 days left", time.Date(2027, 1, 29, 21, 0, 0, 0, time.UTC), 0,
			"ITGRIX LICENSE OK - Professional license valid until 2027-03-01 (31 days left) | days_left=31;30:;7: time=0s;;;0"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, _ := testutil.Run(t, itgrixlicense.New(), testutil.Fixed(tc.now), "-H", srv.URL+"/ok", "-v")
			testutil.AssertFirstLine(t, code, out, tc.code, tc.want)
			zone, _ := tc.now.Zone()
			if !strings.Contains(out, "("+zone+")") {
				t.Errorf("long output does not name the time zone %s:\n%s", zone, out)
			}
		})
	}
}

// TestLicenseSimulator runs the check against the simulator's scenarios:
// Digest authentication, and dates that follow the simulator's clock.
func TestLicenseSimulator(t *testing.T) {
	now := testutil.Fixed(today)
	srv := testutil.Simulator(t, now)
	tests := []struct {
		scenario string
		args     []string
		code     int
		want     string
	}{
		{"itgrix-ok", nil, 0, "ITGRIX LICENSE OK - Professional license valid until 2027-05-22 (180 days left) | days_left=180;30:;7: time=0s;;;0"},
		{"digest-sha256", nil, 0, "ITGRIX LICENSE OK - Professional license valid until 2027-05-22 (180 days left) | days_left=180;30:;7: time=0s;;;0"},
		{"fields-top-level", nil, 0, "ITGRIX LICENSE OK - Professional license valid until 2027-05-22 (180 days left) | days_left=180;30:;7: time=0s;;;0"},
		{"license-10-days", nil, 1, "ITGRIX LICENSE WARNING - Professional license ends soon: valid until 2026-12-03 (10 days left, fewer than 30) | days_left=10;30:;7: time=0s;;;0"},
		{"license-3-days", nil, 2, "ITGRIX LICENSE CRITICAL - Professional license ends soon: valid until 2026-11-26 (3 days left, fewer than 7) | days_left=3;30:;7: time=0s;;;0"},
		{"license-expired", nil, 2, "ITGRIX LICENSE CRITICAL - Professional license expired on 2026-11-18 (5 days ago) | days_left=-5;30:;7: time=0s;;;0"},
		{"license-free", nil, 2, "ITGRIX LICENSE CRITICAL - license fell back to Free (limited functionality; e.g. the licensing server was unreachable); need Professional; Free license has no expiry date | time=0s;;;0"},
		{"license-no-date", nil, 0, "ITGRIX LICENSE OK - Professional license has no expiry date | time=0s;;;0"},
		{"app-stopped", nil, 0, "ITGRIX LICENSE OK - Professional license valid until 2027-05-22 (180 days left) | days_left=180;30:;7: time=0s;;;0"},
	}
	for _, tc := range tests {
		t.Run(tc.scenario, func(t *testing.T) {
			args := testutil.SimArgs(srv, tc.scenario, testutil.ItgrixLogin(), tc.args...)
			code, out, errOut := testutil.Run(t, itgrixlicense.New(), now, args...)
			testutil.AssertFirstLine(t, code, out, tc.code, tc.want)
			testutil.AssertNoStderr(t, errOut)
		})
	}
}

func TestLicenseCredentials(t *testing.T) {
	now := testutil.Fixed(today)
	srv := testutil.Simulator(t, now)
	pwFile := testutil.SecretFile(t, sim.ItgrixPassword+"\n")
	const wrong = "Wr0ng-Passw0rd!"
	wrongFile := testutil.SecretFile(t, wrong+"\n")
	tests := []struct {
		name     string
		env      map[string]string
		args     []string
		code     int
		want     string
		password string // must appear nowhere
	}{
		{"flags, MD5", nil, []string{"-U", sim.ItgrixUser, "-P", sim.ItgrixPassword}, 0, "ITGRIX LICENSE OK - ", sim.ItgrixPassword},
		{"environment, SHA-256", map[string]string{"ITGRIX_USER": sim.ItgrixUser, "ITGRIX_PASSWORD": sim.ItgrixPassword}, []string{"-H", srv.URL + "/digest-sha256"}, 0, "ITGRIX LICENSE OK - ", sim.ItgrixPassword},
		{"password file", nil, []string{"-U", sim.ItgrixUser, "--password-file", pwFile}, 0, "ITGRIX LICENSE OK - ", sim.ItgrixPassword},
		{"wrong password, MD5", nil, []string{"-U", sim.ItgrixUser, "-P", wrong}, 3, "ITGRIX LICENSE UNKNOWN - authentication failed (HTTP 401)", wrong},
		{"wrong password, SHA-256", nil, []string{"-H", srv.URL + "/digest-sha256", "-U", sim.ItgrixUser, "-P", wrong}, 3, "ITGRIX LICENSE UNKNOWN - authentication failed (HTTP 401)", wrong},
		{"wrong password in the environment", map[string]string{"ITGRIX_USER": sim.ItgrixUser, "ITGRIX_PASSWORD": wrong}, nil, 3, "ITGRIX LICENSE UNKNOWN - authentication failed (HTTP 401)", wrong},
		{"wrong password in a file", nil, []string{"-U", sim.ItgrixUser, "--password-file", wrongFile}, 3, "ITGRIX LICENSE UNKNOWN - authentication failed (HTTP 401)", wrong},
		{"no login", nil, nil, 3, "ITGRIX LICENSE UNKNOWN - authentication failed (HTTP 401); no admin panel login given (-U/ITGRIX_USER and -P/ITGRIX_PASSWORD)", ""},
		{"missing password file", nil, []string{"-U", sim.ItgrixUser, "--password-file", filepath.Join(t.TempDir(), "none")}, 3, "ITGRIX LICENSE UNKNOWN - cannot read secret file", ""},
	}
	for _, tc := range tests {
		for _, verbose := range []bool{false, true} {
			name := tc.name
			if verbose {
				name += ", -vvv"
			}
			t.Run(name, func(t *testing.T) {
				t.Setenv("ITGRIX_USER", "")
				t.Setenv("ITGRIX_PASSWORD", "")
				for k, v := range tc.env {
					t.Setenv(k, v)
				}
				args := append([]string{"-H", srv.URL + "/itgrix-ok"}, tc.args...)
				if verbose {
					args = append(args, "-vvv")
				}
				code, out, errOut := testutil.Run(t, itgrixlicense.New(), now, args...)
				testutil.AssertFirstLinePrefix(t, code, out, tc.code, tc.want)
				testutil.AssertNotPrinted(t, tc.password, out, errOut)
				if verbose && tc.password != "" {
					testutil.AssertRedactedAuth(t, errOut, "Digest")
					if !strings.Contains(errOut, "Www-Authenticate: Digest") {
						t.Errorf("-vvv trace lacks the Digest challenge:\n%s", errOut)
					}
					if !strings.Contains(out, "config: --password=****") && tc.env == nil && !strings.Contains(strings.Join(args, " "), "--password-file") {
						t.Errorf("-vvv configuration does not show the password redacted:\n%s", out)
					}
				}
				if !verbose {
					testutil.AssertNoStderr(t, errOut)
				}
			})
		}
	}
}

func TestLicenseBadAnswers(t *testing.T) {
	now := testutil.Fixed(today)
	simSrv := testutil.Simulator(t, now)
	answers := testutil.ItgrixBadAnswers(t)
	answers["plain"] = testutil.Answer{ContentType: "text/plain", Body: testutil.Fixture(t, "itgrix/status/plain.txt")}
	answers["404"] = testutil.Answer{Status: 404, ContentType: "text/plain", Body: []byte("404 page not found\n")}
	answers["empty"] = testutil.Answer{}
	srv := testutil.FixtureServer(t, "/status", answers)
	refused := testutil.RefusedAddr(t)
	login := testutil.ItgrixLogin()
	tests := []testutil.LineCase{
		{Name: "HTML login page", Args: []string{"-H", srv.URL + "/login"}, Code: 3, Want: "ITGRIX LICENSE UNKNOWN - status: expected a JSON object with app_state, app_status and license, got an HTML page titled"},
		{Name: "truncated JSON", Args: []string{"-H", srv.URL + "/truncated"}, Code: 3, Want: "ITGRIX LICENSE UNKNOWN - status: expected a JSON object with app_state, app_status and license, got "},
		{Name: "Python literal", Args: []string{"-H", srv.URL + "/python"}, Code: 3, Want: "ITGRIX LICENSE UNKNOWN - status: expected a JSON object with app_state, app_status and license, got \"{'app': {'app_state'"},
		{Name: "plain text", Args: []string{"-H", srv.URL + "/plain"}, Code: 3, Want: `ITGRIX LICENSE UNKNOWN - status: expected a JSON object with app_state, app_status and license, got "404 page not found"`},
		{Name: "empty body", Args: []string{"-H", srv.URL + "/empty"}, Code: 3, Want: "ITGRIX LICENSE UNKNOWN - status: empty answer, expected a JSON object"},
		{Name: "502 HTML page", Args: []string{"-H", srv.URL + "/502", "--retries", "0"}, Code: 2, Want: `ITGRIX LICENSE CRITICAL - GET /502/status: HTTP 502 Bad Gateway (an HTML page titled "502 Bad Gateway")`},
		{Name: "404", Args: []string{"-H", srv.URL + "/404"}, Code: 3, Want: `ITGRIX LICENSE UNKNOWN - GET /404/status: HTTP 404 Not Found ("404 page not found")`},
		{Name: "huge body", Args: append([]string{"-H", simSrv.URL + "/huge"}, login...), Code: 3, Want: "ITGRIX LICENSE UNKNOWN - GET /huge/status: response too large (more than 4 MiB; raise --max-body if this is expected)"},
		{Name: "connection refused", Args: []string{"-H", refused, "--retries", "0"}, Code: 2, Want: "ITGRIX LICENSE CRITICAL - cannot connect to " + refused + ": connection refused"},
		{Name: "connection reset", Args: append([]string{"-H", simSrv.URL + "/reset", "--retries", "0"}, login...), Code: 2, Want: "ITGRIX LICENSE CRITICAL - " + strings.TrimPrefix(simSrv.URL, "http://") + " closed the connection without an answer"},
	}
	testutil.RunLineCases(t, itgrixlicense.New, now, 3*time.Second, tests)
}

func TestLicenseGolden(t *testing.T) {
	srv := testutil.FixtureServer(t, "/status", testutil.JSONFixtures(t, "itgrix/status", "ok", "top-level", "free", "subscription", "no-date", "unknown-type", "bad-date", "no-fields"))
	tests := []struct {
		name, fixture string
		now           func() time.Time
		args          []string
	}{
		{"ok", "ok", testutil.Fixed(today), nil},
		{"ok-verbose", "top-level", testutil.Fixed(today), []string{"-v"}},
		{"warning", "ok", day(2027, 2, 1), nil},
		{"critical", "ok", day(2027, 2, 26), nil},
		{"last-day", "ok", day(2027, 3, 1), nil},
		{"expired", "ok", day(2027, 3, 6), nil},
		{"free", "free", testutil.Fixed(today), nil},
		{"subscription", "subscription", testutil.Fixed(today), nil},
		{"no-date", "no-date", testutil.Fixed(today), nil},
		{"unknown-type", "unknown-type", testutil.Fixed(today), nil},
		{"bad-date", "bad-date", testutil.Fixed(today), nil},
		{"no-license", "no-fields", testutil.Fixed(today), nil},
		{"json", "ok", day(2027, 2, 1), []string{"--format", "json"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"-H", srv.URL + "/" + tc.fixture}, tc.args...)
			_, out, _ := testutil.Run(t, itgrixlicense.New(), tc.now, args...)
			testutil.Golden(t, filepath.Join("check_itgrix_license", tc.name+".txt"), []byte(out))
		})
	}
}

func TestLicenseHelp(t *testing.T) {
	code, out, _ := testutil.Run(t, itgrixlicense.New(), testutil.Fixed(today), "--help")
	if code != 3 {
		t.Errorf("--help exits %d, want 3", code)
	}
	for _, want := range []string{"--min-type=TYPE", "calendar days in", "local time zone", "(default: 30)", "(default: 7)", "[$ITGRIX_USER]", "[$ITGRIX_PASSWORD]", "--password-file=FILE", "Itgrix admin panel login:"} {
		if !strings.Contains(out, want) {
			t.Errorf("--help lacks %q:\n%s", want, out)
		}
	}
}
