package webim

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/testutil"
)

// agree holds a scanner to encoding/json for body (with the white space
// around it trimmed, as decode trims it): it may decline, but what it
// reads, encoding/json reads the same into a T. It reports whether the
// scanner read body.
func agree[T any](t *testing.T, body []byte, scan func([]byte) (T, bool)) bool {
	t.Helper()
	got, ok := scan(body)
	if !ok {
		require.Zero(t, got, "a declined answer returns nothing")
		return false
	}
	var want T
	require.NoError(t, json.Unmarshal(bytes.TrimSpace(body), &want), "scanned an answer encoding/json refuses: %q", body)
	assert.Equal(t, want, got, "scanned differently from encoding/json: %q", body)
	return true
}

// agreeTimerStats is agree for timer-stats.
func agreeTimerStats(t *testing.T, body []byte) bool {
	t.Helper()
	return agree(t, body, scanTimerStats)
}

// agreeAccountsStat is agree for accounts-stat.
func agreeAccountsStat(t *testing.T, body []byte) bool {
	t.Helper()
	return agree(t, body, scanAccountsStat)
}

// TestScannersReadTheDocumentedAnswers: the fixtures of the seed's shape
// go through the scanners (else the fast path would be dead), and read as
// encoding/json reads them.
func TestScannersReadTheDocumentedAnswers(t *testing.T) {
	for _, name := range []string{"ok.json", "failed.json", "failed-many.json", "slow.json", "stalled.json", "trouble.json", "empty.json"} {
		t.Run("timer-stats/"+name, func(t *testing.T) {
			assert.True(t, agreeTimerStats(t, testutil.Fixture(t, "webim/timer-stats/"+name)), "declined")
		})
	}
	for _, name := range []string{"seed.json", "many.json", "trouble.json", "wrong-instance.json", "no-total.json", "failed-store.json", "negative.json", "no-name.json"} {
		t.Run("accounts-stat/"+name, func(t *testing.T) {
			assert.True(t, agreeAccountsStat(t, testutil.Fixture(t, "webim/accounts-stat/"+name)), "declined")
		})
	}
	t.Run("timer-stats/100 000 timers", func(t *testing.T) {
		assert.True(t, agreeTimerStats(t, testutil.ManyTimers(100000)), "declined")
	})
}

// TestScannersDeclineWhatTheyAreNotSureOf: each row is an answer the
// scanners leave to encoding/json, which either reads it in its own way
// (case-folded keys, escapes, duplicates) or names what is wrong.
func TestScannersDeclineWhatTheyAreNotSureOf(t *testing.T) {
	timers := map[string]string{
		"key in another case":        `{"Last_Min": {}}`,
		"field in another case":      `{"last_min": {"timer: a": {"Count": 1}}}`,
		"escaped key":                `{"last\u005fmin": {}}`,
		"fractional count":           `{"last_min": {"timer: a": {"count": 1.0}}}`,
		"count out of range":         `{"last_min": {"timer: a": {"count": 99999999999999999999}}}`,
		"time out of range":          `{"last_min": {"timer: a": {"execution_times": [1e400]}}}`,
		"time as a string":           `{"last_min": {"timer: a": {"execution_times": ["1"]}}}`,
		"null times":                 `{"last_min": {"timer: a": {"execution_times": null}}}`,
		"last_min twice":             `{"last_min": {}, "last_min": {}}`,
		"failed twice":               `{"last_min": {}, "failed": [], "failed": []}`,
		"null func_name":             `{"last_min": {}, "failed": [{"func_name": null}]}`,
		"truncated":                  `{"last_min": {"timer: a": {"count": 1}`,
		"trailing garbage":           `{"last_min": {}} x`,
		"invalid UTF-8":              "{\"last_min\": {\"timer: \xff\": {}}}",
		"Python literal":             `{'last_min': {}}`,
		"a list":                     `[]`,
		"timer runs not an object":   `{"last_min": {"timer: a": 1}}`,
		"last_min not an object":     `{"last_min": []}`,
		"failed entry not an object": `{"last_min": {}, "failed": [1]}`,
	}
	for name, body := range timers {
		t.Run("timer-stats/"+name, func(t *testing.T) {
			assert.False(t, agreeTimerStats(t, []byte(body)), "scanned")
		})
	}
	accounts := map[string]string{
		"field in another case": `[{"Name": "a"}]`,
		"count as a string":     `[{"name": "a", "chats_cnt": "1"}]`,
		"null name":             `[{"name": null}]`,
		"row not an object":     `[1]`,
		"an object":             `{}`,
		"count out of range":    `[{"name": "a", "chats_cnt": 1e400}]`,
	}
	for name, body := range accounts {
		t.Run("accounts-stat/"+name, func(t *testing.T) {
			assert.False(t, agreeAccountsStat(t, []byte(body)), "scanned")
		})
	}
}

// TestScannersAgreeOnEveryCorpusFile runs the scanners over every seed of
// the decoders' fuzz corpora and the bad answers.
func TestScannersAgreeOnEveryCorpusFile(t *testing.T) {
	dirs := []string{"fuzz/FuzzDecodeTimerStats", "fuzz/FuzzDecodeAccountsStat", "fuzz/FuzzScanAnswers", "bad", "webim/timer-stats", "webim/accounts-stat"}
	for _, dir := range dirs {
		files, err := filepath.Glob(filepath.Join(testutil.Path(dir), "*"))
		require.NoError(t, err)
		require.NotEmpty(t, files, dir)
		for _, f := range files {
			t.Run(dir+"/"+filepath.Base(f), func(t *testing.T) {
				body, err := os.ReadFile(f)
				require.NoError(t, err)
				agreeTimerStats(t, body)
				agreeAccountsStat(t, body)
			})
		}
	}
}

// FuzzScanAnswers: on any body, the scanners never panic, and read what
// they read as encoding/json does.
func FuzzScanAnswers(f *testing.F) {
	testutil.FuzzSeeds(f, "FuzzScanAnswers")
	f.Fuzz(func(t *testing.T, body []byte) {
		agreeTimerStats(t, body)
		agreeAccountsStat(t, body)
	})
}

// TestShallow: brackets inside strings do not nest, escaped quotes do not
// end a string, and one level past scanDepth is refused.
func TestShallow(t *testing.T) {
	deep := func(n int) string { return strings.Repeat("[", n) + strings.Repeat("]", n) }
	tests := []struct {
		name string
		body string
		want bool
	}{
		{"at the limit", deep(scanDepth), true},
		{"one past it", deep(scanDepth + 1), false},
		{"brackets in a string", `{"k": "` + strings.Repeat("[", 100) + `"}`, true},
		{"an escaped quote keeps the string open", `{"k": "\"` + strings.Repeat("[", 100) + `"}`, true},
		{"an escaped backslash ends it", `["\\", ` + deep(100) + `]`, false},
		{"an unterminated string", `["` + strings.Repeat("[", 100), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, shallow([]byte(tt.body)))
		})
	}
}

// TestDeepAnswersGoToDecode: 8 MiB of '[' would overflow the stack of a
// recursive validator; the scanners decline it and decode names it.
func TestDeepAnswersGoToDecode(t *testing.T) {
	body := bytes.Repeat([]byte("["), 8<<20)
	assert.False(t, agreeTimerStats(t, body))
	assert.False(t, agreeAccountsStat(t, body))
	_, err := offlineClient(t).timerStats(response(http.StatusOK, body))
	testutil.AssertErrorKind(t, err, plugin.ErrDecode, "invalid JSON at byte 10001")
}
