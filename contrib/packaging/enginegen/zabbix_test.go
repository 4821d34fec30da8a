package main

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/assert/yaml"
	"github.com/stretchr/testify/require"

	"github.com/ccmon/webim-checks/lib/checks/all"
	"github.com/ccmon/webim-checks/lib/sim"
	"github.com/ccmon/webim-checks/lib/testutil"
)

// The Zabbix template as the import reads it (the fields this test needs).
type zxExport struct {
	ZabbixExport struct {
		Version string `yaml:"version"`
		Groups  []struct {
			UUID string `yaml:"uuid"`
			Name string `yaml:"name"`
		} `yaml:"groups"`
		Templates []zxTemplate   `yaml:"templates"`
		Triggers  []zxTrigger    `yaml:"triggers"`
		Rest      map[string]any `yaml:",inline"`
	} `yaml:"zabbix_export"`
}

type zxItem struct {
	UUID          string   `yaml:"uuid"`
	Name          string   `yaml:"name"`
	Type          string   `yaml:"type"`
	Key           string   `yaml:"key"`
	Delay         string   `yaml:"delay"`
	ValueType     string   `yaml:"value_type"`
	Preprocessing []zxStep `yaml:"preprocessing"`
	MasterItem    struct {
		Key string `yaml:"key"`
	} `yaml:"master_item"`
	Valuemap struct {
		Name string `yaml:"name"`
	} `yaml:"valuemap"`
}

type zxStep struct {
	Type         string   `yaml:"type"`
	Parameters   []string `yaml:"parameters"`
	ErrorHandler string   `yaml:"error_handler"`
}

type zxRule struct {
	zxItem            `yaml:",inline"`
	ItemPrototypes    []zxItem    `yaml:"item_prototypes"`
	TriggerPrototypes []zxTrigger `yaml:"trigger_prototypes"`
	LLDMacroPaths     []struct {
		Macro string `yaml:"lld_macro"`
		Path  string `yaml:"path"`
	} `yaml:"lld_macro_paths"`
}

type zxTemplate struct {
	UUID           string   `yaml:"uuid"`
	Template       string   `yaml:"template"`
	Items          []zxItem `yaml:"items"`
	DiscoveryRules []zxRule `yaml:"discovery_rules"`
	Macros         []struct {
		Macro string `yaml:"macro"`
		Value string `yaml:"value"`
		Type  string `yaml:"type"`
	} `yaml:"macros"`
	Valuemaps []struct {
		UUID string `yaml:"uuid"`
		Name string `yaml:"name"`
	} `yaml:"valuemaps"`
}

type zxTrigger struct {
	UUID       string `yaml:"uuid"`
	Expression string `yaml:"expression"`
	Name       string `yaml:"name"`
	Priority   string `yaml:"priority"`
}

func loadTemplate(t *testing.T) zxExport {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(testutil.Root(), "contrib", "zabbix", "webim-checks.yaml"))
	require.NoError(t, err)
	var x zxExport
	require.NoError(t, yaml.Unmarshal(b, &x), "the template is not YAML")
	require.Equal(t, "6.0", x.ZabbixExport.Version)
	require.NotEmpty(t, x.ZabbixExport.Templates)
	return x
}

var (
	reUUID4    = regexp.MustCompile(`^[0-9a-f]{12}4[0-9a-f]{3}[89ab][0-9a-f]{15}$`)
	reUserMac  = regexp.MustCompile(`\{\$[A-Z0-9_.]+\}`)
	reBuiltin  = regexp.MustCompile(`\{[A-Z][A-Z0-9_.]*\}`)
	reTrigItem = regexp.MustCompile(`\(/([^/]+)/([^,)]+)`)
)

func TestZabbixTemplateStructure(t *testing.T) {
	x := loadTemplate(t)
	seen := map[string]string{}
	uuid := func(what, u string) {
		assert.Regexp(t, reUUID4, u, "%s: a Zabbix UUID is a version 4 UUID in 32 lower-case hex digits", what)
		if prev, dup := seen[u]; dup {
			t.Errorf("%s and %s share the UUID %s", prev, what, u)
		}
		seen[u] = what
	}
	for _, g := range x.ZabbixExport.Groups {
		uuid("group "+g.Name, g.UUID)
	}
	keys := map[string]map[string]bool{} // template -> item keys
	masters := map[string]bool{}
	for _, tpl := range x.ZabbixExport.Templates {
		uuid("template "+tpl.Template, tpl.UUID)
		keys[tpl.Template] = map[string]bool{}
		defined := map[string]bool{}
		for _, m := range tpl.Macros {
			defined[m.Macro] = true
			assert.NotEqual(t, "SECRET_TEXT", m.Type, "%s: the template holds no secret, only the paths of files", m.Macro)
			for _, w := range []string{"PASSWORD}", "API_KEY}", "TOKEN}"} {
				assert.False(t, strings.HasSuffix(m.Macro, w), "%s: a secret in a macro reaches the command line, which the server logs on a timeout: use a file", m.Macro)
			}
		}
		for _, v := range tpl.Valuemaps {
			uuid("valuemap "+v.Name, v.UUID)
		}
		items := tpl.Items
		for _, r := range tpl.DiscoveryRules {
			uuid("discovery rule "+r.Key, r.UUID)
			assert.Equal(t, "DEPENDENT", r.Type, r.Key)
			hasMaster := false
			for _, it := range tpl.Items {
				hasMaster = hasMaster || (it.Type == "EXTERNAL" && it.Key == r.MasterItem.Key)
			}
			assert.True(t, hasMaster, "%s: the master item is not in the template", r.Key)
			require.Len(t, r.LLDMacroPaths, 1, r.Key)
			assert.Equal(t, "{#NAME}", r.LLDMacroPaths[0].Macro)
			items = append(items, r.ItemPrototypes...)
			for _, tr := range r.TriggerPrototypes {
				assert.Contains(t, tr.Name, "{#NAME}", "a discovered problem is named after its thing")
				x.ZabbixExport.Triggers = append(x.ZabbixExport.Triggers, tr)
			}
		}
		for _, it := range items {
			uuid("item "+it.Key, it.UUID)
			keys[tpl.Template][it.Key] = true
			for _, m := range reUserMac.FindAllString(it.Key, -1) {
				assert.True(t, defined[m], "%s: item %s uses %s, which the template does not define", tpl.Template, it.Name, m)
			}
			for _, m := range reBuiltin.FindAllString(it.Key, -1) {
				assert.Equal(t, "{HOST.CONN}", m, "%s: unexpected built-in macro", it.Key)
			}
			switch it.Type {
			case "EXTERNAL":
				name, _, _ := strings.Cut(it.Key, "[")
				assert.Contains(t, all.Checks(), name, "external check %s is not a check", name)
				masters[name] = true
				assert.Equal(t, "TEXT", it.ValueType)
			case "DEPENDENT":
				assert.True(t, keys[tpl.Template][it.MasterItem.Key], "%s: master item is not (yet) in the template", it.Key)
				require.NotEmpty(t, it.Preprocessing, it.Key)
				for _, st := range it.Preprocessing {
					assert.Contains(t, []string{"JSONPATH", "JAVASCRIPT"}, st.Type, it.Key)
					if st.Type == "JAVASCRIPT" {
						assert.Empty(t, st.ErrorHandler, "%s: Zabbix 6.0 takes no error handler on a JavaScript step", it.Key)
					}
				}
				if it.Valuemap.Name != "" {
					found := false
					for _, v := range tpl.Valuemaps {
						found = found || v.Name == it.Valuemap.Name
					}
					assert.True(t, found, "%s: value map %q is not defined", it.Key, it.Valuemap.Name)
				}
			default:
				t.Errorf("%s: unexpected item type %s", it.Key, it.Type)
			}
		}
		for _, tr := range x.ZabbixExport.Triggers {
			if !strings.Contains(tr.Expression, "/"+tpl.Template+"/") {
				continue
			}
			for _, m := range reUserMac.FindAllString(tr.Expression+" "+tr.Name, -1) {
				assert.True(t, defined[m], "trigger %s uses %s, which the template does not define", tr.Name, m)
			}
		}
	}
	for _, tr := range x.ZabbixExport.Triggers {
		uuid("trigger "+tr.Name, tr.UUID)
		refs := reTrigItem.FindAllStringSubmatch(tr.Expression, -1)
		require.NotEmpty(t, refs, "trigger %s references no item", tr.Name)
		for _, r := range refs {
			assert.True(t, keys[r[1]][r[2]], "trigger %s references %s/%s, which does not exist", tr.Name, r[1], r[2])
		}
		if strings.Contains(tr.Name, "{ITEM.LASTVALUE") {
			// one item carries state and summary, so that the name shows
			// the summary of the run that opened the problem
			require.Len(t, refs, 1, "%s: the name must come from the item of the expression", tr.Name)
			assert.Regexp(t, `\.status(\[.*\])?$`, refs[0][2], "%s: the name shows a status item", tr.Name)
		}
	}
	for _, name := range all.Names() {
		assert.True(t, masters[name], "%s has no external check item", name)
		for _, word := range []string{"WARNING", "CRITICAL", "UNKNOWN"} {
			found := false
			for _, tr := range x.ZabbixExport.Triggers {
				found = found || (strings.Contains(tr.Expression, "/"+strings.ReplaceAll(strings.TrimPrefix(name, "check_"), "_", ".")+".status,") && strings.Contains(tr.Name, " "+word+": "))
			}
			assert.True(t, found, "%s has no %s trigger", name, word)
		}
	}
}

// TestZabbixNoDataOutlastsTheInterval: a no-data trigger shorter than its
// item's interval fires on every interval (the hourly license).
func TestZabbixNoDataOutlastsTheInterval(t *testing.T) {
	x := loadTemplate(t)
	reNoData := regexp.MustCompile(`^nodata\(/([^/]+)/([a-z.]+)\.state,(\{\$[A-Z0-9_.]+\})\)=1$`)
	n := 0
	for _, tr := range x.ZabbixExport.Triggers {
		m := reNoData.FindStringSubmatch(tr.Expression)
		if m == nil {
			continue
		}
		n++
		var tpl zxTemplate
		for _, tp := range x.ZabbixExport.Templates {
			if tp.Template == m[1] {
				tpl = tp
			}
		}
		var period, delay time.Duration
		for _, mc := range tpl.Macros {
			if mc.Macro == m[3] {
				period = zabbixDuration(t, mc.Value)
			}
		}
		for _, it := range tpl.Items {
			if it.Type == "EXTERNAL" && strings.HasPrefix(it.Key, "check_"+strings.ReplaceAll(m[2], ".", "_")+"[") {
				delay = zabbixDuration(t, it.Delay)
			}
		}
		t.Run(m[2], func(t *testing.T) {
			require.Positive(t, delay, "no master item")
			assert.GreaterOrEqual(t, period, 2*delay, "%s: no data for %s fires between two runs %s apart", tr.Name, period, delay)
		})
	}
	assert.Equal(t, len(all.Names()), n, "one no-data trigger per check")
}

// zabbixDuration parses a Zabbix time suffix value: 30, 30s, 5m, 1h, 1d.
func zabbixDuration(t *testing.T, v string) time.Duration {
	t.Helper()
	units := map[byte]time.Duration{'s': time.Second, 'm': time.Minute, 'h': time.Hour, 'd': 24 * time.Hour, 'w': 7 * 24 * time.Hour}
	u, num := time.Second, v
	if d, ok := units[v[len(v)-1]]; ok {
		u, num = d, v[:len(v)-1]
	}
	n, err := strconv.Atoi(num)
	require.NoError(t, err, "not a Zabbix duration: %q", v)
	return time.Duration(n) * u
}

// keyParams splits the parameters of an item key: check["a","b"] -> a, b.
func keyParams(t *testing.T, key string) (string, []string) {
	t.Helper()
	name, rest, ok := strings.Cut(key, "[")
	require.True(t, ok && strings.HasSuffix(rest, "]"), "key %s has no parameters", key)
	rest = strings.TrimSuffix(rest, "]")
	var out []string
	for rest != "" {
		require.True(t, strings.HasPrefix(rest, `"`), "key %s: unquoted parameter at %q", key, rest)
		end := strings.Index(rest[1:], `"`)
		require.GreaterOrEqual(t, end, 0, "key %s: unterminated parameter", key)
		out = append(out, rest[1:end+1])
		rest = strings.TrimPrefix(rest[end+2:], ",")
	}
	return name, out
}

var (
	reJSONField  = regexp.MustCompile(`^\$\.([a-z_]+)$`)
	reJSONSelect = regexp.MustCompile(`^\$\.(perfdata|items)\[\?\(@\.(label|name)=='([^']*)'\)\](?:\.([a-z_]+))?\.first\(\)$`)
)

// jsonPath evaluates the JSONPath forms the template uses on a JSON text
// and returns the result as Zabbix passes it on: a string as it is,
// anything else as JSON.
func jsonPath(text, path string) (string, error) {
	var doc map[string]any
	if err := json.Unmarshal([]byte(text), &doc); err != nil {
		return "", err
	}
	var v any
	if m := reJSONField.FindStringSubmatch(path); m != nil {
		var ok bool
		if v, ok = doc[m[1]]; !ok {
			return "", fmt.Errorf("no field %s", m[1])
		}
	} else if m := reJSONSelect.FindStringSubmatch(path); m != nil {
		list, _ := doc[m[1]].([]any)
		for _, e := range list {
			if em, ok := e.(map[string]any); ok && em[m[2]] == m[3] {
				v = em
				if m[4] != "" {
					v = em[m[4]]
				}
				break
			}
		}
		if v == nil {
			return "", fmt.Errorf("no %s with %s %s", m[1], m[2], m[3])
		}
	} else {
		return "", fmt.Errorf("unsupported JSONPath %s (keep the template's paths simple)", path)
	}
	if s, ok := v.(string); ok {
		return s, nil
	}
	b, err := json.Marshal(v)
	return string(b), err
}

var stateCodes = map[string]int{"OK": 0, "WARNING": 1, "CRITICAL": 2, "UNKNOWN": 3}

// javascript runs the template's JavaScript steps, which it knows by heart.
func javascript(value, script string) (string, error) {
	var r struct {
		Code    int
		State   string
		Summary string
	}
	switch script {
	case jsStatus:
		err := json.Unmarshal([]byte(value), &r)
		return fmt.Sprintf("%d %s", r.Code, r.Summary), err
	case jsItemStatus:
		err := json.Unmarshal([]byte(value), &r)
		c, ok := stateCodes[r.State]
		if !ok {
			return fmt.Sprintf("undefined %s", r.Summary), err
		}
		return fmt.Sprintf("%d %s", c, r.Summary), err
	case jsItemState:
		c, ok := stateCodes[value]
		if !ok {
			return "", fmt.Errorf("not a state: %s", value)
		}
		return strconv.Itoa(c), nil
	}
	if m := reJSItemPerf.FindStringSubmatch(script); m != nil && script == jsItemPerf(m[1]) {
		return itemPerf(value, m[1])
	}
	return "", fmt.Errorf("unknown script %s", script)
}

var reJSItemPerf = regexp.MustCompile(`^var s = '([a-z0-9_]*)'; `)

// itemPerf does what jsItemPerf(word) does: the item's perfdata labelled
// word, else ending in _word, else starting with word_, for no word the
// first, as JSON; {} for none.
func itemPerf(value, word string) (string, error) {
	var it struct {
		Perfdata []map[string]any
	}
	if err := json.Unmarshal([]byte(value), &it); err != nil {
		return "", err
	}
	rules := []func(string) bool{
		func(l string) bool { return word == "" },
		func(l string) bool { return l == word },
		func(l string) bool { return word != "" && strings.HasSuffix(l, "_"+word) },
		func(l string) bool { return word != "" && strings.HasPrefix(l, word+"_") },
	}
	for _, rule := range rules {
		for _, p := range it.Perfdata {
			if l, _ := p["label"].(string); rule(l) {
				b, err := json.Marshal(p)
				return string(b), err
			}
		}
	}
	return "{}", nil
}

// preprocess applies an item's steps to the master value, with {#NAME}
// replaced by name. discarded says that a failed step drops the value.
func preprocess(value string, steps []zxStep, name string) (out string, discarded bool, err error) {
	for _, st := range steps {
		p := strings.ReplaceAll(st.Parameters[0], "{#NAME}", name)
		if st.Type == "JSONPATH" {
			value, err = jsonPath(value, p)
		} else {
			value, err = javascript(value, p)
		}
		if err != nil {
			return "", st.ErrorHandler == "DISCARD_VALUE", err
		}
	}
	return value, false, nil
}

func TestPreprocess(t *testing.T) {
	doc := `{"code":1,"summary":"s","perfdata":[{"label":"time","value":0.5},{"label":"days_left","value":10}],` +
		`"items":[{"name":"a b","state":"CRITICAL","summary":"slow","perfdata":[{"label":"max_time","value":7.25}]},` +
		`{"name":"c","state":"OK","summary":"ok","perfdata":[{"label":"errors","value":3},{"label":"new_errors","value":1},{"label":"c_in_queue","value":9}]}]}`
	tests := []struct {
		name  string
		steps []zxStep
		item  string
		want  string
		err   bool
	}{
		{"field", []zxStep{{"JSONPATH", []string{"$.code"}, ""}}, "", "1", false},
		{"text field", []zxStep{{"JSONPATH", []string{"$.summary"}, ""}}, "", "s", false},
		{"missing field", []zxStep{{"JSONPATH", []string{"$.nope"}, ""}}, "", "", true},
		{"perfdata", []zxStep{{"JSONPATH", []string{"$.perfdata[?(@.label=='days_left')].value.first()"}, ""}}, "", "10", false},
		{"missing perfdata", []zxStep{{"JSONPATH", []string{"$.perfdata[?(@.label=='uptime')].value.first()"}, ""}}, "", "", true},
		{"unsupported", []zxStep{{"JSONPATH", []string{"$..value"}, ""}}, "", "", true},
		{"status", []zxStep{{"JAVASCRIPT", []string{jsStatus}, ""}}, "", "1 s", false},
		{"item status", []zxStep{{"JSONPATH", []string{zItemPath}, ""}, {"JAVASCRIPT", []string{jsItemStatus}, ""}}, "a b", "2 slow", false},
		{"item state", []zxStep{{"JSONPATH", []string{"$.items[?(@.name=='{#NAME}')].state.first()"}, ""}, {"JAVASCRIPT", []string{jsItemState}, ""}}, "a b", "2", false},
		{"item perfdata", []zxStep{{"JSONPATH", []string{zItemPath}, ""}, {"JSONPATH", []string{"$.perfdata[?(@.label=='max_time')].value.first()"}, ""}}, "a b", "7.25", false},
		{"item pattern, the word", []zxStep{{"JSONPATH", []string{zItemPath}, ""}, {"JAVASCRIPT", []string{jsItemPerf("errors")}, ""}, {"JSONPATH", []string{"$.value"}, ""}}, "c", "3", false},
		{"item pattern, after the name", []zxStep{{"JSONPATH", []string{zItemPath}, ""}, {"JAVASCRIPT", []string{jsItemPerf("in_queue")}, ""}, {"JSONPATH", []string{"$.value"}, ""}}, "c", "9", false},
		{"item pattern, the word first", []zxStep{{"JSONPATH", []string{zItemPath}, ""}, {"JAVASCRIPT", []string{jsItemPerf("max")}, ""}, {"JSONPATH", []string{"$.value"}, ""}}, "a b", "7.25", false},
		{"item pattern, no word", []zxStep{{"JSONPATH", []string{zItemPath}, ""}, {"JAVASCRIPT", []string{jsItemPerf("")}, ""}, {"JSONPATH", []string{"$.value"}, ""}}, "a b", "7.25", false},
		{"item pattern missing", []zxStep{{"JSONPATH", []string{zItemPath}, ""}, {"JAVASCRIPT", []string{jsItemPerf("backlog")}, ""}, {"JSONPATH", []string{"$.value"}, ""}}, "c", "", true},
		{"no such item", []zxStep{{"JSONPATH", []string{zItemPath}, ""}}, "d", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, err := preprocess(doc, tt.steps, tt.item)
			if tt.err {
				assert.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

// TestZabbixItemsResolve runs every master item's key as Zabbix would
// (template macros, the host's macros pointing at the simulator), in
// process, and applies every dependent item's and item prototype's
// preprocessing to the real answer.
func TestZabbixItemsResolve(t *testing.T) {
	x := loadTemplate(t)
	srv := testutil.Simulator(t, nil)
	u, err := url.Parse(srv.URL)
	require.NoError(t, err)
	dir := t.TempDir()
	file := func(name, secret string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(secret+"\n"), 0o600))
		return p
	}
	// host macros: what an operator sets on the host
	hostMacros := map[string]string{
		"{$WEBIM.USER}": sim.WebimUser, "{$WEBIM.PASSWORD.FILE}": file("webim.pw", sim.WebimPassword),
		"{$ITGRIX.USER}": sim.ItgrixUser, "{$ITGRIX.PASSWORD.FILE}": file("itgrix.pw", sim.ItgrixPassword),
		"{$WA.API_KEY.FILE}":       file("wa.key", sim.WAAPIKey),
		"{$WEBIM.AUTH_TOKEN.FILE}": file("webim-agent.token", sim.WebimAuthToken),
		"{$WEBIM_HANDLER.USER}":    sim.WebimHandlerUser, "{$WEBIM_HANDLER.PASSWORD.FILE}": file("crm.pw", sim.WebimHandlerPassword),
		"{$WEBIM_HANDLER.PRIVATE_KEY.FILE}": file("webim.key", sim.WebimPrivateKey),
		"{$DOLIBARR.API_KEY.FILE}":          file("dolibarr.key", sim.DolibarrAPIKey), "{$DOLIBARR.TOKEN.FILE}": file("dolibarr.token", sim.DolibarrToken),
	}
	// the path of the simulated service after the scenario, where it is not the root
	servicePath := map[string]string{"check_webim_handler": sim.WebimHandlerPath}
	scenarios := []struct {
		name     string
		path     string
		only     string // the check the scenario is for, if one
		override map[string]string
		code     int
		perf     bool // every perfdata item must resolve
		items    int  // JSON items discovered
	}{
		{"healthy", "", "", nil, 0, true, -1},
		{"timers in trouble", "/timers-trouble", "check_webim_timers", nil, 2, true, 4},
		{"accounts in trouble", "/accounts-trouble", "check_webim_accounts", nil, 1, true, 5},
		{"channels", "/channels-more", "check_webim_channels", nil, 0, true, 3},
		{"nodes", "/wa-ha-none", "check_wa_gateway", nil, 2, true, 4},
		{"token instead of an API key", "", "check_wa_gateway", map[string]string{"{$WA.API_KEY.FILE}": "", "{$WA.TOKEN.FILE}": file("wa.token", sim.WAToken)}, 0, true, 0},
		{"unauthorized", "/unauthorized", "", nil, 3, false, 0},
		{"bad gateway", "/bad-gateway", "", nil, 2, false, 0},
	}
	for _, tpl := range x.ZabbixExport.Templates {
		defaults := map[string]string{}
		for _, m := range tpl.Macros {
			defaults[m.Macro] = m.Value
		}
		for _, master := range tpl.Items {
			if master.Type != "EXTERNAL" {
				continue
			}
			name, params := keyParams(t, master.Key)
			for _, sc := range scenarios {
				if sc.only != "" && sc.only != name {
					continue
				}
				t.Run(name+"/"+sc.name, func(t *testing.T) {
					stateDir := t.TempDir()
					macro := func(m string) string {
						if v, ok := sc.override[m]; ok {
							return v
						}
						switch {
						case strings.HasSuffix(m, ".SCHEME}"):
							return "http"
						case strings.HasSuffix(m, ".PORT}"):
							return u.Port()
						case strings.HasSuffix(m, ".PATH}"):
							return sc.path + servicePath[name]
						case strings.HasSuffix(m, ".STATE_DIR}"):
							return stateDir
						}
						if v, ok := hostMacros[m]; ok {
							return v
						}
						return defaults[m]
					}
					args := make([]string, len(params))
					for i, p := range params {
						p = strings.ReplaceAll(p, "{HOST.CONN}", u.Hostname())
						args[i] = reUserMac.ReplaceAllStringFunc(p, macro)
					}
					// the second run, as Zabbix runs a check again and
					// again: a check that keeps state reports its changes
					// (new_errors) from the second run on
					testutil.Run(t, all.Checks()[name](), nil, args...)
					code, stdout, stderr := testutil.Run(t, all.Checks()[name](), nil, args...)
					assert.Empty(t, stderr)
					require.Equal(t, sc.code, code, "exit code; output %s", stdout)
					for _, it := range tpl.Items {
						if it.Type == "DEPENDENT" && it.MasterItem.Key == master.Key {
							resolveItem(t, it, stdout, "", code, sc.perf)
						}
					}
					n := 0
					for _, r := range tpl.DiscoveryRules {
						if r.MasterItem.Key == master.Key {
							n += resolveRule(t, r, stdout)
						}
					}
					if sc.items >= 0 {
						assert.Equal(t, sc.items, n, "discovered items")
					}
				})
			}
		}
	}
}

// resolveRule applies a discovery rule and its item prototypes to a
// master value and returns how many things it discovered.
func resolveRule(t *testing.T, r zxRule, value string) int {
	t.Helper()
	list, discarded, err := preprocess(value, r.Preprocessing, "")
	if err != nil {
		assert.True(t, discarded, "%s: an answer without items must be discarded: %v", r.Key, err)
		return 0
	}
	var found []map[string]any
	require.NoError(t, json.Unmarshal([]byte(list), &found), "%s: %s", r.Key, list)
	for _, e := range found {
		name, _ := e[strings.TrimPrefix(r.LLDMacroPaths[0].Path, "$.")].(string)
		require.NotEmpty(t, name, "%s: an item without a name", r.Key)
		code := stateCodes[e["state"].(string)]
		for _, p := range r.ItemPrototypes {
			resolveItem(t, p, value, name, code, len(e["perfdata"].([]any)) > 0)
		}
	}
	return len(found)
}

// resolveItem applies a dependent item (or an item prototype for the
// thing called name) to a master value: the state is the exit code, the
// status starts with it, numbers are numbers; a perfdata value may be
// missing (discarded) unless perf is set.
func resolveItem(t *testing.T, it zxItem, value, name string, code int, perf bool) {
	t.Helper()
	v, discarded, err := preprocess(value, it.Preprocessing, name)
	isPerf := strings.Contains(it.Key, ".perf[")
	if isPerf && !perf && err != nil {
		assert.True(t, discarded, "%s: a perfdata value missing from an error answer must be discarded", it.Key)
		return
	}
	if !assert.NoError(t, err, "%s (%s) does not resolve against\n%s", it.Key, name, value) {
		return
	}
	switch it.ValueType {
	case "UNSIGNED":
		_, err := strconv.ParseUint(v, 10, 64)
		assert.NoError(t, err, "%s: %v is not unsigned", it.Key, v)
		assert.Equal(t, strconv.Itoa(code), v, "%s: the state item differs from the state", it.Key)
	case "FLOAT":
		_, err := strconv.ParseFloat(v, 64)
		assert.NoError(t, err, "%s: %v is not a number", it.Key, v)
	case "TEXT":
		assert.Regexp(t, "^"+strconv.Itoa(code)+" .", v, "%s: a status is the state and the summary", it.Key)
	default:
		t.Errorf("%s: unexpected value type %s", it.Key, it.ValueType)
	}
}

// TestZabbixFlagsTable holds the one hand-written table of the template,
// the flags each check's item passes, to the registry.
func TestZabbixFlagsTable(t *testing.T) {
	byName := map[string]check{}
	for _, c := range checks() {
		byName[c.Name] = c
	}
	with := func(name string, fs []zFlag) map[string][]zFlag {
		out := map[string][]zFlag{}
		for k, v := range zFlags {
			out[k] = v
		}
		if fs == nil {
			delete(out, name)
		} else {
			out[name] = fs
		}
		return out
	}
	tests := []struct {
		name  string
		table map[string][]zFlag
		err   string
	}{
		{"the table", zFlags, ""},
		{"a check without an entry", with("check_webim_db", nil), "check_webim_db has no entry in zFlags"},
		{"a flag the check lacks", with("check_webim_db", []zFlag{{"warning-queue", "1"}}), "check_webim_db has no flag --warning-queue"},
		{"a check not in the registry", with("check_webim_nope", []zFlag{}), "check_webim_nope, which is not a registered check"},
		{"a secret", with("check_webim_db", []zFlag{{"password", ""}}), "credential"},
		{"a default repeated", with("check_webim_timers", []zFlag{{"warning", "1"}}), "the default 1 is the flag's own"},
		{"a switch with a default", with("check_webim_handler", []zFlag{{"forged", "1"}}), "is a switch"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := zFlagsValid(tt.table, byName)
			if tt.err == "" {
				assert.NoError(t, err)
				return
			}
			assert.ErrorContains(t, err, tt.err)
		})
	}
}

// TestZabbixFromDescriptors holds the template to the checks'
// descriptors: an item per perfdata label, an item prototype per per-item
// pattern of a check that lists items, its interval, its description.
func TestZabbixFromDescriptors(t *testing.T) {
	x := loadTemplate(t)
	keys := map[string]zxItem{}
	rules := map[string]bool{}
	for _, tpl := range x.ZabbixExport.Templates {
		for _, it := range tpl.Items {
			keys[it.Key] = it
		}
		for _, r := range tpl.DiscoveryRules {
			rules[r.Key] = true
			for _, it := range r.ItemPrototypes {
				keys[it.Key] = it
			}
		}
	}
	for _, c := range checks() {
		t.Run(c.Name, func(t *testing.T) {
			key := strings.ReplaceAll(strings.TrimPrefix(c.Name, "check_"), "_", ".")
			for _, p := range c.Info.Perf {
				switch {
				case !p.PerItem():
					assert.Contains(t, keys, key+".perf["+p.Label+"]")
				case c.Info.Items != "":
					assert.Contains(t, keys, key+"."+c.Info.Items+`.perf["{#NAME}",`+strings.ToLower(p.Label)+"]")
				}
			}
			assert.Equal(t, c.Info.Items != "", rules[key+".discovery"], "a discovery rule exactly where the check lists items")
			want := c.Info.Interval
			if want == "" {
				want = "5m"
			}
			for k, it := range keys {
				if strings.HasPrefix(k, c.Name+"[") {
					assert.Equal(t, strings.TrimSuffix(strings.TrimSuffix(want, "0s"), "0m"), it.Delay)
				}
			}
		})
	}
}
