package sim

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"net/http"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"
)

// SidecarExt is the extension of a sidecar file: a scenario is a fixture
// plus a sidecar, found by walking the fixture tree, so that a new scenario
// needs no Go code.
//
// A sidecar holds one stanza or more, separated by blank lines, of
// "key: value" lines (# starts a comment line):
//
//	scenario: db-down
//	path: /l/a/monitor/connect-to-db
//	status: 500
//	type: text/html; charset=UTF-8
//	doc: Webim: the meta database is unreachable (check_webim_db CRITICAL)
//
// Keys:
//   - scenario (required): the scenario's name, its path prefix; "healthy"
//     gives the answer of every scenario that does not override it.
//   - path (required): the endpoint the answer is for.
//   - fixture: the body, relative to the sidecar's directory; by default
//     the sidecar's own name without ".sim" (queue.json.sim serves
//     queue.json); "-" for an empty body.
//   - status (default 200), type (default application/json), delay (a Go
//     duration, e.g. 1.2s).
//   - doc: one line saying what the scenario simulates and what the check
//     should say; the first doc of a scenario is its description.
//   - set-date: FIELD +N: the first string value of "FIELD" in the body
//     becomes the simulator's today plus N days (YYYY-MM-DD), so that "10
//     days left" stays 10 days whatever the day.
const SidecarExt = ".sim"

// sidecarAnswer is one stanza of a sidecar.
type sidecarAnswer struct {
	scenario, path, doc string
	answer              Answer
	where               string
}

// loadSidecars walks fsys for sidecars and returns their stanzas in a
// stable order (by file, then by position).
func loadSidecars(fsys fs.FS) ([]sidecarAnswer, error) {
	var files []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, SidecarExt) {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	var out []sidecarAnswer
	for _, f := range files {
		b, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, err
		}
		as, err := parseSidecar(f, b)
		if err != nil {
			return nil, err
		}
		out = append(out, as...)
	}
	return out, nil
}

// parseSidecar reads the stanzas of the sidecar file name.
func parseSidecar(name string, b []byte) ([]sidecarAnswer, error) {
	var out []sidecarAnswer
	var cur map[string]string
	start := 0
	flush := func() error {
		if cur == nil {
			return nil
		}
		a, err := stanza(name, start, cur)
		if err != nil {
			return err
		}
		out = append(out, a)
		cur = nil
		return nil
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "":
			if err := flush(); err != nil {
				return nil, err
			}
			continue
		case strings.HasPrefix(line, "#"):
			continue
		}
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			return nil, fmt.Errorf("%s:%d: want key: value, got %q", name, n, line)
		}
		if cur == nil {
			cur, start = map[string]string{}, n
		}
		k = strings.ToLower(strings.TrimSpace(k))
		if _, dup := cur[k]; dup {
			return nil, fmt.Errorf("%s:%d: %s given twice in one stanza", name, n, k)
		}
		cur[k] = strings.TrimSpace(v)
	}
	if err := flush(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no stanza", name)
	}
	return out, nil
}

// stanza turns the keys of one stanza into an answer.
func stanza(name string, line int, kv map[string]string) (sidecarAnswer, error) {
	where := fmt.Sprintf("%s:%d", name, line)
	a := sidecarAnswer{scenario: kv["scenario"], path: kv["path"], doc: kv["doc"], where: where}
	if a.scenario == "" || !strings.HasPrefix(a.path, "/") {
		return a, fmt.Errorf("%s: a stanza needs scenario and an absolute path", where)
	}
	fixture := kv["fixture"]
	switch fixture {
	case "":
		fixture = path.Join(path.Dir(name), strings.TrimSuffix(path.Base(name), SidecarExt))
	case "-":
		fixture = ""
	default:
		fixture = path.Join(path.Dir(name), fixture)
	}
	a.answer = Answer{Fixture: fixture, ContentType: kv["type"]}
	if s, ok := kv["status"]; ok {
		st, err := strconv.Atoi(s)
		if err != nil {
			return a, fmt.Errorf("%s: status %q is not a number", where, s)
		}
		a.answer.Status = st
	}
	if s, ok := kv["delay"]; ok {
		d, err := time.ParseDuration(s)
		if err != nil || d < 0 {
			return a, fmt.Errorf("%s: delay %q is not a duration", where, s)
		}
		a.answer.Delay = d
	}
	if s, ok := kv["set-date"]; ok {
		field, days, err := parseSetDate(s)
		if err != nil {
			return a, fmt.Errorf("%s: %w", where, err)
		}
		a.answer = datedAnswer(a.answer, field, days)
	}
	for k := range kv {
		switch k {
		case "scenario", "path", "doc", "fixture", "type", "status", "delay", "set-date":
		default:
			return a, fmt.Errorf("%s: unknown key %q", where, k)
		}
	}
	return a, nil
}

// parseSetDate reads "FIELD +N" (or -N).
func parseSetDate(s string) (string, int, error) {
	f := strings.Fields(s)
	if len(f) != 2 {
		return "", 0, fmt.Errorf("set-date %q: want FIELD +DAYS", s)
	}
	days, err := strconv.Atoi(f[1])
	if err != nil {
		return "", 0, fmt.Errorf("set-date %q: want FIELD +DAYS", s)
	}
	return f[0], days, nil
}

// datedAnswer serves a's fixture with the string value of field set to
// the simulator's today plus days.
func datedAnswer(a Answer, field string, days int) Answer {
	fixture := a.Fixture
	a.Body = func(s *Server, _ *http.Request) []byte {
		b, err := fs.ReadFile(s.fixtures, fixture)
		if err != nil {
			return []byte("simulator: missing fixture " + fixture + "\n")
		}
		return setStringField(b, field, s.Now().AddDate(0, 0, days).Format("2006-01-02"))
	}
	return a
}
