package webim

import (
	"bytes"
	"context"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/ccmon/webim-checks/lib/httpc"
	"github.com/ccmon/webim-checks/lib/plugin"
)

// InfoPath is the endpoint path (seed 000 documents it as
// /service/info.php under the PHP application's /webim prefix).
const InfoPath = "/webim/service/info.php"

// Info is the answer of GET /webim/service/info.php (seed 000, "Возвращает
// информацию о размещении Webim"): PHP var_dump output of an array of
// strings. String values lose one trailing newline (the server, branch,
// revision and uptime end with one, as shell output does).
type Info struct {
	// TornadoPort is the TCP port of the Chat Backend ("tornado port").
	TornadoPort string
	// AgentBackendPort is the TCP port of the Admin Backend.
	AgentBackendPort string
	// AccountName is the Webim account name.
	AccountName string
	// ScriptLocation is the name of the PHP environment.
	ScriptLocation string
	// TornadoLocation is the name of the Chat Backend environment.
	TornadoLocation string
	// Server is the host name of the server PHP runs on.
	Server string
	// Branch is the branch of the source code, e.g. "release-10.7".
	Branch string
	// Revision is the revision of the source code.
	Revision string
	// Version is the Webim version, e.g. "10.7.x".
	Version string
	// HTTPS is the protocol, "https://" or "http://".
	HTTPS string
	// Uptime is the output of uptime(1) on the server: " 21:48:59 up 36
	// days, 22:02,  0 users,  load average: 1.62, 0.65, 0.35".
	Uptime string
	// Connections are the PHP backend's database connections (NULL in the
	// seed's example).
	Connections *PHPValue
	// Notes say where the answer did not keep to the var_dump format but
	// could be read (see [ParseVarDump]).
	Notes []string
}

// Info fetches the hosting information of the PHP side from path
// (InfoPath when "").
func (c *Client) Info(ctx context.Context, path string) (*Info, error) {
	if path == "" {
		path = InfoPath
	}
	r, err := c.get(ctx, path, nil)
	if err != nil {
		return nil, err
	}
	if r.StatusCode != http.StatusOK {
		return nil, c.fail(r)
	}
	return DecodeInfo(r.Body)
}

// DecodeInfo reads an answer of info.php. Anything but var_dump output of
// an array (an HTML page, JSON, text) is an error of kind
// [plugin.ErrDecode] saying what came instead.
func DecodeInfo(body []byte) (*Info, error) {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, plugin.Errorf(plugin.ErrDecode, "info.php: empty answer, expected PHP var_dump output")
	}
	d, err := ParseVarDump(body)
	if err != nil {
		return nil, notVarDump(body, err)
	}
	v := d.Value
	if v.Kind != PHPArray {
		return nil, plugin.Errorf(plugin.ErrDecode, "info.php: expected a PHP array, got %s", v.Kind)
	}
	in := &Info{Connections: v.Get("connections"), Notes: d.Notes}
	for key, dst := range map[string]*string{
		"tornado port": &in.TornadoPort, "agent backend port": &in.AgentBackendPort,
		"account name": &in.AccountName, "script location": &in.ScriptLocation,
		"tornado location": &in.TornadoLocation, "server": &in.Server,
		"branch": &in.Branch, "revision": &in.Revision, "version": &in.Version,
		"https": &in.HTTPS, "uptime": &in.Uptime,
	} {
		s, err := phpString(v.Get(key), key)
		if err != nil {
			return nil, err
		}
		*dst = s
	}
	return in, nil
}

// notVarDump says what came instead of var_dump output: an HTML page or
// JSON by name, anything else with where the parser stopped.
func notVarDump(body []byte, err error) error {
	t := bytes.TrimSpace(body)
	switch {
	case httpc.IsHTML(t, ""):
		return plugin.Errorf(plugin.ErrDecode, "info.php: expected PHP var_dump output, got %s (a login page or a proxy error?)", httpc.Describe(t, ""))
	case t[0] == '{' || t[0] == '[':
		return plugin.Errorf(plugin.ErrDecode, "info.php: expected PHP var_dump output, got JSON or a Python literal: %s", httpc.Describe(t, ""))
	}
	return plugin.Errorf(plugin.ErrDecode, "info.php: expected PHP var_dump output, got %s: %v", httpc.Describe(t, ""), err)
}

// phpString returns a scalar as text without one trailing newline ("" for
// a missing key or NULL); an array is an error.
func phpString(v *PHPValue, key string) (string, error) {
	if v == nil {
		return "", nil
	}
	switch v.Kind {
	case PHPString:
		s := strings.TrimSuffix(v.Str, "\n")
		return strings.TrimSuffix(s, "\r"), nil
	case PHPInt:
		return strconv.FormatInt(v.Int, 10), nil
	case PHPBool:
		return strconv.FormatBool(v.Bool), nil
	case PHPFloat:
		return strconv.FormatFloat(v.Float, 'f', -1, 64), nil
	case PHPNull:
		return "", nil
	}
	return "", plugin.Errorf(plugin.ErrDecode, "info.php: %q is an array, expected a string", key)
}

// maxLoad bounds a plausible load average.
const maxLoad = 1e6

// Load returns the three load averages of the uptime line (1, 5 and 15
// minutes). It reads "load average: 1.62, 0.65, 0.35", the BSD "load
// averages: 1.62 0.65 0.35" and decimal commas ("1,62, 0,65, 0,35").
func (in *Info) Load() ([3]float64, error) {
	var out [3]float64
	_, rest, ok := strings.Cut(in.Uptime, "load average")
	if !ok {
		return out, plugin.Errorf(plugin.ErrDecode, "info.php: no load average in uptime %q", in.Uptime)
	}
	_, rest, ok = strings.Cut(rest, ":")
	f := strings.Fields(rest)
	if !ok || len(f) != 3 {
		return out, plugin.Errorf(plugin.ErrDecode, "info.php: expected three load averages in uptime %q", in.Uptime)
	}
	for i, s := range f {
		s = strings.ReplaceAll(strings.TrimSuffix(s, ","), ",", ".")
		v, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsNaN(v) || v < 0 || v > maxLoad {
			return out, plugin.Errorf(plugin.ErrDecode, "info.php: load average %q in uptime %q is not a number", f[i], in.Uptime)
		}
		out[i] = v
	}
	return out, nil
}

// OSUptime returns how long the server's OS has been up, from the "up ..."
// part of the uptime line: "36 days, 22:02", "1 day, 5 min", "3:04",
// "42 min", and the BSD "2 hrs", "30 secs".
func (in *Info) OSUptime() (time.Duration, error) {
	bad := func() (time.Duration, error) {
		return 0, plugin.Errorf(plugin.ErrDecode, "info.php: no OS uptime in uptime %q", in.Uptime)
	}
	_, rest, ok := strings.Cut(in.Uptime, " up ")
	if !ok {
		return bad()
	}
	var total time.Duration
	parts := 0
	for _, part := range strings.Split(rest, ",") {
		d, ok := uptimePart(strings.TrimSpace(part))
		if !ok {
			break
		}
		total += d
		parts++
	}
	if parts == 0 {
		return bad()
	}
	return total, nil
}

// uptimePart reads one comma-separated part of "up ...": "N day(s)",
// "H:MM", "N min(s)", "N hr(s)", "N sec(s)"; false for anything else
// ("0 users", "load average: ...").
func uptimePart(s string) (time.Duration, bool) {
	if h, m, ok := strings.Cut(s, ":"); ok {
		hh, err1 := strconv.Atoi(h)
		mm, err2 := strconv.Atoi(m)
		if err1 != nil || err2 != nil || hh < 0 || hh > 23 || mm < 0 || mm > 59 || len(m) != 2 {
			return 0, false
		}
		return time.Duration(hh)*time.Hour + time.Duration(mm)*time.Minute, true
	}
	f := strings.Fields(s)
	if len(f) != 2 {
		return 0, false
	}
	n, err := strconv.Atoi(f[0])
	if err != nil || n < 0 || n > 1e6 {
		return 0, false
	}
	unit := map[string]time.Duration{
		"day": 24 * time.Hour, "days": 24 * time.Hour,
		"hr": time.Hour, "hrs": time.Hour, "hour": time.Hour, "hours": time.Hour,
		"min": time.Minute, "mins": time.Minute,
		"sec": time.Second, "secs": time.Second,
	}[f[1]]
	if unit == 0 {
		return 0, false
	}
	return time.Duration(n) * unit, true
}
