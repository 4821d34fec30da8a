package main

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/ccmon/webim-checks/lib/checks/all"
	"github.com/ccmon/webim-checks/lib/plugin"
)

// Regions are the parts of hand-written files that are generated from the
// checks' descriptors: the text between the marker lines
//
//	<!-- generated:NAME begin -->
//	<!-- generated:NAME end -->
//
// (in YAML, "# generated:NAME begin"/"end") is replaced, the rest is kept.
var Regions = []struct {
	Path, Name string
	Gen        func(*bytes.Buffer) error
}{
	{"README.md", "checks", readmeChecks},
	{"contrib/zabbix/README.md", "perfdata", zabbixPerfTable},
	{"contrib/zabbix/README.md", "credentials", zabbixCredentials},
	{"contrib/zabbix/README.md", "macros", zabbixMacroTable},
	{"contrib/packaging/nfpm.yaml", "description", packageDescription},
	{"contrib/completion/webim-checks.bash", "checks", completionBinding},
}

// completionBinding binds the completion function to every check.
func completionBinding(b *bytes.Buffer) error {
	b.WriteString("complete -o default -o bashdefault -F _webim_checks")
	for _, name := range all.InOrder() {
		b.WriteString(" \\\n    " + name)
	}
	b.WriteString("\n")
	return nil
}

// replaceRegion returns text with the region name replaced by body.
func replaceRegion(text []byte, name string, body []byte) ([]byte, error) {
	begin, end := "generated:"+name+" begin", "generated:"+name+" end"
	i := bytes.Index(text, []byte(begin))
	j := bytes.Index(text, []byte(end))
	if i < 0 || j < i {
		return nil, fmt.Errorf("no region %q (lines with %q and %q)", name, begin, end)
	}
	i += bytes.IndexByte(text[i:], '\n') + 1
	j = bytes.LastIndexByte(text[:j], '\n') + 1
	out := append([]byte{}, text[:i]...)
	out = append(out, body...)
	return append(out, text[j:]...), nil
}

// readmeChecks is the README's table of checks.
func readmeChecks(b *bytes.Buffer) error {
	b.WriteString("| check | product | what it checks |\n|-------|---------|----------------|\n")
	for _, name := range all.Names() {
		info := all.Checks()[name]().Info()
		fmt.Fprintf(b, "| [`%s`](#%s) | %s | %s |\n", name, name, info.Product.Name, strings.TrimPrefix(info.Short, "Checks "))
	}
	return nil
}

// zabbixPerfTable is the Zabbix README's table of the perfdata each
// check reports.
func zabbixPerfTable(b *bytes.Buffer) error {
	b.WriteString("| check | perfdata | unit | meaning |\n|---|---|---|---|\n")
	for _, name := range all.Names() {
		for i, p := range all.Checks()[name]().Info().Perf {
			first := ""
			if i == 0 {
				first = name
			}
			fmt.Fprintf(b, "| %s | `%s` | %s | %s |\n", first, p.Label, p.Unit, perfMeaning(p))
		}
	}
	return nil
}

func perfMeaning(p plugin.PerfDef) string {
	if p.PerItem() {
		return p.Meaning + " (one per item; in the master item's JSON)"
	}
	return p.Meaning
}

// packageDescription is the packages' description field: a title line
// naming the products, then the checks by product.
func packageDescription(b *bytes.Buffer) error {
	var products []string
	byProduct := map[string][]string{}
	for _, name := range all.Names() {
		p := all.Checks()[name]().Info().Product.Name
		if _, ok := byProduct[p]; !ok {
			products = append(products, p)
		}
		byProduct[p] = append(byProduct[p], name)
	}
	var parts []string
	for _, p := range products {
		parts = append(parts, strings.Join(byProduct[p], ", ")+" for "+p)
	}
	b.WriteString("description: |-\n  Monitoring plugins for " + strings.Join(products, ", ") + "\n")
	text := "Nagios/Icinga-compatible check plugins: " + strings.Join(parts, "; ") +
		". Thresholds as in the Monitoring Plugins guidelines, perfdata, JSON output for Zabbix," +
		" -q for cron; secrets from the environment or files. Configuration for Icinga 2," +
		" Nagios, Zabbix and cron is in /usr/share/webim-checks."
	for _, line := range wrap(text, 78) {
		b.WriteString("  " + line + "\n")
	}
	return nil
}

// wrap breaks text into lines of at most width bytes at spaces.
func wrap(text string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		if line != "" && len(line)+1+len(w) > width {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	return append(lines, line)
}

// zabbixCredentials is the Zabbix README's list of the credential macros:
// the logins and the files of the secrets, by template.
func zabbixCredentials(b *bytes.Buffer) error {
	return zabbixMacros(b, func(m zMacro) bool { return m.Credential })
}

// zabbixMacroTable is the Zabbix README's table of the other macros.
func zabbixMacroTable(b *bytes.Buffer) error {
	return zabbixMacros(b, func(m zMacro) bool { return !m.Credential })
}

// zabbixMacros writes a table of the templates' macros that keep holds.
func zabbixMacros(b *bytes.Buffer, keep func(zMacro) bool) error {
	tpls, err := zTemplates()
	if err != nil {
		return err
	}
	b.WriteString("| template | macro | default | meaning |\n|---|---|---|---|\n")
	for _, t := range tpls {
		first := t.Visible
		for _, m := range zAllMacros(t) {
			if !keep(m) {
				continue
			}
			value := "`" + m.Value + "`"
			if m.Value == "" {
				value = ""
			}
			fmt.Fprintf(b, "| %s | `%s` | %s | %s |\n", first, m.Name, value, strings.ReplaceAll(m.Desc, "|", "\\|"))
			first = ""
		}
	}
	return nil
}
