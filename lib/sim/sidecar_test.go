package sim

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// fixtureTree is the repository's testdata/.
func fixtureTree(t *testing.T) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "testdata")
}

func TestSidecarsOfTheFixtureTreeLoad(t *testing.T) {
	root := os.DirFS(fixtureTree(t))
	answers, err := loadSidecars(root)
	if err != nil {
		t.Fatal(err)
	}
	if len(answers) == 0 {
		t.Fatal("no sidecar in testdata/")
	}
	s := New(root, nil)
	if s.Err() != nil {
		t.Fatal(s.Err())
	}
	for _, a := range answers {
		if a.answer.Fixture != "" {
			if _, err := os.Stat(filepath.Join(fixtureTree(t), a.answer.Fixture)); err != nil {
				t.Errorf("%s: fixture %s: %v", a.where, a.answer.Fixture, err)
			}
		}
		if sc, ok := s.scenarios[a.scenario]; a.scenario != "healthy" && (!ok || sc.Doc == "") {
			t.Errorf("%s: scenario %s has no doc line", a.where, a.scenario)
		}
	}
}

func TestSidecarParse(t *testing.T) {
	tests := []struct {
		name, text, err string
		want            Answer
	}{
		{name: "defaults", text: "scenario: x\npath: /a\ndoc: d\n", want: Answer{Fixture: "p/f.json"}},
		{name: "all keys", text: "# c\nscenario: x\npath: /a\nstatus: 500\ntype: text/html; charset=UTF-8\ndelay: 1.5s\nfixture: g.txt\n",
			want: Answer{Fixture: "p/g.txt", Status: 500, ContentType: "text/html; charset=UTF-8", Delay: 1500 * time.Millisecond}},
		{name: "empty body", text: "scenario: x\npath: /a\nfixture: -\nstatus: 204\n", want: Answer{Status: 204}},
		{name: "no path", text: "scenario: x\n", err: "needs scenario and an absolute path"},
		{name: "bad status", text: "scenario: x\npath: /a\nstatus: five\n", err: "not a number"},
		{name: "bad delay", text: "scenario: x\npath: /a\ndelay: soon\n", err: "not a duration"},
		{name: "unknown key", text: "scenario: x\npath: /a\nstaus: 500\n", err: `unknown key "staus"`},
		{name: "duplicate key", text: "scenario: x\npath: /a\npath: /b\n", err: "given twice"},
		{name: "not key value", text: "scenario x\n", err: "want key: value"},
		{name: "bad set-date", text: "scenario: x\npath: /a\nset-date: valid_till\n", err: "want FIELD +DAYS"},
		{name: "empty", text: "# nothing\n", err: "no stanza"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseSidecar("p/f.json.sim", []byte(tt.text))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("got error %v, want one containing %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if g := got[0].answer; g.Fixture != tt.want.Fixture || g.Status != tt.want.Status || g.ContentType != tt.want.ContentType || g.Delay != tt.want.Delay {
				t.Errorf("got %+v, want %+v", g, tt.want)
			}
		})
	}
}

func TestSidecarScenarioServes(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	fsys := fstest.MapFS{
		"x/a.json":     {Data: []byte(`{"valid_till": "2000-01-01", "n": 1}`)},
		"x/a.json.sim": {Data: []byte("scenario: healthy\npath: /v1/health\n\nscenario: later\npath: /v1/health\nset-date: valid_till +10\nstatus: 503\ndoc: ten days\n")},
	}
	s := New(fsys, func() time.Time { return now })
	srv := httptest.NewServer(s.Handler(""))
	defer srv.Close()
	tests := []struct {
		name, path, body string
		status           int
	}{
		{name: "healthy", path: "/v1/health", body: `{"valid_till": "2000-01-01", "n": 1}`, status: 200},
		{name: "dated", path: "/later/v1/health", body: `{"valid_till": "2026-03-11", "n": 1}`, status: 503},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest("GET", srv.URL+tt.path, nil)
			req.Header.Set("Authorization", "Apikey "+WAAPIKey)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tt.status || string(b) != tt.body {
				t.Errorf("got %d %s, want %d %s", resp.StatusCode, b, tt.status, tt.body)
			}
		})
	}
}

func TestBadSidecarAnswers500(t *testing.T) {
	s := New(fstest.MapFS{"a.sim": {Data: []byte("scenario: x\n")}}, nil)
	if s.Err() == nil {
		t.Fatal("a bad sidecar loaded")
	}
	rec := httptest.NewRecorder()
	s.Handler("").ServeHTTP(rec, httptest.NewRequest("GET", "/v1/health", nil))
	if rec.Code != 500 || !strings.Contains(rec.Body.String(), "a.sim") {
		t.Errorf("got %d %q", rec.Code, rec.Body.String())
	}
}
