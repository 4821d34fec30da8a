package sim_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
	"time"

	"github.com/ccmon/webim-checks/lib/sim"
	"github.com/ccmon/webim-checks/lib/testutil"
	"github.com/icholy/digest"
)

// itgrixServer runs the simulator with a clock in UTC+3 late in the
// evening, when the UTC date is still the day before.
func itgrixServer(t *testing.T) (*httptest.Server, time.Time) {
	t.Helper()
	now := time.Date(2026, 11, 23, 22, 30, 0, 0, time.UTC).In(time.FixedZone("UTC+3", 3*3600))
	srv := httptest.NewServer(sim.New(os.DirFS(testutil.Path("")), testutil.Fixed(now)).Handler(""))
	t.Cleanup(srv.Close)
	return srv, now
}

func get(t *testing.T, url, authorization string) *http.Response {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	if authorization != "" {
		req.Header.Set("Authorization", authorization)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

// challenge asks for /status without credentials and returns the challenge.
func challenge(t *testing.T, url string) *digest.Challenge {
	t.Helper()
	resp := get(t, url, "")
	if resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("without credentials: HTTP %d, want 401", resp.StatusCode)
	}
	chal, err := digest.FindChallenge(resp.Header)
	if err != nil {
		t.Fatalf("no Digest challenge in %q: %v", resp.Header.Values("WWW-Authenticate"), err)
	}
	return chal
}

func TestItgrixDigestChallenge(t *testing.T) {
	srv, _ := itgrixServer(t)
	for _, tc := range []struct{ scenario, alg string }{{"itgrix-ok", "MD5"}, {"app-stopped", "MD5"}, {"digest-sha256", "SHA-256"}} {
		t.Run(tc.scenario, func(t *testing.T) {
			chal := challenge(t, srv.URL+"/"+tc.scenario+"/status")
			if chal.Algorithm != tc.alg || !chal.SupportsQOP("auth") || chal.Realm == "" || chal.Nonce == "" {
				t.Errorf("challenge %s, want algorithm=%s qop=auth with realm and nonce", chal, tc.alg)
			}
		})
	}
}

func TestItgrixDigestVerify(t *testing.T) {
	srv, _ := itgrixServer(t)
	type opts struct {
		scenario, user, password, uri, alg string
		forgeNonce                         bool
	}
	good := opts{scenario: "itgrix-ok", user: sim.ItgrixUser, password: sim.ItgrixPassword}
	with := func(f func(*opts)) opts { o := good; f(&o); return o }
	tests := []struct {
		name string
		o    opts
		want int
	}{
		{"MD5", good, http.StatusOK},
		{"SHA-256", with(func(o *opts) { o.scenario = "digest-sha256" }), http.StatusOK},
		{"wrong password", with(func(o *opts) { o.password = "guess" }), http.StatusUnauthorized},
		{"wrong user", with(func(o *opts) { o.user = "root" }), http.StatusUnauthorized},
		{"nonce not issued by the server", with(func(o *opts) { o.forgeNonce = true }), http.StatusUnauthorized},
		{"digest of another URI", with(func(o *opts) { o.uri = "/itgrix-ok/status?path=app" }), http.StatusUnauthorized},
		{"MD5 answer to a SHA-256 challenge", with(func(o *opts) { o.scenario = "digest-sha256"; o.alg = "MD5" }), http.StatusUnauthorized},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			url := srv.URL + "/" + tc.o.scenario + "/status"
			chal := challenge(t, url)
			if tc.o.forgeNonce {
				chal.Nonce = "00112233445566778899aabb00112233445566778899aabbccddeeff"
			}
			if tc.o.alg != "" {
				chal.Algorithm = tc.o.alg
			}
			uri := "/" + tc.o.scenario + "/status"
			if tc.o.uri != "" {
				uri = tc.o.uri
			}
			cred, err := digest.Digest(chal, digest.Options{Method: http.MethodGet, URI: uri, Username: tc.o.user, Password: tc.o.password})
			if err != nil {
				t.Fatal(err)
			}
			if resp := get(t, url, cred.String()); resp.StatusCode != tc.want {
				t.Errorf("HTTP %d, want %d", resp.StatusCode, tc.want)
			}
		})
	}
	t.Run("Basic credentials are refused", func(t *testing.T) {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/itgrix-ok/status", nil)
		req.SetBasicAuth(sim.ItgrixUser, sim.ItgrixPassword)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("HTTP %d, want 401", resp.StatusCode)
		}
	})
}

// TestItgrixLicenseDates: the license dates follow the simulator's clock,
// in the clock's own time zone.
func TestItgrixLicenseDates(t *testing.T) {
	srv, now := itgrixServer(t)
	tests := []struct {
		scenario, want string
	}{
		{"itgrix-ok", "2027-05-23"},
		{"fields-top-level", "2027-05-23"},
		{"license-10-days", "2026-12-04"},
		{"license-3-days", "2026-11-27"},
		{"license-expired", "2026-11-19"},
		{"license-free", ""},
	}
	for _, tc := range tests {
		t.Run(tc.scenario, func(t *testing.T) {
			url := srv.URL + "/" + tc.scenario + "/status"
			chal := challenge(t, url)
			cred, err := digest.Digest(chal, digest.Options{Method: http.MethodGet, URI: "/" + tc.scenario + "/status", Username: sim.ItgrixUser, Password: sim.ItgrixPassword})
			if err != nil {
				t.Fatal(err)
			}
			resp := get(t, url, cred.String())
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("HTTP %d: %s", resp.StatusCode, body)
			}
			var doc struct {
				License *struct {
					ValidTill string `json:"valid_till"`
				} `json:"license"`
				App struct {
					License *struct {
						ValidTill string `json:"valid_till"`
					} `json:"license"`
				} `json:"app"`
			}
			if err := json.Unmarshal(body, &doc); err != nil {
				t.Fatalf("answer is not JSON: %v\n%s", err, body)
			}
			lic := doc.License
			if lic == nil {
				lic = doc.App.License
			}
			if lic == nil || lic.ValidTill != tc.want {
				t.Errorf("valid_till %+v, want %q (today is %s)", lic, tc.want, now.Format("2006-01-02"))
			}
		})
	}
}
