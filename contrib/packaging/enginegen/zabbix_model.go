package main

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/ccmon/webim-checks/lib/checks/all"
	"github.com/ccmon/webim-checks/lib/plugin"
)

// The Zabbix template is derived from the checks' descriptors (plugin.Info)
// and flag definitions: one template per product (Info.Product), one
// external-check master item per check run every Info.Interval, its
// description Info.Short, a dependent item per perfdata label of
// Info.Perf, a discovery rule where Info.Items is set with an item
// prototype per per-item pattern of Info.Perf, the credentials as files
// (every secret flag's -file twin) and the state directory. What only
// Zabbix needs and no descriptor says is in the two tables below: the
// macro prefix of each product, and which flags of each check a template
// passes with a macro (and that macro's default where it is not the
// flag's own).

// zProducts are the macro prefixes of the products' templates, by
// Product.Name.
var zProducts = map[string]string{
	"Webim":                          "WEBIM",
	"Itgrix":                         "ITGRIX",
	"WhatsApp Business API":          "WA",
	"Webim chat event handler (CRM)": "WEBIM_HANDLER",
	"Dolibarr":                       "DOLIBARR",
}

// zFlag is a flag of a check that its master item passes: a switch as it
// is, any other with a macro whose default is Default, or the flag's own
// default when Default is "". Its macro is named after the flag:
// --warning WARN, --critical-disk DISK.CRIT, --min-ports MIN_PORTS.
type zFlag struct {
	Flag, Default string
}

// zFlags are, for every check of the registry, the flags its master item
// passes besides the target, the credentials and the state directory.
var zFlags = map[string][]zFlag{
	"check_webim_db":       {{"warning", "2"}, {"critical", "5"}},
	"check_webim_timers":   {{"warning", ""}, {"critical", ""}, {"warning-failed", ""}},
	"check_webim_restart":  {{"warning", ""}},
	"check_itgrix_license": {{"min-type", ""}, {"warning", ""}, {"critical", ""}},
	"check_itgrix_status":  {},
	"check_wa_gateway":     {{"shards", ""}},
	"check_webim_backend":  {{"warning-tries", ""}},
	"check_webim_account":  {},
	"check_webim_storage":  {{"warning-failed-store", ""}, {"warning", "1000"}, {"critical", "5000"}},
	"check_webim_accounts": {{"warning-failed-store", ""}},
	"check_webim_channels": {{"warning", ""}},
	"check_webim_objects":  {{"warning-growth", "20"}},
	"check_webim_info":     {{"warning-load", ""}, {"critical-load", ""}, {"min-version", ""}},
	"check_webim_ports":    {{"min-ports", ""}},
	"check_webim_envs":     {},
	"check_webim_ping":     {{"warning", "2"}, {"critical", "5"}},
	"check_webim_metrics":  {},
	"check_webim_handler":  {{"handlers-version", ""}, {"warning", "2"}, {"critical", "5"}, {"forged", ""}},
	"check_dolibarr":       {{"api", ""}, {"warning-disk", ""}, {"critical-disk", ""}},
}

// zTemplate is one Zabbix template: a product and its checks.
type zTemplate struct {
	Name    string // "Webim by webim-checks", its technical name
	Visible string // its name as the frontend shows it
	Macro   string // macro prefix: WEBIM
	Tag     string // value of the target and component tags: webim
	Product plugin.Product
	Checks  []zCheck
	Macros  []zMacro
}

// zCheck is what the template holds for one check.
type zCheck struct {
	check
	Key   string // webim.db: prefix of the dependent item keys
	Delay string // Zabbix interval: 5m
	// Args are the flags of the master item's key, after the target.
	Args []zArg
	// NoData is the no-data period of the check, a macro.
	NoData string
}

// zArg is one flag passed in the item key with its macro ("" for a
// switch).
type zArg struct {
	Flag  string
	Macro string
}

// zMacro is one user macro of a template.
type zMacro struct {
	Name, Value, Desc string
	// Credential macros are the login and the files of the secrets.
	Credential bool
}

// zDefaultInterval is the interval of a check that declares none.
const zDefaultInterval = 5 * time.Minute

// zNoData is the no-data period of the checks run at most every 15
// minutes; a check run less often gets its own, three intervals.
const zNoData = 30 * time.Minute

// zTemplates derives the templates from the registry, in the order the
// products joined the suite, their checks in the order they joined.
func zTemplates() ([]zTemplate, error) {
	byName := map[string]check{}
	for _, c := range checks() {
		byName[c.Name] = c
	}
	if err := zFlagsValid(zFlags, byName); err != nil {
		return nil, err
	}
	var out []zTemplate
	index := map[string]int{}
	for _, name := range all.InOrder() {
		c := byName[name]
		p := c.Info.Product
		i, ok := index[p.Name]
		if !ok {
			macro, known := zProducts[p.Name]
			if !known {
				return nil, fmt.Errorf("%s: product %q has no macro prefix in zProducts", name, p.Name)
			}
			i = len(out)
			index[p.Name] = i
			visible := p.Name + " by webim-checks"
			out = append(out, zTemplate{Name: zTechnical(visible), Visible: visible, Macro: macro, Tag: strings.ToLower(macro), Product: p})
		}
		zc, err := zDerive(&out[i], c)
		if err != nil {
			return nil, err
		}
		out[i].Checks = append(out[i].Checks, zc)
	}
	return out, nil
}

// zFlagsValid holds the table of flags (zFlags) to the registry: an entry per check,
// each flag a flag of its check, none a secret (an external check's
// command line is logged on a timeout), none the target or a credential,
// which the template passes itself, and no default repeating the flag's.
func zFlagsValid(table map[string][]zFlag, byName map[string]check) error {
	for name := range byName {
		if _, ok := table[name]; !ok {
			return fmt.Errorf("%s has no entry in zFlags (the flags its Zabbix item passes)", name)
		}
	}
	for name, fs := range table {
		c, ok := byName[name]
		if !ok {
			return fmt.Errorf("zFlags names %s, which is not a registered check", name)
		}
		for _, f := range fs {
			o, ok := c.option(f.Flag)
			switch {
			case !ok:
				return fmt.Errorf("zFlags: %s has no flag --%s", name, f.Flag)
			case o.Secret || o.Shared:
				return fmt.Errorf("zFlags: %s --%s is a credential or a common option, which the template passes itself", name, f.Flag)
			case f.Default != "" && slices.Equal(o.Default, []string{f.Default}):
				return fmt.Errorf("zFlags: %s --%s: the default %s is the flag's own; leave it out", name, f.Flag, f.Default)
			case o.Bool && f.Default != "":
				return fmt.Errorf("zFlags: %s --%s is a switch and takes no default", name, f.Flag)
			}
		}
	}
	return nil
}

// zDerive derives the template's view of check c, adding the macros it
// needs to t.
func zDerive(t *zTemplate, c check) (zCheck, error) {
	zc := zCheck{check: c, Key: strings.ReplaceAll(strings.TrimPrefix(c.Name, "check_"), "_", ".")}
	every := zDefaultInterval
	if c.Info.Interval != "" {
		d, err := time.ParseDuration(c.Info.Interval)
		if err != nil || d < time.Minute {
			return zc, fmt.Errorf("%s: Info.Interval %q is not a duration of a minute or more", c.Name, c.Info.Interval)
		}
		every = d
	}
	zc.Delay = zDuration(every)
	word := zCheckWord(t, c)
	zc.NoData = "{$" + t.Macro + ".NODATA}"
	if 2*every > zNoData {
		m := zMacroName(t.Macro, word, "NODATA")
		zc.NoData = m
		t.add(zMacro{Name: m, Value: zDuration(3 * every), Desc: fmt.Sprintf("%s runs every %s: how long without a result before its no-data trigger fires (three runs).", c.Name, zc.Delay)})
	}
	creds, err := zCredentials(t, c)
	if err != nil {
		return zc, err
	}
	zc.Args = creds
	for _, f := range zFlags[c.Name] {
		o, _ := c.option(f.Flag)
		if o.Bool {
			zc.Args = append(zc.Args, zArg{Flag: "--" + f.Flag})
			continue
		}
		m := zMacroName(t.Macro, word, zFlagPart(f.Flag))
		value := f.Default
		if value == "" {
			value = strings.Join(o.Default, ",")
		}
		t.add(zMacro{Name: m, Value: value, Desc: fmt.Sprintf("%s --%s: %s", c.Name, f.Flag, o.Desc)})
		zc.Args = append(zc.Args, zArg{Flag: "--" + f.Flag, Macro: m})
	}
	return zc, nil
}

// zCredentials returns the credential and state-directory flags of check
// c with their macros, added to t: the login, and each secret as the file
// of its -file twin, never the secret itself.
func zCredentials(t *zTemplate, c check) ([]zArg, error) {
	var args []zArg
	for _, o := range c.Options {
		switch {
		case o.Secret:
			f, ok := c.option(o.Long + "-file")
			if !ok {
				return nil, fmt.Errorf("%s: secret --%s has no --%s-file, which a Zabbix item could pass", c.Name, o.Long, o.Long)
			}
			m := zMacroName(t.Macro, zFlagPart(o.Long), "FILE")
			t.add(zMacro{Name: m, Credential: true, Desc: fmt.Sprintf("--%s: %s. Readable by the zabbix user only. A file, not the secret: on a timeout the server logs the whole command line (see README.md).", f.Long, f.Desc)})
			args = append(args, zArg{Flag: "--" + f.Long, Macro: m})
		case o.Long == "state-dir":
			m := zMacroName(t.Macro, "STATE_DIR")
			t.add(zMacro{Name: m, Desc: "--state-dir of the checks that keep state: " + o.Desc + ". Empty: the check's default, a directory of the user it runs as (the zabbix user); see README.md."})
			args = append(args, zArg{Flag: "--state-dir", Macro: m})
		case o.Env != "" && !o.Bool:
			m := zMacroName(t.Macro, zFlagPart(o.Long))
			t.add(zMacro{Name: m, Credential: true, Desc: fmt.Sprintf("--%s: %s.", o.Long, o.Desc)})
			args = append(args, zArg{Flag: "--" + o.Long, Macro: m})
		}
	}
	return args, nil
}

// add adds a macro to the template unless it has one of that name (a
// login shared by its checks).
func (t *zTemplate) add(m zMacro) {
	for _, have := range t.Macros {
		if have.Name == m.Name {
			return
		}
	}
	t.Macros = append(t.Macros, m)
}

// zCheckWord is the word of a check in its macros: its name after the
// product's prefix (check_webim_timers in WEBIM: TIMERS; check_dolibarr in
// DOLIBARR: none).
func zCheckWord(t *zTemplate, c check) string {
	rest := strings.TrimPrefix(strings.TrimPrefix(c.Name, "check_"), strings.ToLower(t.Macro))
	return strings.ToUpper(strings.Trim(rest, "_"))
}

// zFlagPart is a flag's part of a macro name: --warning WARN, --critical
// CRIT, --warning-failed-store FAILED_STORE.WARN, --min-ports MIN_PORTS.
func zFlagPart(flag string) string {
	for _, p := range []struct{ flag, word string }{{"warning", "WARN"}, {"critical", "CRIT"}} {
		if flag == p.flag {
			return p.word
		}
		if rest, ok := strings.CutPrefix(flag, p.flag+"-"); ok {
			return zFlagPart(rest) + "." + p.word
		}
	}
	return strings.ToUpper(strings.ReplaceAll(flag, "-", "_"))
}

// zMacroName joins the non-empty parts into a user macro: {$WEBIM.DB.WARN}.
func zMacroName(parts ...string) string {
	var keep []string
	for _, p := range parts {
		if p != "" {
			keep = append(keep, p)
		}
	}
	return "{$" + strings.Join(keep, ".") + "}"
}

// zDuration writes a duration as a Zabbix time suffix: 90s, 5m, 3h, 1d.
func zDuration(d time.Duration) string {
	switch {
	case d%(24*time.Hour) == 0:
		return fmt.Sprintf("%dd", d/(24*time.Hour))
	case d%time.Hour == 0:
		return fmt.Sprintf("%dh", d/time.Hour)
	case d%time.Minute == 0:
		return fmt.Sprintf("%dm", d/time.Minute)
	}
	return fmt.Sprintf("%ds", d/time.Second)
}

// zItemWord is what a per-item pattern of Info.Perf measures of each
// item: the pattern without its upper-case word (ACCOUNT_in_queue:
// in_queue; METRIC: "", the item's only value).
func zItemWord(label string) string {
	i := strings.IndexFunc(label, unicode.IsUpper)
	j := i
	for j < len(label) && (unicode.IsUpper(rune(label[j])) || label[j] == '_' && j+1 < len(label) && unicode.IsUpper(rune(label[j+1]))) {
		j++
	}
	return strings.Trim(label[:i]+"_"+label[j:], "_")
}

// zTechnical is a template's technical name: Zabbix takes letters, digits,
// spaces, dots, dashes and underscores ("Webim chat event handler (CRM)":
// "Webim chat event handler CRM").
func zTechnical(name string) string {
	keep := strings.Map(func(r rune) rune {
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune(" ._-", r)) {
			return r
		}
		return -1
	}, name)
	return strings.Join(strings.Fields(keep), " ")
}
