package plugin_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccmon/webim-checks/lib/plugin"
)

func TestParseDuration(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
		err  string
	}{
		{in: "900", want: 15 * time.Minute},
		{in: "1.5", want: 1500 * time.Millisecond},
		{in: " 30 ", want: 30 * time.Second},
		{in: "0", want: 0},
		{in: "15m", want: 15 * time.Minute},
		{in: "1h30m", want: 90 * time.Minute},
		{in: "250ms", want: 250 * time.Millisecond},
		{in: "2d", want: 48 * time.Hour},
		{in: "0.5d", want: 12 * time.Hour},
		{in: "1e3", want: 1000 * time.Second},
		{in: "", err: "empty duration"},
		{in: "-5", err: "out of range"},
		{in: "NaN", err: "out of range"},
		{in: "Inf", err: "out of range"},
		{in: "1e10", err: "out of range"},
		{in: "-1m", err: "is not a duration"},
		{in: "abc", err: `"abc" is not a duration (seconds, or e.g. 15m, 1h30m)`},
		{in: "1d12h", err: "is not a duration"},
		{in: "100000d", err: "is not a duration"},
		{in: "-1d", err: "is not a duration"},
		{in: "5 m", err: "is not a duration"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := plugin.ParseDuration(tt.in)
			var d plugin.Duration
			uerr := d.UnmarshalFlag(tt.in)
			if tt.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.err)
				assert.Error(t, uerr)
				return
			}
			require.NoError(t, err)
			require.NoError(t, uerr)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.want, d.Std())
		})
	}
}

func TestDurationMarshalFlag(t *testing.T) {
	for _, d := range []time.Duration{0, 250 * time.Millisecond, 45 * time.Second, 15 * time.Minute, 90 * time.Minute, 48 * time.Hour} {
		s, err := plugin.Duration(d).MarshalFlag()
		require.NoError(t, err)
		back, err := plugin.ParseDuration(s)
		require.NoError(t, err, s)
		assert.Equal(t, d, back, s)
	}
}

func TestTimeout(t *testing.T) {
	tests := []struct {
		in    string
		d     time.Duration
		state plugin.State
		str   string
		err   string
	}{
		{in: "10", d: 10 * time.Second, state: plugin.Critical, str: "10"},
		{in: "1.5", d: 1500 * time.Millisecond, state: plugin.Critical, str: "1.5"},
		{in: "2m", d: 2 * time.Minute, state: plugin.Critical, str: "120"},
		{in: "1:UNKNOWN", d: time.Second, state: plugin.Unknown, str: "1:UNKNOWN"},
		{in: "1:unknown", d: time.Second, state: plugin.Unknown, str: "1:UNKNOWN"},
		{in: "30:w", d: 30 * time.Second, state: plugin.Warning, str: "30:WARNING"},
		{in: "30:ok", d: 30 * time.Second, state: plugin.OK, str: "30:OK"},
		{in: "5:CRITICAL", d: 5 * time.Second, state: plugin.Critical, str: "5"},
		{in: "5:2", d: 5 * time.Second, state: plugin.Critical, str: "5"},
		{in: "0", err: "timeout must be positive"},
		{in: "0.0000000001", err: "timeout must be positive"},
		{in: "1:bogus", err: `unknown state "bogus"`},
		{in: "1:", err: `unknown state ""`},
		{in: ":UNKNOWN", err: "empty duration"},
		{in: "x:UNKNOWN", err: "is not a duration"},
		{in: "-1", err: "out of range"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			var to plugin.Timeout
			err := to.UnmarshalFlag(tt.in)
			if tt.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.d, to.Duration)
			assert.Equal(t, tt.state, to.State)
			s, err := to.MarshalFlag()
			require.NoError(t, err)
			assert.Equal(t, tt.str, s)
		})
	}
}

func TestByteSize(t *testing.T) {
	tests := []struct {
		in   string
		want plugin.ByteSize
		str  string
		err  bool
	}{
		{in: "4MiB", want: 4 << 20, str: "4MiB"},
		{in: "512KiB", want: 512 << 10, str: "512KiB"},
		{in: "1KiB", want: 1024, str: "1KiB"},
		{in: "1048576", want: 1 << 20, str: "1MiB"},
		{in: "1000", want: 1000, str: "1000"},
		{in: "2M", want: 2 << 20, str: "2MiB"},
		{in: "2m", want: 2 << 20, str: "2MiB"},
		{in: "2MB", want: 2 << 20, str: "2MiB"},
		{in: "16k", want: 16 << 10, str: "16KiB"},
		{in: "1G", want: 1 << 30, str: "1024MiB"},
		{in: "100B", want: 100, str: "100"},
		{in: " 4 MiB ", want: 4 << 20, str: "4MiB"},
		{in: "1024GiB", want: 1 << 40, str: "1048576MiB"},
		{in: "", err: true},
		{in: "0", err: true},
		{in: "-1", err: true},
		{in: "1.5MiB", err: true},
		{in: "lots", err: true},
		{in: "MiB", err: true},
		{in: "4TiB", err: true},
		{in: "2048GiB", err: true},
		{in: "4XB", err: true},
		{in: "9223372036854775807", err: true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			var b plugin.ByteSize
			err := b.UnmarshalFlag(tt.in)
			if tt.err {
				require.Error(t, err)
				assert.Contains(t, err.Error(), "is not a size")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, b)
			s, err := b.MarshalFlag()
			require.NoError(t, err)
			assert.Equal(t, tt.str, s)
		})
	}
}

func TestParseState(t *testing.T) {
	tests := []struct {
		in   string
		want plugin.State
		err  bool
	}{
		{in: "OK", want: plugin.OK}, {in: "ok", want: plugin.OK}, {in: "Ok", want: plugin.OK}, {in: "o", want: plugin.OK}, {in: "0", want: plugin.OK},
		{in: "WARNING", want: plugin.Warning}, {in: "Warning", want: plugin.Warning}, {in: "warn", want: plugin.Warning}, {in: "W", want: plugin.Warning}, {in: "1", want: plugin.Warning},
		{in: "CRITICAL", want: plugin.Critical}, {in: "crit", want: plugin.Critical}, {in: "c", want: plugin.Critical}, {in: "2", want: plugin.Critical},
		{in: "UNKNOWN", want: plugin.Unknown}, {in: "unknown", want: plugin.Unknown}, {in: "U", want: plugin.Unknown}, {in: "3", want: plugin.Unknown},
		{in: "", err: true}, {in: "4", err: true}, {in: "bogus", err: true}, {in: "OKAY", err: true}, {in: "-1", err: true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := plugin.ParseState(tt.in)
			if tt.err {
				require.Error(t, err)
				assert.Contains(t, err.Error(), "want OK, WARNING, CRITICAL or UNKNOWN")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestStateStrings(t *testing.T) {
	tests := []struct {
		s    plugin.State
		str  string
		code int
	}{
		{plugin.OK, "OK", 0}, {plugin.Warning, "WARNING", 1}, {plugin.Critical, "CRITICAL", 2}, {plugin.Unknown, "UNKNOWN", 3},
		{plugin.State(7), "STATE(7)", 3}, {plugin.State(-1), "STATE(-1)", 3},
	}
	for _, tt := range tests {
		t.Run(tt.str, func(t *testing.T) {
			assert.Equal(t, tt.str, tt.s.String())
			assert.Equal(t, tt.code, tt.s.Code())
		})
	}
	assert.Equal(t, plugin.OK, plugin.Worst())
	assert.Equal(t, plugin.Warning, plugin.Worst(plugin.OK, plugin.Warning))
	assert.Equal(t, plugin.Unknown, plugin.Worst(plugin.Warning, plugin.Unknown))
	assert.Equal(t, plugin.Critical, plugin.Worst(plugin.Unknown, plugin.Critical, plugin.OK), "a known problem beats not knowing")
}

func TestHumanDuration(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{0, "0s"},
		{250 * time.Millisecond, "0.25s"},
		{time.Second, "1s"},
		{45 * time.Second, "45s"},
		{1500 * time.Millisecond, "2s"},
		{150 * time.Second, "2m30s"},
		{59*time.Second + 600*time.Millisecond, "1m"},
		{time.Hour, "1h"},
		{90 * time.Minute, "1h30m"},
		{time.Hour + 30*time.Second, "1h"},
		{24 * time.Hour, "1d"},
		{3*24*time.Hour + 4*time.Hour + 5*time.Minute, "3d4h"},
		{-90 * time.Second, "-1m30s"},
		{time.Duration(math.MaxInt64), "106751d23h"},
		{time.Duration(math.MinInt64), "-106751d23h"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			assert.Equal(t, tt.want, plugin.HumanDuration(tt.d))
		})
	}
}

func TestStateFor(t *testing.T) {
	tests := []struct {
		name    string
		err     error
		timeout plugin.State
		want    plugin.State
	}{
		{"nil", nil, plugin.Critical, plugin.OK},
		{"usage", plugin.Errorf(plugin.ErrUsage, "bad"), plugin.Critical, plugin.Unknown},
		{"unreachable", plugin.Errorf(plugin.ErrUnreachable, "refused"), plugin.Unknown, plugin.Critical},
		{"server", fmt.Errorf("ctx: %w", plugin.Errorf(plugin.ErrServer, "503")), plugin.Unknown, plugin.Critical},
		{"timeout default", plugin.Errorf(plugin.ErrTimeout, "slow"), plugin.Critical, plugin.Critical},
		{"timeout chosen", plugin.Errorf(plugin.ErrTimeout, "slow"), plugin.Unknown, plugin.Unknown},
		{"context deadline", fmt.Errorf("read: %w", context.DeadlineExceeded), plugin.Warning, plugin.Warning},
		{"auth", plugin.Errorf(plugin.ErrAuth, "401"), plugin.Critical, plugin.Unknown},
		{"status", plugin.Errorf(plugin.ErrStatus, "404"), plugin.Critical, plugin.Unknown},
		{"too large", plugin.Errorf(plugin.ErrTooLarge, "big"), plugin.Critical, plugin.Unknown},
		{"decode", plugin.Errorf(plugin.ErrDecode, "html"), plugin.Critical, plugin.Unknown},
		{"state file", plugin.Errorf(plugin.ErrStateFile, "ro"), plugin.Critical, plugin.Unknown},
		{"plain", errors.New("odd"), plugin.Critical, plugin.Unknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, plugin.StateFor(tt.err, tt.timeout))
		})
	}
	err := plugin.Errorf(plugin.ErrServer, "GET /x: HTTP %d", 503)
	assert.Equal(t, "GET /x: HTTP 503", err.Error(), "the kind adds no text")
	assert.Nil(t, plugin.Mark(plugin.ErrServer, nil))
	res := plugin.ErrorResult(err, plugin.Unknown)
	assert.Equal(t, plugin.Critical, res.State)
	assert.Equal(t, "GET /x: HTTP 503", res.Summary)
}
