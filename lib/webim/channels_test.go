package webim

import (
	"testing"

	"github.com/ccmon/webim-checks/lib/testutil"
)

func TestDecodeChannels(t *testing.T) {
	seed := []Channel{{"telegram", 1}, {"vk", 1}}
	tests := []testutil.DecodeCase[[]Channel]{
		{Name: "seed 000", Fixture: "seed.json", Want: seed},
		{Name: "Python literal", Fixture: "python.txt", Want: seed},
		{Name: "sorted by name", Fixture: "more.json", Want: []Channel{{"telegram", 6}, {"vk", 1}, {"whatsapp", 3}}},
		{Name: "no channel reports errors", Fixture: "none.json", Want: []Channel{}},
		{Name: "boolean count", Body: `{"channels": {"vk": {"error_cnt": true}}}`, Want: []Channel{{"vk", 1}}},
		{Name: "no channels object", Fixture: "no-channels.json", Err: "channels: the answer has no channels object"},
		{Name: "channels null", Body: `{"channels": null}`, Err: "channels: the answer has no channels object"},
		{Name: "negative", Fixture: "negative.json", Err: `channels: error_cnt of channel "telegram" is negative (-1)`},
		{Name: "no error_cnt", Fixture: "no-error-cnt.json", Err: `channels: channel "telegram" has no error_cnt`},
		{Name: "channel null", Body: `{"channels": {"vk": null}}`, Err: `channels: channel "vk" has no error_cnt`},
		{Name: "error_cnt a string", Body: `{"channels": {"vk": {"error_cnt": "1"}}}`, Err: "field channels.error_cnt is a JSON string"},
		{Name: "absurd", Body: `{"channels": {"vk": {"error_cnt": 1e300}}}`, Err: "is absurdly large"},
		{Name: "a list", Body: `[1]`, Err: "channels: expected a JSON object"},
		{Name: "login page", Body: string(testutil.Fixture(t, "bad/login.html")), Err: "got an HTML page"},
	}
	testutil.RunDecodeCases(t, "webim/channels", ok200(DecodeChannels), tests)
}

// FuzzDecodeChannels feeds arbitrary bodies through the interpretation of
// zabbix/channels: it never panics, a failure is an ErrDecode, and every
// channel of a success has a count.
func FuzzDecodeChannels(f *testing.F) {
	testutil.FuzzDecode(f, "FuzzDecodeChannels", ok200(DecodeChannels), func(t *testing.T, _ []byte, chs []Channel) {
		for _, ch := range chs {
			if Count(ch.Errors).Problem() != "" {
				t.Fatalf("channel %q: %v is not a count", ch.Name, ch.Errors)
			}
		}
	})
}
