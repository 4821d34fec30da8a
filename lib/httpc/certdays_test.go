package httpc_test

import (
	"bytes"
	"context"
	"encoding/pem"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccmon/webim-checks/lib/plugin"
)

// TestCertificateDays runs a check against a TLS server at clocks set
// before the end of its certificate: --certificate-days judges the days
// left, reports cert_days_left, and says why first in the summary.
func TestCertificateDays(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	t.Cleanup(srv.Close)
	ca := filepath.Join(t.TempDir(), "ca.pem")
	require.NoError(t, os.WriteFile(ca, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw}), 0o600))
	end := srv.Certificate().NotAfter

	tests := []struct {
		name     string
		left     time.Duration
		flag     string
		code     int
		first    string
		perfdata string
	}{
		{"far off", 90 * 24 * time.Hour, "30,7", 0, "GET OK - answered: ", "cert_days_left=90;30:;7:"},
		{"warning", 20*24*time.Hour + time.Hour, "30,7", 1, "GET WARNING - certificate of example.com expires in 20 days (", "cert_days_left=20;30:;7:"},
		{"critical", 3*24*time.Hour + time.Hour, "30,7", 2, "GET CRITICAL - certificate of example.com expires in 3 days (", "cert_days_left=3;30:;7:"},
		{"warn only", 3*24*time.Hour + time.Hour, "30", 1, "GET WARNING - certificate of example.com expires in 3 days", "cert_days_left=3;30:"},
		{"not asked", 3 * 24 * time.Hour, "", 0, "GET OK - answered: ", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			now := end.Add(-tt.left)
			args := []string{"-H", srv.URL, "--ca-file", ca}
			if tt.flag != "" {
				args = append(args, "--certificate-days", tt.flag)
			}
			var out bytes.Buffer
			code := plugin.Runner{Args: args, Stdout: &out, Stderr: &out, Now: func() time.Time { return now }}.Run(context.Background(), &getCheck{})
			first, _, _ := strings.Cut(out.String(), "\n")
			assert.Equal(t, tt.code, code, out.String())
			assert.True(t, strings.HasPrefix(first, tt.first), "first line %q", first)
			if tt.perfdata == "" {
				assert.NotContains(t, first, "cert_days_left")
			} else {
				assert.Contains(t, first, tt.perfdata)
			}
		})
	}
}

func TestCertificateDaysOnPlainHTTP(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	t.Cleanup(srv.Close)
	var out bytes.Buffer
	code := plugin.Runner{Args: []string{"-H", srv.URL, "--certificate-days", "30"}, Stdout: &out, Stderr: &out, Now: func() time.Time { return time.Unix(0, 0) }}.Run(context.Background(), &getCheck{})
	assert.Equal(t, 0, code)
	assert.Equal(t, "GET OK - answered:  | time=0s;;;0\n--certificate-days: no certificate was seen (plain http, or no answer)\n", out.String())
}

func TestCertificateDaysFlag(t *testing.T) {
	for _, tt := range []struct{ in, err string }{
		{"30", ""}, {"30,14", ""}, {" 30 , 14 ", ""}, {"0", ""},
		{"", "want WARN[,CRIT]"}, {"x", "want WARN[,CRIT]"}, {"-1", "want WARN[,CRIT]"},
		{"14,30", "at most WARN"}, {"30,", "at most WARN"}, {"30,x", "at most WARN"},
	} {
		t.Run(tt.in, func(t *testing.T) {
			var c plugin.CertificateDays
			err := c.UnmarshalFlag(tt.in)
			if tt.err == "" {
				require.NoError(t, err)
				assert.True(t, c.IsSet())
				s, _ := c.MarshalFlag()
				var again plugin.CertificateDays
				require.NoError(t, again.UnmarshalFlag(s))
				assert.Equal(t, c, again)
			} else {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.err)
			}
		})
	}
}
