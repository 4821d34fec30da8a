// Package itgrixlicense is check_itgrix_license: is the Itgrix license of
// the expected type, and how many days are left before it ends? GET
// :8077/status with the admin panel login over HTTP Digest (CONTRACT
// section 8, seed 001 "License change").
package itgrixlicense

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/ccmon/webim-checks/lib/itgrix"
	"github.com/ccmon/webim-checks/lib/plugin"
)

// Check is check_itgrix_license. The zero value is ready to parse flags into.
type Check struct {
	Login    plugin.Login       `group:"Itgrix admin panel login" env-namespace:"ITGRIX"`
	MinType  itgrix.LicenseType `long:"min-type" value-name:"TYPE" default:"Professional" description:"lowest acceptable license type: Professional, Subscription or Free (in that order); a lower one is CRITICAL"`
	Warning  Days               `short:"w" long:"warning" value-name:"DAYS" default:"30" description:"WARNING when fewer than DAYS days are left before the license ends (calendar days in the local time zone)"`
	Critical Days               `short:"c" long:"critical" value-name:"DAYS" default:"7" description:"CRITICAL when fewer than DAYS days are left before the license ends (calendar days in the local time zone)"`
}

// Days is a number of days left for -w/-c: "30", or "30:" as in the
// range syntax, both meaning "alert when fewer than 30 days are left".
type Days int

// UnmarshalFlag implements the go-flags Unmarshaler.
func (d *Days) UnmarshalFlag(s string) error {
	t := strings.TrimSuffix(strings.TrimSpace(s), ":")
	n, err := strconv.Atoi(t)
	if err != nil || n < 0 || n > 100000 {
		return fmt.Errorf("%q is not a number of days (want a whole number such as 30)", s)
	}
	*d = Days(n)
	return nil
}

// MarshalFlag implements the go-flags Marshaler (defaults in help).
func (d Days) MarshalFlag() (string, error) { return strconv.Itoa(int(d)), nil }

// Range returns the threshold range "N:" (alert below N), as perfdata shows it.
func (d Days) Range() *plugin.Range { return plugin.MustRange(strconv.Itoa(int(d)) + ":") }

// New returns the check with its defaults.
func New() *Check { return &Check{} }

// Info describes the check.
func (c *Check) Info() plugin.Info {
	return plugin.Info{
		Name:    "check_itgrix_license",
		Prefix:  "ITGRIX LICENSE",
		Product: itgrix.Product,
		Perf: plugin.WithTime([]plugin.PerfDef{
			{Label: "days_left", Meaning: "days until the license expires (0 on its last valid day)"},
		}),
		Interval: "1h",
		Short:    "Checks the type and the last valid day of the Itgrix license (GET :8077/status, license.type and license.valid_till).",
		States: []string{
			"OK        the license is at least --min-type and has at least -w days left, or has no expiry date",
			"WARNING   fewer than -w days left (default 30)",
			"CRITICAL  the license fell back to a lower type than --min-type (e.g. Free after losing the licensing server); fewer than -c days left (default 7); past its last valid day; or the server is down, times out or answers 5xx",
			"UNKNOWN   wrong login (HTTP 401/403), an unknown license type, an unreadable date, an answer without a license, an answer that is not JSON, bad command line",
			"Days left are calendar days in the local time zone: valid_till minus today; on the last valid day 0 days are left and the license is still valid.",
		},
		Examples: []string{
			"ITGRIX_USER=admin ITGRIX_PASSWORD=secret check_itgrix_license -H asterisk.example.com",
			"check_itgrix_license -H asterisk.example.com:8077 -U admin --password-file /etc/nagios/itgrix.pw --min-type Subscription -w 45 -c 14",
		},
	}
}

// Run performs the check.
func (c *Check) Run(ctx context.Context, env *plugin.Env) (*plugin.Result, error) {
	st, err := itgrix.FetchStatus(ctx, env, c.Login)
	if err != nil {
		return nil, err
	}
	res := c.judge(st, env)
	if env.Verbosity() >= 1 && st.Layout != itgrix.LayoutNone {
		res.AddLong("license read from %s of the status answer", st.Layout)
	}
	return res, nil
}

// judge turns the license of a status answer into a result (without the
// "time" perfdata).
func (c *Check) judge(st *itgrix.Status, env *plugin.Env) *plugin.Result {
	res := &plugin.Result{}
	lic := st.License
	if lic == nil {
		res.State = plugin.Unknown
		res.Summary = "no license in the answer (looked at the top level and under app)"
		return res
	}
	// without a type the date is still judged: an expired license is
	// CRITICAL whatever its type says
	name, typePart := c.judgeType(lic, res)
	datePart := c.judgeDate(lic, name, env.Now(), res)

	// problems first, the worse one first
	parts := []plugin.Partial{datePart}
	if typePart != nil {
		if plugin.Severity(typePart.State) >= plugin.Severity(datePart.State) {
			parts = []plugin.Partial{*typePart, datePart}
		} else {
			parts = append(parts, *typePart)
		}
	}
	texts := make([]string, 0, len(parts))
	for _, p := range parts {
		res.Raise(p.State)
		texts = append(texts, p.Text)
	}
	res.Summary = strings.Join(texts, "; ")
	return res
}

// judgeType judges license.type against --min-type: the name of the type
// for the summary, and the problem with it, if any.
func (c *Check) judgeType(lic *itgrix.License, res *plugin.Result) (string, *plugin.Partial) {
	raw := ""
	if lic.Type != nil {
		raw = strings.TrimSpace(*lic.Type)
	}
	t, ok := itgrix.ParseLicenseType(raw)
	switch {
	case ok && t.Rank() < c.MinType.Rank():
		res.AddLong("license type %s (need at least %s)", t, c.MinType)
		return string(t), &plugin.Partial{State: plugin.Critical, Text: fmt.Sprintf("license fell back to %s (limited functionality; e.g. the licensing server was unreachable); need %s", t, c.MinType)}
	case ok:
		res.AddLong("license type %s (need at least %s)", t, c.MinType)
		return string(t), nil
	case lic.Type == nil:
		return "unnamed", &plugin.Partial{State: plugin.Unknown, Text: "no license.type in the answer (expected Professional, Subscription or Free)"}
	case raw == "":
		return "unnamed", &plugin.Partial{State: plugin.Unknown, Text: "license.type is empty (expected Professional, Subscription or Free)"}
	}
	return raw, &plugin.Partial{State: plugin.Unknown, Text: fmt.Sprintf("unknown license type %q (expected Professional, Subscription or Free)", raw)}
}

// judgeDate judges the last valid day against -w and -c as of today,
// adding the days_left perfdata.
func (c *Check) judgeDate(lic *itgrix.License, name string, today time.Time, res *plugin.Result) plugin.Partial {
	if lic.ValidTill == nil || strings.TrimSpace(*lic.ValidTill) == "" {
		return plugin.Partial{State: plugin.OK, Text: name + " license has no expiry date"}
	}
	date := strings.TrimSpace(*lic.ValidTill)
	days, err := itgrix.DaysLeft(date, today)
	if err != nil {
		return plugin.Partial{State: plugin.Unknown, Text: fmt.Sprintf("cannot read license.valid_till %q (%v)", date, err)}
	}
	th := plugin.Thresholds{Warn: c.Warning.Range(), Crit: c.Critical.Range()}
	res.AddPerf(plugin.Perf{Label: "days_left", Value: float64(days), Warn: th.Warn, Crit: th.Crit})
	state := th.Evaluate(float64(days))
	if days < 0 {
		state = plugin.Critical
	}
	res.AddLong("last valid day %s, today %s (%s): %s", date, today.Format("2006-01-02"), zoneName(today), daysLeftText(days))
	return plugin.Partial{State: state, Text: dateText(name, date, days, state, c)}
}

// dateText is the phrase about the last valid day, naming the type.
func dateText(name, date string, days int, s plugin.State, c *Check) string {
	switch {
	case days < 0:
		return fmt.Sprintf("%s license expired on %s (%s)", name, date, ago(-days))
	case s == plugin.OK && days == 0:
		return fmt.Sprintf("%s license valid until %s (today is the last valid day)", name, date)
	case s == plugin.OK:
		return fmt.Sprintf("%s license valid until %s (%s left)", name, date, plugin.Plural(days, "day"))
	}
	limit := c.Warning
	if s == plugin.Critical {
		limit = c.Critical
	}
	if days == 0 {
		return fmt.Sprintf("%s license ends today: %s is its last valid day (0 days left, fewer than %d)", name, date, limit)
	}
	return fmt.Sprintf("%s license ends soon: valid until %s (%s left, fewer than %d)", name, date, plugin.Plural(days, "day"), limit)
}

func daysLeftText(days int) string {
	switch {
	case days < 0:
		return "expired " + ago(-days)
	case days == 0:
		return "0 days left, still valid today"
	}
	return plugin.Plural(days, "day") + " left"
}

func ago(days int) string {
	if days == 1 {
		return "yesterday"
	}
	return plugin.Plural(days, "day") + " ago"
}

// zoneName names the time zone "today" was taken in.
func zoneName(t time.Time) string {
	if name, _ := t.Zone(); name != "" {
		return name
	}
	return t.Format("-07:00")
}
