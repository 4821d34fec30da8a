package webim

import (
	"errors"
	"net/http"
	"testing"

	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/testutil"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDecodeChannels(t *testing.T) {
	seed := []Channel{{"telegram", 1}, {"vk", 1}}
	tests := []struct {
		name    string
		fixture string
		body    string
		want    []Channel
		err     string
	}{
		{name: "seed 000", fixture: "seed.json", want: seed},
		{name: "Python literal", fixture: "python.txt", want: seed},
		{name: "sorted by name", fixture: "more.json", want: []Channel{{"telegram", 6}, {"vk", 1}, {"whatsapp", 3}}},
		{name: "no channel reports errors", fixture: "none.json", want: []Channel{}},
		{name: "boolean count", body: `{"channels": {"vk": {"error_cnt": true}}}`, want: []Channel{{"vk", 1}}},
		{name: "no channels object", fixture: "no-channels.json", err: "channels: the answer has no channels object"},
		{name: "channels null", body: `{"channels": null}`, err: "channels: the answer has no channels object"},
		{name: "negative", fixture: "negative.json", err: `channels: error_cnt of channel "telegram" is negative (-1)`},
		{name: "no error_cnt", fixture: "no-error-cnt.json", err: `channels: channel "telegram" has no error_cnt`},
		{name: "channel null", body: `{"channels": {"vk": null}}`, err: `channels: channel "vk" has no error_cnt`},
		{name: "error_cnt a string", body: `{"channels": {"vk": {"error_cnt": "1"}}}`, err: "field channels.error_cnt is a JSON string"},
		{name: "absurd", body: `{"channels": {"vk": {"error_cnt": 1e300}}}`, err: "is absurdly large"},
		{name: "a list", body: `[1]`, err: "channels: expected a JSON object"},
		{name: "login page", body: string(testutil.Fixture(t, "bad/login.html")), err: "got an HTML page"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := []byte(tt.body)
			if tt.fixture != "" {
				body = testutil.Fixture(t, "webim/channels/"+tt.fixture)
			}
			got, err := DecodeChannels(response(http.StatusOK, body))
			if tt.err != "" {
				require.Error(t, err)
				assert.ErrorIs(t, err, plugin.ErrDecode)
				assert.Contains(t, err.Error(), tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

// FuzzDecodeChannels feeds arbitrary bodies through the interpretation of
// zabbix/channels: it never panics, a failure is an ErrDecode, and every
// channel of a success has a count.
func FuzzDecodeChannels(f *testing.F) {
	testutil.FuzzSeeds(f, "FuzzDecodeChannels")
	f.Fuzz(func(t *testing.T, body []byte) {
		chs, err := DecodeChannels(response(http.StatusOK, body))
		if err != nil {
			if !errors.Is(err, plugin.ErrDecode) {
				t.Fatalf("error of an unexpected kind: %v", err)
			}
			return
		}
		for _, ch := range chs {
			if Count(ch.Errors).Problem() != "" {
				t.Fatalf("channel %q: %v is not a count", ch.Name, ch.Errors)
			}
		}
	})
}
