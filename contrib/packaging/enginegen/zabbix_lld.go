package main

import (
	"bytes"
	"fmt"
	"strings"
)

// Low-level discovery: a check that judges many things (timers, nodes)
// lists them in its JSON as "items", each with a name, a state, a summary
// and perfdata. A dependent discovery rule on the check's master item
// finds them ({#NAME}); item prototypes take each one's state, status and
// perfdata out of the same master value, and trigger prototypes open a
// problem per thing, named after it.

// zItemPath selects the JSON item of the discovered thing. A name with a
// single quote cannot be selected (none of the products' names has one).
const zItemPath = `$.items[?(@.name=='{#NAME}')].first()`

// jsItemPerf is the script that finds the perfdata of a per-item pattern
// of Info.Perf in an item's perfdata: the label that is the pattern's word
// (errors for CHANNEL_errors), else one ending in it after an underscore
// (wmtest107_in_queue for ACCOUNT_in_queue), else one starting with it and
// an underscore (max_time for TIMER_max); a pattern that is only its
// upper-case word (METRIC) takes the item's first. It returns that
// perfdata as JSON, or {} when there is none, for a JSONPath step to take
// the value or discard it (Zabbix 6.0 lets a JavaScript step fail, not
// discard). The word is the script's first statement.
func jsItemPerf(word string) string {
	return "var s = " + jsQuote(word) + "; " + jsItemPerfBody
}

const jsItemPerfBody = `var p = JSON.parse(value).perfdata || [], i; ` +
	`if (s === '' && p.length > 0) return JSON.stringify(p[0]); ` +
	`for (i = 0; i < p.length; i++) if (p[i].label === s) return JSON.stringify(p[i]); ` +
	`for (i = 0; i < p.length; i++) if (s !== '' && p[i].label.slice(-s.length - 1) === '_' + s) return JSON.stringify(p[i]); ` +
	`for (i = 0; i < p.length; i++) if (s !== '' && p[i].label.indexOf(s + '_') === 0) return JSON.stringify(p[i]); ` +
	`return '{}';`

// jsQuote quotes a perfdata word ([a-z0-9_]) for JavaScript.
func jsQuote(s string) string { return "'" + s + "'" }

// zDiscovery writes the discovery rule of check c, whose items are
// c.Info.Items ("timer", "account"), with an item prototype per per-item
// pattern of its perfdata.
func zDiscovery(b *bytes.Buffer, t zTemplate, c zCheck) {
	master, what := masterKey(t, c), c.Info.Items
	title := c.Info.Prefix + " " + what + " {#NAME}"
	key := c.Key + "." + what
	fmt.Fprintf(b, "        - uuid: %s\n", zabbixUUID("discovery", t.Name, c.Name))
	fmt.Fprintf(b, "          name: %s\n", yq(c.Info.Prefix+": "+what+" discovery"))
	b.WriteString("          type: DEPENDENT\n")
	fmt.Fprintf(b, "          key: %s\n", yq(c.Key+".discovery"))
	b.WriteString("          delay: '0'\n          lifetime: 7d\n")
	fmt.Fprintf(b, "          description: %s\n", yq(fmt.Sprintf("Every %s that %s judges, from the items of its JSON answer; a %s no longer reported is deleted after 7 days.", what, c.Name, what)))
	b.WriteString("          item_prototypes:\n")
	ind := "            "
	zDependent(b, ind, t, master, zDep{Key: key + `.state["{#NAME}"]`, Name: title + ": state", ValueType: "UNSIGNED", Valuemap: true,
		Desc:  "The state of the " + what + " in the last run: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.",
		Steps: []zStep{{"JSONPATH", `$.items[?(@.name=='{#NAME}')].state.first()`, true}, {"JAVASCRIPT", jsItemState, false}}})
	zDependent(b, ind, t, master, zDep{Key: key + `.status["{#NAME}"]`, Name: title + ": status", ValueType: "TEXT",
		Desc:  "The state code and the summary of the " + what + " in the last run, in one value: the trigger prototypes read it.",
		Steps: []zStep{{"JSONPATH", zItemPath, true}, {"JAVASCRIPT", jsItemStatus, false}}})
	for _, p := range c.Info.Perf {
		if !p.PerItem() {
			continue
		}
		word := zItemWord(p.Label)
		zDependent(b, ind, t, master, zDep{Key: key + `.perf["{#NAME}",` + strings.ToLower(p.Label) + "]", Name: title + ": " + strings.ToLower(p.Label), ValueType: "FLOAT", Units: p.Unit,
			Desc:  zMeaning(p.Meaning) + " Perfdata " + p.Label + ", here of the " + what + " {#NAME}.",
			Steps: []zStep{{"JSONPATH", zItemPath, true}, {"JAVASCRIPT", jsItemPerf(word), false}, {"JSONPATH", "$.value", true}}})
	}
	b.WriteString("          trigger_prototypes:\n")
	for _, s := range zStates {
		expr := fmt.Sprintf(`find(/%s/%s.status["{#NAME}"],,"regexp","^%d ")=1`, t.Name, key, s.Code)
		zTrigger(b, "            ", zabbixUUID("trigger prototype", t.Name, c.Name, s.Word), expr,
			title+" "+s.Word+": "+zSummary, s.Priority,
			fmt.Sprintf("The %s {#NAME} is %s in the last run of %s.", what, s.Word, c.Name), t.Tag)
	}
	fmt.Fprintf(b, "          master_item:\n            key: %s\n", yq(master))
	b.WriteString("          lld_macro_paths:\n            - lld_macro: '{#NAME}'\n              path: $.name\n")
	zSteps(b, "        ", []zStep{{"JSONPATH", "$.items", true}})
}
