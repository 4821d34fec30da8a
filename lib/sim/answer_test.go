package sim_test

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

// assertAnswer sends req and fails t unless the answer has status and a
// body containing want.
func assertAnswer(t *testing.T, req *http.Request, status int, want string) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != status || !strings.Contains(string(b), want) {
		t.Errorf("HTTP %d %q, want %d containing %q", resp.StatusCode, b, status, want)
	}
}
