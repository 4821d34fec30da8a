package main

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

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

type zxTemplate struct {
	UUID     string `yaml:"uuid"`
	Template string `yaml:"template"`
	Items    []struct {
		UUID          string `yaml:"uuid"`
		Name          string `yaml:"name"`
		Type          string `yaml:"type"`
		Key           string `yaml:"key"`
		ValueType     string `yaml:"value_type"`
		Preprocessing []struct {
			Type         string   `yaml:"type"`
			Parameters   []string `yaml:"parameters"`
			ErrorHandler string   `yaml:"error_handler"`
		} `yaml:"preprocessing"`
		MasterItem struct {
			Key string `yaml:"key"`
		} `yaml:"master_item"`
		Valuemap struct {
			Name string `yaml:"name"`
		} `yaml:"valuemap"`
	} `yaml:"items"`
	Macros []struct {
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
			if strings.Contains(m.Macro, "PASSWORD}") || strings.HasSuffix(m.Macro, ".API_KEY}") || strings.HasSuffix(m.Macro, ".TOKEN}") {
				assert.Equal(t, "SECRET_TEXT", m.Type, "%s holds a secret", m.Macro)
			}
		}
		for _, v := range tpl.Valuemaps {
			uuid("valuemap "+v.Name, v.UUID)
		}
		for _, it := range tpl.Items {
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
				require.Len(t, it.Preprocessing, 1, it.Key)
				assert.Equal(t, "JSONPATH", it.Preprocessing[0].Type)
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
		if strings.Contains(tr.Name, "{ITEM.LASTVALUE2}") {
			require.Len(t, refs, 2, "%s: {ITEM.LASTVALUE2} needs a second item", tr.Name)
			assert.True(t, strings.HasSuffix(refs[1][2], ".summary"), "%s: the name shows the summary", tr.Name)
		}
	}
	for _, name := range all.Names() {
		assert.True(t, masters[name], "%s has no external check item", name)
		for _, word := range []string{"WARNING", "CRITICAL", "UNKNOWN"} {
			found := false
			for _, tr := range x.ZabbixExport.Triggers {
				found = found || (strings.Contains(tr.Expression, "/"+strings.ReplaceAll(strings.TrimPrefix(name, "check_"), "_", ".")+".state)") && strings.Contains(tr.Name, " "+word+": "))
			}
			assert.True(t, found, "%s has no %s trigger", name, word)
		}
	}
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
	reJSONField = regexp.MustCompile(`^\$\.([a-z_]+)$`)
	reJSONPerf  = regexp.MustCompile(`^\$\.perfdata\[\?\(@\.label=='([^']+)'\)\]\.value\.first\(\)$`)
)

// jsonPath evaluates the two JSONPath forms the template uses:
// $.field and $.perfdata[?(@.label=='x')].value.first().
func jsonPath(doc map[string]any, path string) (any, error) {
	if m := reJSONField.FindStringSubmatch(path); m != nil {
		v, ok := doc[m[1]]
		if !ok {
			return nil, fmt.Errorf("no field %s", m[1])
		}
		return v, nil
	}
	if m := reJSONPerf.FindStringSubmatch(path); m != nil {
		perf, _ := doc["perfdata"].([]any)
		for _, p := range perf {
			if pm, ok := p.(map[string]any); ok && pm["label"] == m[1] {
				return pm["value"], nil
			}
		}
		return nil, fmt.Errorf("no perfdata %s", m[1])
	}
	return nil, fmt.Errorf("unsupported JSONPath %s (keep the template's paths simple)", path)
}

func TestJSONPath(t *testing.T) {
	doc := map[string]any{"code": 1.0, "summary": "s", "perfdata": []any{
		map[string]any{"label": "time", "value": 0.5},
		map[string]any{"label": "days_left", "value": 10.0},
	}}
	tests := []struct {
		name, path string
		want       any
		err        bool
	}{
		{"field", "$.code", 1.0, false},
		{"text field", "$.summary", "s", false},
		{"missing field", "$.nope", nil, true},
		{"perfdata", "$.perfdata[?(@.label=='days_left')].value.first()", 10.0, false},
		{"missing perfdata", "$.perfdata[?(@.label=='uptime')].value.first()", nil, true},
		{"unsupported", "$..value", nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := jsonPath(doc, tt.path)
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
// process, and applies every dependent item's JSONPath to the real answer.
func TestZabbixItemsResolve(t *testing.T) {
	x := loadTemplate(t)
	srv := testutil.Simulator(t, nil)
	u, err := url.Parse(srv.URL)
	require.NoError(t, err)
	pwFile := filepath.Join(t.TempDir(), "webim.pw")
	require.NoError(t, os.WriteFile(pwFile, []byte(sim.WebimPassword+"\n"), 0o600))

	// host macros: what an operator sets on the host
	hostMacros := map[string]string{
		"{$WEBIM.USER}": sim.WebimUser, "{$WEBIM.PASSWORD}": sim.WebimPassword,
		"{$WEBIM.AUTH_TOKEN}": sim.WebimAuthToken,
		"{$ITGRIX.USER}":      sim.ItgrixUser, "{$ITGRIX.PASSWORD}": sim.ItgrixPassword,
		"{$WA.API_KEY}":         sim.WAAPIKey,
		"{$WEBIM_HANDLER.USER}": sim.WebimHandlerUser, "{$WEBIM_HANDLER.PASSWORD}": sim.WebimHandlerPassword,
		"{$WEBIM_HANDLER.PRIVATE_KEY}": sim.WebimPrivateKey,
		"{$DOLIBARR.API_KEY}":          sim.DolibarrAPIKey, "{$DOLIBARR.TOKEN}": sim.DolibarrToken,
	}
	// the path of the simulated service after the scenario, where it is not the root
	servicePath := map[string]string{"check_webim_handler": sim.WebimHandlerPath}
	scenarios := []struct {
		name     string
		path     string
		override map[string]string
		code     int
		perf     bool // every perfdata item must resolve
	}{
		{"healthy", "", nil, 0, true},
		{"password from a file", "", map[string]string{"{$WEBIM.PASSWORD}": "", "{$WEBIM.PASSWORD.FILE}": pwFile}, 0, true},
		{"unauthorized", "/unauthorized", nil, 3, false},
		{"bad gateway", "/bad-gateway", nil, 2, false},
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
				if sc.override != nil && !strings.HasPrefix(name, "check_webim_") {
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
					code, stdout, stderr := testutil.Run(t, all.Checks()[name](), nil, args...)
					assert.Empty(t, stderr)
					var doc map[string]any
					require.NoError(t, json.Unmarshal([]byte(stdout), &doc), "not JSON: %s", stdout)
					require.Equal(t, sc.code, code, "exit code; output %s", stdout)
					for _, it := range tpl.Items {
						if it.Type != "DEPENDENT" || it.MasterItem.Key != master.Key {
							continue
						}
						path := it.Preprocessing[0].Parameters[0]
						v, err := jsonPath(doc, path)
						isPerf := strings.HasPrefix(path, "$.perfdata")
						if isPerf && !sc.perf {
							if err != nil {
								assert.Equal(t, "DISCARD_VALUE", it.Preprocessing[0].ErrorHandler, "%s: a perfdata value missing from an error answer must be discarded", it.Key)
							}
							continue
						}
						if !assert.NoError(t, err, "%s: %s does not resolve against\n%s", it.Key, path, stdout) {
							continue
						}
						switch it.ValueType {
						case "UNSIGNED":
							f, ok := v.(float64)
							assert.True(t, ok && f >= 0 && f == float64(int64(f)), "%s: %v is not unsigned", it.Key, v)
							if strings.HasSuffix(it.Key, ".state") {
								assert.Equal(t, float64(code), v, "%s: the state item differs from the exit code", it.Key)
							}
						case "FLOAT":
							_, ok := v.(float64)
							assert.True(t, ok, "%s: %v is not a number", it.Key, v)
						case "TEXT":
							s, ok := v.(string)
							assert.True(t, ok && s != "", "%s: %v is not a text", it.Key, v)
						default:
							t.Errorf("%s: unexpected value type %s", it.Key, it.ValueType)
						}
					}
				})
			}
		}
	}
}
