package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// zStates are the trigger states: code, word, severity.
var zStates = []struct {
	Code     int
	Word     string
	Priority string
}{
	{1, "WARNING", "WARNING"},
	{2, "CRITICAL", "HIGH"},
	{3, "UNKNOWN", "AVERAGE"},
}

// The JavaScript preprocessing steps of the template. A status item holds
// the state code and the summary of one run in one value ("2 the meta
// database is unreachable"): a trigger on it alone names the problem with
// the summary of the very run that opened it (separate state and summary
// items arrive one after the other, and a problem could open with the
// previous run's summary).
const (
	jsStatus     = `var r = JSON.parse(value); return r.code + ' ' + r.summary;`
	jsItemStatus = `var r = JSON.parse(value); return {OK: 0, WARNING: 1, CRITICAL: 2, UNKNOWN: 3}[r.state] + ' ' + r.summary;`
	jsItemState  = `var c = {OK: 0, WARNING: 1, CRITICAL: 2, UNKNOWN: 3}[value]; if (c === undefined) throw 'not a state: ' + value; return c;`
	// zSummary is the summary of a status item in a trigger name.
	zSummary = `{{ITEM.LASTVALUE1}.regsub("^[0-9] (.*)", \1)}`
)

// zabbixUUID is a stable UUID for an entity of the template: the version 4
// layout Zabbix generates (32 hex digits, no dashes), derived from the
// entity's identity so that regenerating the file does not change it.
func zabbixUUID(parts ...string) string {
	sum := sha256.Sum256([]byte("webim-checks/zabbix/" + strings.Join(parts, "/")))
	b := sum[:16]
	b[6] = b[6]&0x0f | 0x40 // version 4
	b[8] = b[8]&0x3f | 0x80 // RFC 4122 variant
	return hex.EncodeToString(b)
}

// masterKey is the external check's item key: the binary with its
// arguments, each a quoted key parameter.
func masterKey(t zTemplate, c zCheck) string {
	args := []string{"--host", fmt.Sprintf("{$%s.SCHEME}://{HOST.CONN}:{$%s.PORT}{$%s.PATH}", t.Macro, t.Macro, t.Macro),
		"--timeout", "{$" + t.Macro + ".TIMEOUT}", "--format", "json"}
	for _, a := range c.Args {
		args = append(args, a.Flag)
		if a.Macro != "" { // not a switch such as --forged
			args = append(args, a.Macro)
		}
	}
	q := make([]string, len(args))
	for i, a := range args {
		q[i] = `"` + a + `"`
	}
	return c.Name + "[" + strings.Join(q, ",") + "]"
}

// yq quotes a YAML scalar in single quotes.
func yq(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// zMeaning is a perfdata meaning as a sentence.
func zMeaning(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + strings.TrimSuffix(s[1:], ".") + "."
}

const zHeader = `# Zabbix templates for webim-checks, in the export format of Zabbix 6.0 LTS
# (importable into 6.0 and 7.0). Generated from the checks' descriptors and
# flag definitions by contrib/packaging/enginegen (make contrib): do not
# edit, regenerate. Installation, timeouts and secrets: README.md beside
# this file.
zabbix_export:
  version: '6.0'
  groups:
`

func zabbix(b *bytes.Buffer) error {
	tpls, err := zTemplates()
	if err != nil {
		return err
	}
	b.WriteString(zHeader)
	fmt.Fprintf(b, "    - uuid: %s\n      name: Templates/Applications\n  templates:\n", zabbixUUID("group", "Templates/Applications"))
	var triggers bytes.Buffer
	for _, t := range tpls {
		fmt.Fprintf(b, "    - uuid: %s\n", zabbixUUID("template", t.Name))
		fmt.Fprintf(b, "      template: %s\n", yq(t.Name))
		fmt.Fprintf(b, "      name: %s\n", yq(t.Visible))
		fmt.Fprintf(b, "      description: %s\n", yq(zTemplateDesc(t)))
		b.WriteString("      groups:\n        - name: Templates/Applications\n")
		b.WriteString("      items:\n")
		for _, c := range t.Checks {
			zCheckItems(b, &triggers, t, c)
		}
		var rules bytes.Buffer
		for _, c := range t.Checks {
			if c.Info.Items != "" {
				zDiscovery(&rules, t, c)
			}
		}
		if rules.Len() > 0 {
			b.WriteString("      discovery_rules:\n")
			b.Write(rules.Bytes())
		}
		b.WriteString("      tags:\n        - tag: class\n          value: software\n        - tag: target\n")
		fmt.Fprintf(b, "          value: %s\n", t.Tag)
		zMacros(b, t)
	}
	b.WriteString("  triggers:\n")
	b.Write(triggers.Bytes())
	return nil
}

// zTemplateDesc describes a template: its product and its checks.
func zTemplateDesc(t zTemplate) string {
	names := make([]string, len(t.Checks))
	for i, c := range t.Checks {
		names[i] = c.Name
	}
	return fmt.Sprintf("%s, checked by %s. Each check is an external check run with --format json; see README.md beside this file.", t.Product.Name, strings.Join(names, ", "))
}

// zCheckItems writes a check's master item, its dependent items and, into
// triggers, its triggers.
func zCheckItems(b, triggers *bytes.Buffer, t zTemplate, c zCheck) {
	master := masterKey(t, c)
	fmt.Fprintf(b, "        - uuid: %s\n", zabbixUUID("item", t.Name, c.Name))
	fmt.Fprintf(b, "          name: %s\n", yq(c.Info.Prefix+": check result"))
	b.WriteString("          type: EXTERNAL\n")
	fmt.Fprintf(b, "          key: %s\n", yq(master))
	fmt.Fprintf(b, "          delay: %s\n", c.Delay)
	b.WriteString("          history: 1d\n          trends: '0'\n          value_type: TEXT\n")
	fmt.Fprintf(b, "          description: %s\n", yq(c.Info.Short+" The whole result of "+c.Name+" --format json; the items below take it apart."))
	fmt.Fprintf(b, "          tags:\n            - tag: component\n              value: %s\n", t.Tag)

	stateKey, statusKey := c.Key+".state", c.Key+".status"
	ind := "        "
	zDependent(b, ind, t, master, zDep{Key: stateKey, Name: c.Info.Prefix + ": state", ValueType: "UNSIGNED", Valuemap: true,
		Desc:  "The state of the last run: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.",
		Steps: []zStep{{"JSONPATH", "$.code", false}}})
	zDependent(b, ind, t, master, zDep{Key: statusKey, Name: c.Info.Prefix + ": status", ValueType: "TEXT",
		Desc:  "The state code and the summary of the last run in one value (\"2 the meta database is unreachable\"): the triggers read it, so that a problem's name shows the summary of the run that opened it.",
		Steps: []zStep{{"JAVASCRIPT", jsStatus, false}}})
	for _, p := range c.Info.Perf {
		if p.PerItem() {
			continue // an item prototype of the discovery rule, if any
		}
		zDependent(b, ind, t, master, zDep{Key: c.Key + ".perf[" + p.Label + "]", Name: c.Info.Prefix + ": " + p.Label, ValueType: "FLOAT", Units: p.Unit,
			Desc:  zMeaning(p.Meaning) + " Perfdata " + p.Label + ".",
			Steps: []zStep{{"JSONPATH", "$.perfdata[?(@.label=='" + p.Label + "')].value.first()", true}}})
	}
	for _, s := range zStates {
		expr := fmt.Sprintf(`find(/%s/%s,,"regexp","^%d ")=1`, t.Name, statusKey, s.Code)
		desc := fmt.Sprintf("%s exited %d (%s). The trigger name carries the check's summary; the item %s: check result holds the whole answer.", c.Name, s.Code, s.Word, c.Info.Prefix)
		zTrigger(triggers, "    ", zabbixUUID("trigger", t.Name, c.Name, s.Word), expr, c.Info.Prefix+" "+s.Word+": "+zSummary, s.Priority, desc, t.Tag)
	}
	zTrigger(triggers, "    ", zabbixUUID("trigger", t.Name, c.Name, "nodata"),
		fmt.Sprintf("nodata(/%s/%s,%s)=1", t.Name, stateKey, c.NoData), c.Info.Prefix+": no result for "+c.NoData, "AVERAGE",
		"No state from "+c.Name+": the external check is missing, not executable, or exceeds the Zabbix Timeout (see README.md).", t.Tag)
}

// zTrigger writes one trigger (or trigger prototype) at indentation ind.
func zTrigger(b *bytes.Buffer, ind, uuid, expr, name, priority, desc, product string) {
	fmt.Fprintf(b, "%s- uuid: %s\n", ind, uuid)
	fmt.Fprintf(b, "%s  expression: %s\n", ind, yq(expr))
	fmt.Fprintf(b, "%s  name: %s\n", ind, yq(name))
	fmt.Fprintf(b, "%s  priority: %s\n", ind, priority)
	fmt.Fprintf(b, "%s  description: %s\n", ind, yq(desc))
	fmt.Fprintf(b, "%s  tags:\n%s    - tag: component\n%s      value: %s\n", ind, ind, ind, product)
}

// zDep is a dependent item or item prototype.
type zDep struct {
	Key, Name, ValueType, Units, Desc string
	Steps                             []zStep
	Valuemap                          bool
}

// zStep is one preprocessing step; Discard drops the value when the step
// fails (a value the run did not report), rather than an error.
type zStep struct {
	Type, Param string
	Discard     bool
}

// zDependent writes one dependent item of the master item at indentation
// ind (items and item prototypes have the same shape).
func zDependent(b *bytes.Buffer, ind string, t zTemplate, master string, d zDep) {
	fmt.Fprintf(b, "%s- uuid: %s\n", ind, zabbixUUID("item", t.Name, d.Key))
	fmt.Fprintf(b, "%s  name: %s\n", ind, yq(d.Name))
	fmt.Fprintf(b, "%s  type: DEPENDENT\n", ind)
	fmt.Fprintf(b, "%s  key: %s\n", ind, yq(d.Key))
	fmt.Fprintf(b, "%s  delay: '0'\n", ind)
	if d.ValueType == "TEXT" {
		fmt.Fprintf(b, "%s  history: 7d\n%s  trends: '0'\n", ind, ind)
	}
	fmt.Fprintf(b, "%s  value_type: %s\n", ind, d.ValueType)
	if d.Units != "" {
		fmt.Fprintf(b, "%s  units: %s\n", ind, yq(d.Units))
	}
	fmt.Fprintf(b, "%s  description: %s\n", ind, yq(d.Desc))
	if d.Valuemap {
		fmt.Fprintf(b, "%s  valuemap:\n%s    name: 'webim-checks state'\n", ind, ind)
	}
	zSteps(b, ind, d.Steps)
	fmt.Fprintf(b, "%s  master_item:\n%s    key: %s\n", ind, ind, yq(master))
	fmt.Fprintf(b, "%s  tags:\n%s    - tag: component\n%s      value: %s\n", ind, ind, ind, t.Tag)
}

func zSteps(b *bytes.Buffer, ind string, steps []zStep) {
	fmt.Fprintf(b, "%s  preprocessing:\n", ind)
	for _, s := range steps {
		fmt.Fprintf(b, "%s    - type: %s\n%s      parameters:\n%s        - %s\n", ind, s.Type, ind, ind, yq(s.Param))
		if s.Discard {
			fmt.Fprintf(b, "%s      error_handler: DISCARD_VALUE\n", ind)
		}
	}
}

// zMacros writes a template's macros and its value map.
func zMacros(b *bytes.Buffer, t zTemplate) {
	b.WriteString("      macros:\n")
	for _, m := range zAllMacros(t) {
		fmt.Fprintf(b, "        - macro: %s\n", yq(m.Name))
		if m.Value != "" {
			fmt.Fprintf(b, "          value: %s\n", yq(m.Value))
		}
		fmt.Fprintf(b, "          description: %s\n", yq(m.Desc))
	}
	b.WriteString("      valuemaps:\n")
	fmt.Fprintf(b, "        - uuid: %s\n", zabbixUUID("valuemap", t.Name, "state"))
	b.WriteString("          name: 'webim-checks state'\n          mappings:\n")
	for i, w := range []string{"OK", "WARNING", "CRITICAL", "UNKNOWN"} {
		fmt.Fprintf(b, "            - value: '%d'\n              newvalue: %s\n", i, w)
	}
}

// zAllMacros are a template's macros, in name order: the target and the
// common ones, then those of its checks.
func zAllMacros(t zTemplate) []zMacro {
	port := strconv.Itoa(t.Product.Port)
	if t.Product.Port == 0 {
		port = map[string]string{"https": "443", "http": "80"}[t.Product.Scheme]
	}
	macros := append([]zMacro{
		{Name: "{$" + t.Macro + ".SCHEME}", Value: t.Product.Scheme, Desc: "Scheme of the URL the checks query, with {HOST.CONN}: https or http."},
		{Name: "{$" + t.Macro + ".PORT}", Value: port, Desc: "Port of the URL the checks query."},
		{Name: "{$" + t.Macro + ".PATH}", Desc: "Path prefix of the URL, if the service lives under one (e.g. /webim); empty otherwise."},
		{Name: "{$" + t.Macro + ".TIMEOUT}", Value: "2", Desc: "Deadline of a check in seconds (-t), retries included. Keep it below the Timeout of the Zabbix server or proxy (3 s by default; see README.md)."},
		{Name: "{$" + t.Macro + ".NODATA}", Value: zDuration(zNoData), Desc: "How long without a result before the no-data trigger of a check fires."},
	}, t.Macros...)
	sort.SliceStable(macros, func(i, j int) bool { return macros[i].Name < macros[j].Name })
	return macros
}
