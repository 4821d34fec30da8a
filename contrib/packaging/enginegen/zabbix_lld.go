package main

import (
	"bytes"
	"fmt"
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

// zDiscovery writes the discovery rule of check c, whose items are what
// ("timer", "node").
func zDiscovery(b *bytes.Buffer, t zTemplate, c zCheck, what string) {
	master := masterKey(t, c)
	title := t.Title + " " + what + " {#NAME}"
	key := c.Key + "." + what
	fmt.Fprintf(b, "        - uuid: %s\n", zabbixUUID("discovery", t.Name, c.Name))
	fmt.Fprintf(b, "          name: %s\n", yq(c.Title+": "+what+" discovery"))
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
	for _, p := range c.ItemPerf {
		zDependent(b, ind, t, master, zDep{Key: key + `.perf["{#NAME}",` + p.Label + "]", Name: title + ": " + p.Name, ValueType: "FLOAT", Units: p.Units,
			Desc: p.Desc + " Perfdata " + p.Label + " of the item.",
			Steps: []zStep{{"JSONPATH", zItemPath, true},
				{"JSONPATH", "$.perfdata[?(@.label=='" + p.Label + "')].value.first()", true}}})
	}
	b.WriteString("          trigger_prototypes:\n")
	for _, s := range zStates {
		expr := fmt.Sprintf(`find(/%s/%s.status["{#NAME}"],,"regexp","^%d ")=1`, t.Name, key, s.Code)
		zTrigger(b, "            ", zabbixUUID("trigger prototype", t.Name, c.Name, s.Word), expr,
			title+" "+s.Word+": "+zSummary, s.Priority,
			fmt.Sprintf("The %s {#NAME} is %s in the last run of %s.", what, s.Word, c.Name), t.Product)
	}
	fmt.Fprintf(b, "          master_item:\n            key: %s\n", yq(master))
	b.WriteString("          lld_macro_paths:\n            - lld_macro: '{#NAME}'\n              path: $.name\n")
	zSteps(b, "        ", []zStep{{"JSONPATH", "$.items", true}})
}
