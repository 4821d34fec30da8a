//go:build integration

package integration

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccmon/webim-checks/lib/checks/all"
	"github.com/ccmon/webim-checks/lib/sim"
	"github.com/ccmon/webim-checks/lib/testutil"
)

// The Zabbix test runs a private Zabbix 6.0 server: its own PostgreSQL
// cluster, zabbix_server in the foreground and the frontend's JSON-RPC API
// through PHP's built-in web server, all on 127.0.0.1 under a temporary
// directory, each started here and stopped by PID. It imports
// contrib/zabbix/webim-checks.yaml through the API, monitors a healthy
// and two broken hosts on the simulator, every template linked,
// and compares every state item and every problem, discovered timers,
// nodes, accounts and channels included, with what the checks say when
// run directly.

// zbxHosts are the hosts: their path prefix on the simulator per
// template, by the template's macro prefix (a template not named: the
// healthy root).
var zbxHosts = []struct {
	Name  string
	Paths map[string]string
}{
	{"sim-healthy", map[string]string{"WA": "/wa-ha-ok"}},
	{"sim-broken", map[string]string{"WEBIM": "/timers-trouble", "ITGRIX": "/license-10-days", "WA": "/wa-ha-none"}},
	{"sim-accounts", map[string]string{"WEBIM": "/accounts-trouble", "WA": "/wa-ha-ok"}},
}

// zbxServicePath is the path of a simulated service after the scenario,
// by the macro prefix of its template, where it is not the root.
var zbxServicePath = map[string]string{"WEBIM_HANDLER": sim.WebimHandlerPath}

// reMasterKey finds the external check items of the template file and the
// macro prefix of their template: check_webim_db["--host","{$WEBIM.SCHEME}...
var reMasterKey = regexp.MustCompile(`(?m)^ {10}key: 'check_([a-z_]+)\["--host","\{\$([A-Z_]+)\.SCHEME\}`)

// reTemplateName finds the templates of the template file.
var reTemplateName = regexp.MustCompile(`(?m)^ {6}template: '([^']+)'$`)

// zbxTemplateFile returns the template names of
// contrib/zabbix/webim-checks.yaml, the file itself and the macro prefix
// of each check's template.
func zbxTemplateFile(t *testing.T) ([]string, string, map[string]string) {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(testutil.Root(), "contrib", "zabbix", "webim-checks.yaml"))
	require.NoError(t, err)
	var names []string
	for _, m := range reTemplateName.FindAllStringSubmatch(string(src), -1) {
		names = append(names, m[1])
	}
	macroOf := map[string]string{}
	for _, m := range reMasterKey.FindAllStringSubmatch(string(src), -1) {
		macroOf["check_"+m[1]] = m[2]
	}
	require.Len(t, macroOf, len(all.Names()), "an external check item per check")
	return names, string(src), macroOf
}

// freePort returns a port free on 127.0.0.1 between 10000 and 32767
// (zabbix_server takes none above), the same for the test's other daemons.
func freePort(t *testing.T) int {
	t.Helper()
	for range 100 {
		port := 10000 + rand.IntN(22768)
		if l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port)); err == nil {
			l.Close()
			return port
		}
	}
	t.Fatal("no free port between 10000 and 32767")
	return 0
}

// lookupUser returns the uid and gid of a system user.
func lookupUser(t *testing.T, name string) (int, int) {
	t.Helper()
	u, err := user.Lookup(name)
	require.NoError(t, err, "user %s (from the package that needs it)", name)
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	return uid, gid
}

// startAs starts a daemon in its own process group, as the given user
// when uid > 0; it is stopped (SIGTERM, by PID) when the test ends.
func startAs(t *testing.T, uid, gid int, logFile, dir string, name string, args ...string) *daemon {
	t.Helper()
	log, err := os.Create(logFile)
	require.NoError(t, err)
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = []string{"PATH=/usr/bin:/bin:/usr/sbin:/sbin", "LANG=C.UTF-8"}
	cmd.Stdout, cmd.Stderr = log, log
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if uid > 0 {
		cmd.SysProcAttr.Credential = &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
	}
	require.NoError(t, cmd.Start(), "start %s", name)
	t.Logf("started %s, pid %d", filepath.Base(name), cmd.Process.Pid)
	d := &daemon{cmd: cmd, done: make(chan error, 1)}
	go func() { d.done <- cmd.Wait(); log.Close() }()
	t.Cleanup(func() { d.stop(t) })
	return d
}

// waitFor polls cond every 250 ms until it holds or the time is up; what
// says what was awaited, and the daemons must still be running.
func waitFor(t *testing.T, limit time.Duration, what string, ds []*daemon, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	tick := time.NewTicker(250 * time.Millisecond)
	defer tick.Stop()
	for !cond() {
		for _, d := range ds {
			if gone, err := d.exited(); gone {
				t.Fatalf("waiting for %s: %s exited (%v)", what, d.cmd.Path, err)
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within %s", what, limit)
		}
		<-tick.C
	}
}

// zbxPostgres starts a private PostgreSQL cluster for the zabbix database
// and loads the schema of zabbix-server-pgsql into it. It returns the port.
func zbxPostgres(t *testing.T, w string) (int, *daemon) {
	t.Helper()
	bins, _ := filepath.Glob("/usr/lib/postgresql/*/bin/postgres")
	require.NotEmpty(t, bins, "PostgreSQL is not installed: apt-get install -y postgresql")
	bin := filepath.Dir(bins[len(bins)-1])
	uid, gid := lookupUser(t, "postgres")
	data := filepath.Join(w, "pg")
	require.NoError(t, os.MkdirAll(data, 0o700))
	require.NoError(t, os.Chown(data, uid, gid))
	initdb := exec.Command(filepath.Join(bin, "initdb"), "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")
	initdb.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}}
	out, err := initdb.CombinedOutput()
	require.NoError(t, err, "initdb:\n%s", out)
	sock := filepath.Join(w, "pgsock")
	require.NoError(t, os.Mkdir(sock, 0o755))
	require.NoError(t, os.Chown(sock, uid, gid))
	port := freePort(t)
	pg := startAs(t, uid, gid, filepath.Join(w, "postgres.log"), data, filepath.Join(bin, "postgres"), "-D", data,
		"-c", "listen_addresses=127.0.0.1", "-p", strconv.Itoa(port), "-c", "unix_socket_directories="+sock,
		"-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off")
	psql := func(db string, stdin io.Reader, args ...string) {
		// the schema's 130,000 statements go faster over the socket
		cmd := exec.Command("psql", append([]string{"-q", "-v", "ON_ERROR_STOP=1", "-h", sock, "-p", strconv.Itoa(port), "-U", db, db}, args...)...)
		cmd.Stdin = stdin
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "psql:\n%s", out)
	}
	waitFor(t, 30*time.Second, "PostgreSQL to accept connections", []*daemon{pg}, func() bool {
		return exec.Command(filepath.Join(bin, "pg_isready"), "-q", "-h", "127.0.0.1", "-p", strconv.Itoa(port)).Run() == nil
	})
	psql("postgres", nil, "-c", "CREATE ROLE zabbix LOGIN", "-c", "CREATE DATABASE zabbix OWNER zabbix")
	pr, pw := io.Pipe()
	go func() {
		for _, part := range []string{"schema", "images", "data"} {
			if err := gunzip(pw, "/usr/share/zabbix-server-pgsql/"+part+".sql.gz"); err != nil {
				pw.CloseWithError(err)
				return
			}
		}
		pw.Close()
	}()
	psql("zabbix", pr)
	return port, pg
}

// gunzip writes a schema file, its one-line INSERT statements into the
// same table joined into one statement of up to 500 rows: the 130,000
// statements of data.sql one by one take most of the test's time.
func gunzip(w io.Writer, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		return err
	}
	sc := bufio.NewScanner(z)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	bw := bufio.NewWriterSize(w, 1<<20)
	var prefix string
	rows := 0
	flush := func() {
		if rows > 0 {
			bw.WriteString(";\n")
		}
		prefix, rows = "", 0
	}
	for sc.Scan() {
		line := sc.Text()
		head, values, ok := strings.Cut(line, ") values (")
		if !ok {
			head, values, ok = strings.Cut(line, ") VALUES (")
		}
		if !ok || !strings.HasPrefix(line, "INSERT INTO ") || !strings.HasSuffix(values, ");") {
			flush()
			bw.WriteString(line + "\n")
			continue
		}
		if head != prefix || rows == 500 {
			flush()
			prefix = head
			bw.WriteString(head + ") values (" + strings.TrimSuffix(values, ";"))
		} else {
			bw.WriteString(",(" + strings.TrimSuffix(values, ";"))
		}
		rows++
	}
	flush()
	if err := sc.Err(); err != nil {
		return err
	}
	return bw.Flush()
}

// zbxServer writes the server's configuration (the checks as external
// scripts, a small set of processes) and starts it in the foreground; it
// drops to the zabbix user itself.
func zbxServer(t *testing.T, w string, pgPort int) (int, *daemon) {
	t.Helper()
	bin := need(t, "zabbix_server", "zabbix-server-pgsql")
	uid, gid := lookupUser(t, "zabbix")
	run := filepath.Join(w, "run")
	require.NoError(t, os.MkdirAll(run, 0o755))
	require.NoError(t, os.Chown(run, uid, gid))
	scripts := filepath.Join(w, "externalscripts")
	require.NoError(t, os.MkdirAll(scripts, 0o755))
	dir := plugins(t)
	require.NoError(t, os.Chmod(dir, 0o755), "the zabbix user runs the plugins")
	for _, name := range all.Names() {
		require.NoError(t, os.Symlink(filepath.Join(dir, name), filepath.Join(scripts, name)))
	}
	port := freePort(t)
	conf := fmt.Sprintf(`LogType=console
PidFile=%[1]s/zabbix_server.pid
SocketDir=%[1]s
ListenIP=127.0.0.1
ListenPort=%[2]d
DBHost=127.0.0.1
DBPort=%[3]d
DBName=zabbix
DBUser=zabbix
ExternalScripts=%[4]s
CacheUpdateFrequency=2
HousekeepingFrequency=0
StartPollers=2
StartPollersUnreachable=1
StartPreprocessors=1
StartTrappers=1
StartPingers=0
StartDiscoverers=0
StartHTTPPollers=0
StartDBSyncers=1
StartLLDProcessors=1
StartAlerters=1
StartEscalators=1
StartTimers=1
StartHistoryPollers=1
StartReportWriters=0
`, run, port, pgPort, scripts)
	confFile := filepath.Join(w, "zabbix_server.conf")
	require.NoError(t, os.WriteFile(confFile, []byte(conf), 0o644))
	d := startAs(t, 0, 0, filepath.Join(w, "zabbix_server.log"), w, bin, "-f", "-c", confFile)
	return port, d
}

// zbxFrontend serves a copy of the frontend, whose configuration file is
// the test's own (the package's is fixed at /etc/zabbix, which the test
// leaves alone), with PHP's built-in server. It returns the API's URL.
func zbxFrontend(t *testing.T, w string, pgPort, serverPort int) (string, *daemon) {
	t.Helper()
	php := need(t, "php", "php8.2-cli php8.2-pgsql zabbix-frontend-php")
	ui := filepath.Join(w, "ui")
	out, err := exec.Command("cp", "-a", "/usr/share/zabbix", ui).CombinedOutput()
	require.NoError(t, err, "zabbix-frontend-php is not installed? %s", out)
	confFile := filepath.Join(w, "zabbix.conf.php")
	cls := filepath.Join(ui, "include/classes/core/CConfigFile.php")
	src, err := os.ReadFile(cls)
	require.NoError(t, err)
	patched := strings.Replace(string(src), "'/etc/zabbix/zabbix.conf.php'", "'"+confFile+"'", 1)
	require.NotEqual(t, string(src), patched, "the frontend no longer names /etc/zabbix/zabbix.conf.php")
	require.NoError(t, os.WriteFile(cls, []byte(patched), 0o644))
	conf := fmt.Sprintf(`<?php
$DB['TYPE'] = 'POSTGRESQL'; $DB['SERVER'] = '127.0.0.1'; $DB['PORT'] = '%d';
$DB['DATABASE'] = 'zabbix'; $DB['USER'] = 'zabbix'; $DB['PASSWORD'] = ''; $DB['SCHEMA'] = '';
$DB['ENCRYPTION'] = false; $DB['KEY_FILE'] = ''; $DB['CERT_FILE'] = ''; $DB['CA_FILE'] = '';
$DB['VERIFY_HOST'] = false; $DB['CIPHER_LIST'] = ''; $DB['VAULT_URL'] = ''; $DB['VAULT_DB_PATH'] = '';
$DB['VAULT_TOKEN'] = ''; $DB['DOUBLE_IEEE754'] = true;
$ZBX_SERVER = '127.0.0.1'; $ZBX_SERVER_PORT = '%d'; $ZBX_SERVER_NAME = 'integration';
$IMAGE_FORMAT_DEFAULT = IMAGE_FORMAT_PNG;
`, pgPort, serverPort)
	require.NoError(t, os.WriteFile(confFile, []byte(conf), 0o644))
	port := freePort(t)
	d := startAs(t, 0, 0, filepath.Join(w, "php.log"), ui, php, "-S", fmt.Sprintf("127.0.0.1:%d", port), "-t", ui)
	return fmt.Sprintf("http://127.0.0.1:%d/api_jsonrpc.php", port), d
}

// zapi is a client of the Zabbix JSON-RPC API.
type zapi struct {
	url, auth string
}

func (z *zapi) call(method string, params, out any) error {
	req := map[string]any{"jsonrpc": "2.0", "method": method, "params": params, "id": 1}
	if z.auth != "" {
		req["auth"] = z.auth
	}
	body, _ := json.Marshal(req)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	hr, _ := http.NewRequestWithContext(ctx, http.MethodPost, z.url, bytes.NewReader(body))
	hr.Header.Set("Content-Type", "application/json-rpc")
	resp, err := http.DefaultClient.Do(hr)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	var r struct {
		Result json.RawMessage `json:"result"`
		Error  *struct {
			Message, Data string
		} `json:"error"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		return fmt.Errorf("%s: %w", method, err)
	}
	if r.Error != nil {
		return fmt.Errorf("%s: %s %s", method, r.Error.Message, r.Error.Data)
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(r.Result, out)
}

func (z *zapi) must(t *testing.T, method string, params, out any) {
	t.Helper()
	require.NoError(t, z.call(method, params, out))
}

// zbxItem is an item as item.get returns it.
type zbxItem struct {
	ItemID    string `json:"itemid"`
	HostID    string `json:"hostid"`
	Name      string `json:"name"`
	Key       string `json:"key_"`
	LastValue string `json:"lastvalue"`
	LastClock string `json:"lastclock"`
	Error     string `json:"error"`
	Flags     string `json:"flags"`
}

// direct is what a check says when run directly: its code, summary and
// items.
type direct struct {
	Code    int    `json:"code"`
	Summary string `json:"summary"`
	Items   []struct {
		Name, State, Summary string
	} `json:"items"`
}

// zbxDirect runs every check against a host's paths on the simulator as
// the template does (JSON, the same defaults) and returns the answers by
// check name.
func zbxDirect(t *testing.T, srv string, paths, macroOf map[string]string) map[string]direct {
	t.Helper()
	out := map[string]direct{}
	for _, name := range all.Names() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		m := macroOf[name]
		code, stdout, err := run(ctx, filepath.Join(plugins(t), name), []string{"-H", srv + paths[m] + zbxServicePath[m], "--format", "json"},
			append([]string{"PATH=/usr/bin:/bin", "MP_STATE_PATH=" + t.TempDir()}, sim.Env()...))
		cancel()
		require.NoError(t, err)
		var d direct
		require.NoError(t, json.Unmarshal([]byte(stdout), &d), "%s: %s", name, stdout)
		require.Equal(t, code, d.Code)
		out[name] = d
	}
	return out
}

var stateWords = []string{"OK", "WARNING", "CRITICAL", "UNKNOWN"}

// zbxStateKey parses a state item's key into its check and, for a
// discovered thing, its name: webim.timers.state, dolibarr.state, or
// webim.timers.timer.state["BackgroundStorager 0"].
func zbxStateKey(key string) (check, name string, ok bool) {
	rest, found := strings.CutSuffix(key, "\"]")
	if found {
		rest, name, found = strings.Cut(rest, `.state["`)
		if !found {
			return "", "", false
		}
		rest = rest[:max(strings.LastIndex(rest, "."), 0)] // the kind: .timer
	} else if rest, found = strings.CutSuffix(key, ".state"); !found {
		return "", "", false
	}
	for _, c := range all.Names() {
		if strings.ReplaceAll(strings.TrimPrefix(c, "check_"), "_", ".") == rest {
			return c, name, true
		}
	}
	return "", "", false
}

// zbxExpect returns what a state item must hold and the problem it must
// open (or ""), from the direct answers of its host.
func zbxExpect(t *testing.T, it zbxItem, answers map[string]direct) (string, string) {
	t.Helper()
	check, thing, ok := zbxStateKey(it.Key)
	require.True(t, ok, "not a state item: %s", it.Key)
	d, ok := answers[check]
	require.True(t, ok, "%s: no check %s", it.Key, check)
	code, summary := d.Code, d.Summary
	if thing != "" {
		found := false
		for _, x := range d.Items {
			if x.Name == thing {
				found, summary = true, x.Summary
				code = slicesIndex(stateWords, x.State)
			}
		}
		require.True(t, found, "%s: discovered, but %s does not report %q", it.Key, check, thing)
	}
	if code == 0 {
		return "0", ""
	}
	return strconv.Itoa(code), strings.TrimSuffix(it.Name, ": state") + " " + stateWords[code] + ": " + summary
}

func slicesIndex(s []string, v string) int {
	for i, x := range s {
		if x == v {
			return i
		}
	}
	return -1
}

// TestZabbix imports the templates into a real Zabbix 6.0 server and
// monitors the simulator with them.
func TestZabbix(t *testing.T) {
	t0 := time.Now()
	step := func(what string) { t.Logf("[%5.1fs] %s", time.Since(t0).Seconds(), what) }
	need(t, "psql", "postgresql")
	w, err := os.MkdirTemp("", "webim-checks-zabbix-")
	require.NoError(t, err)
	require.NoError(t, os.Chmod(w, 0o755))
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("logs kept in %s", w)
			return
		}
		os.RemoveAll(w)
	})

	pgPort, pg := zbxPostgres(t, w)
	step("PostgreSQL with the zabbix schema")
	srvPort, server := zbxServer(t, w, pgPort)
	apiURL, php := zbxFrontend(t, w, pgPort, srvPort)
	ds := []*daemon{pg, server, php}
	z := &zapi{url: apiURL}
	var version string
	waitFor(t, 30*time.Second, "the API", ds, func() bool { return z.call("apiinfo.version", map[string]any{}, &version) == nil })
	z.must(t, "user.login", map[string]string{"username": "Admin", "password": "zabbix"}, &z.auth)
	z.must(t, "host.update", map[string]any{"hostid": "10084", "status": 1}, nil) // "Zabbix server": no agent here
	step("zabbix_server and the API " + version + " up")

	templates, src, macroOf := zbxTemplateFile(t)
	zbxImport(t, z, src)
	step(fmt.Sprintf("%d templates imported", len(templates)))
	hostIDs, answers := zbxCreateHosts(t, z, w, templates, macroOf)
	step("hosts created")

	zbxCollect(t, z, ds, hostIDs, answers)
	step("every state item has a value")
	zbxProblems(t, z, ds, hostIDs, answers)
	step("problems as expected")

	logText, err := os.ReadFile(filepath.Join(w, "zabbix_server.log"))
	require.NoError(t, err)
	for _, s := range secretValues {
		assert.NotContains(t, string(logText), s, "a secret in the server's log")
	}
}

func zbxImport(t *testing.T, z *zapi, src string) {
	t.Helper()
	all := map[string]bool{"createMissing": true, "updateExisting": true}
	rules := map[string]any{
		"groups": map[string]bool{"createMissing": true}, "templates": all, "valueMaps": all, "templateLinkage": map[string]bool{"createMissing": true},
		"items": all, "triggers": all, "discoveryRules": all,
	}
	var ok bool
	z.must(t, "configuration.import", map[string]any{"format": "yaml", "source": src, "rules": rules}, &ok)
	require.True(t, ok)
}

// zbxSecrets writes the secrets into files only the zabbix user can read
// and returns the host macros that name them, with the logins.
func zbxSecrets(t *testing.T, w string) map[string]string {
	t.Helper()
	uid, gid := lookupUser(t, "zabbix")
	dir := filepath.Join(w, "secrets")
	require.NoError(t, os.Mkdir(dir, 0o750))
	require.NoError(t, os.Chown(dir, 0, gid))
	macros := map[string]string{"WEBIM.USER": sim.WebimUser, "ITGRIX.USER": sim.ItgrixUser, "WEBIM_HANDLER.USER": sim.WebimHandlerUser}
	for macro, secret := range map[string]string{
		"WEBIM.PASSWORD.FILE": sim.WebimPassword, "ITGRIX.PASSWORD.FILE": sim.ItgrixPassword, "WA.API_KEY.FILE": sim.WAAPIKey,
		"WEBIM.AUTH_TOKEN.FILE": sim.WebimAuthToken, "WEBIM_HANDLER.PASSWORD.FILE": sim.WebimHandlerPassword,
		"WEBIM_HANDLER.PRIVATE_KEY.FILE": sim.WebimPrivateKey, "DOLIBARR.API_KEY.FILE": sim.DolibarrAPIKey,
	} {
		p := filepath.Join(dir, strings.ToLower(macro))
		require.NoError(t, os.WriteFile(p, []byte(secret+"\n"), 0o600))
		require.NoError(t, os.Chown(p, uid, gid))
		macros[macro] = p
	}
	return macros
}

// zbxCreateHosts creates the hosts on the simulator, every template linked,
// with their secrets in files the zabbix user can read, and returns their
// ids and what the checks say of them when run directly.
func zbxCreateHosts(t *testing.T, z *zapi, w string, templates []string, macroOf map[string]string) (map[string]string, map[string]map[string]direct) {
	t.Helper()
	srv := testutil.Simulator(t, nil)
	u, _ := url.Parse(srv.URL)
	secrets := zbxSecrets(t, w)
	var g struct{ GroupIDs []string }
	z.must(t, "hostgroup.create", map[string]string{"name": "webim-checks integration"}, &g)
	var tpls []struct {
		TemplateID string `json:"templateid"`
	}
	z.must(t, "template.get", map[string]any{"output": []string{"templateid"}, "filter": map[string]any{"host": templates}}, &tpls)
	require.Len(t, tpls, len(templates))
	prefixes := map[string]bool{}
	for _, m := range macroOf {
		prefixes[m] = true
	}
	ids, answers := map[string]string{}, map[string]map[string]direct{}
	for _, h := range zbxHosts {
		var macros []map[string]string
		macro := func(name, value string) {
			macros = append(macros, map[string]string{"macro": "{$" + name + "}", "value": value})
		}
		for p := range prefixes {
			macro(p+".SCHEME", "http")
			macro(p+".PORT", u.Port())
			macro(p+".PATH", h.Paths[p]+zbxServicePath[p])
		}
		for name, value := range secrets {
			macro(name, value)
		}
		var r struct{ HostIDs []string }
		z.must(t, "host.create", map[string]any{
			"host": h.Name, "groups": []map[string]string{{"groupid": g.GroupIDs[0]}}, "templates": tpls, "macros": macros,
			"interfaces": []map[string]any{{"type": 1, "main": 1, "useip": 1, "ip": u.Hostname(), "dns": "", "port": "10050"}},
		}, &r)
		ids[h.Name] = r.HostIDs[0]
		answers[r.HostIDs[0]] = zbxDirect(t, srv.URL, h.Paths, macroOf)
	}
	return ids, answers
}

// zbxItems returns the hosts' items whose key matches the wildcard.
func zbxItems(t *testing.T, z *zapi, hostIDs map[string]string, key string) []zbxItem {
	t.Helper()
	ids := keys(hostIDs)
	var items []zbxItem
	z.must(t, "item.get", map[string]any{
		"output": []string{"itemid", "hostid", "name", "key_", "lastvalue", "lastclock", "error", "flags"}, "hostids": ids,
		"search": map[string]string{"key_": key}, "searchWildcardsEnabled": true,
	}, &items)
	sort.Slice(items, func(i, j int) bool { return items[i].HostID+items[i].Key < items[j].HostID+items[j].Key })
	return items
}

// hostName returns the name of the host with the id.
func hostName(hostIDs map[string]string, id string) string {
	for name, hid := range hostIDs {
		if hid == id {
			return name
		}
	}
	return id
}

func keys(m map[string]string) []string {
	var out []string
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

// zbxStates returns the hosts' state items, the discovered ones included.
func zbxStates(t *testing.T, z *zapi, hostIDs map[string]string) []zbxItem {
	t.Helper()
	var out []zbxItem
	for _, it := range zbxItems(t, z, hostIDs, "*.state*") {
		if _, _, ok := zbxStateKey(it.Key); ok {
			out = append(out, it)
		}
	}
	return out
}

// zbxCheckNow asks the server to run the external checks now (the license
// runs hourly); it repeats the request every 3 s until ready holds, since
// the server drops the request for an item not in its configuration cache
// yet.
func zbxCheckNow(t *testing.T, z *zapi, ds []*daemon, hostIDs map[string]string, what string, ready func() bool) {
	t.Helper()
	masters := zbxItems(t, z, hostIDs, "check_*")
	var tasks []map[string]any
	for _, m := range masters {
		tasks = append(tasks, map[string]any{"type": 6, "request": map[string]string{"itemid": m.ItemID}})
	}
	var last time.Time
	waitFor(t, 2*time.Minute, what, ds, func() bool {
		if ready() {
			return true
		}
		if time.Since(last) > 3*time.Second {
			last = time.Now()
			z.must(t, "task.create", tasks, nil)
		}
		return false
	})
}

// zbxCollect runs the checks until every state item has a value, the
// discovered ones included, and compares each with the direct answer.
func zbxCollect(t *testing.T, z *zapi, ds []*daemon, hostIDs map[string]string, answers map[string]map[string]direct) {
	t.Helper()
	var states []zbxItem
	allSet := func() bool {
		states = zbxStates(t, z, hostIDs)
		for _, it := range states {
			if it.LastClock == "0" {
				return false
			}
		}
		return len(states) > 0
	}
	zbxCheckNow(t, z, ds, hostIDs, "a value in every state item", allSet)
	want := 0
	for _, a := range answers {
		for _, d := range a {
			want += 1 + len(d.Items)
		}
	}
	// the discovered items get their values from the next run
	what := fmt.Sprintf("%d state items, the discovered ones with values", want)
	t.Cleanup(func() {
		if !t.Failed() {
			return
		}
		for _, it := range zbxItems(t, z, hostIDs, "*") {
			t.Logf("item host %s %s: lastclock %s value %.60q error %q", it.HostID, it.Key, it.LastClock, it.LastValue, it.Error)
		}
		var rules []zbxItem
		_ = z.call("discoveryrule.get", map[string]any{"output": []string{"hostid", "key_", "error"}, "hostids": keys(hostIDs)}, &rules)
		for _, r := range rules {
			t.Logf("discovery rule host %s %s: error %q", r.HostID, r.Key, r.Error)
		}
	})
	zbxCheckNow(t, z, ds, hostIDs, what, func() bool {
		return allSet() && len(states) == want
	})
	for _, it := range states {
		value, _ := zbxExpect(t, it, answers[it.HostID])
		assert.Equal(t, value, it.LastValue, "%s %s (%s)", it.HostID, it.Key, it.Name)
		t.Logf("%s: %-60s = %s", hostName(hostIDs, it.HostID), it.Key, it.LastValue)
	}
	zbxEveryCheck(t, states, hostIDs)
	perItem := 0
	for _, it := range zbxItems(t, z, hostIDs, "*") {
		assert.Empty(t, it.Error, "%s %s: not supported", hostName(hostIDs, it.HostID), it.Key)
		if it.Flags == "4" && strings.Contains(it.Key, ".perf[") && it.LastClock != "0" {
			perItem++
		}
	}
	assert.Positive(t, perItem, "no discovered perfdata item has a value")
}

// zbxEveryCheck holds that every check of the registry has a value on
// every host, and that the hosts' discovered things include timers,
// nodes, accounts and channels.
func zbxEveryCheck(t *testing.T, states []zbxItem, hostIDs map[string]string) {
	t.Helper()
	have := map[string]bool{}
	kinds := map[string]bool{}
	for _, it := range states {
		check, thing, _ := zbxStateKey(it.Key)
		if thing == "" {
			have[hostName(hostIDs, it.HostID)+" "+check] = it.LastClock != "0"
			continue
		}
		if it.Flags == "4" {
			kind := it.Key[:strings.Index(it.Key, `.state["`)]
			kinds[kind[strings.LastIndex(kind, ".")+1:]] = true
		}
	}
	for _, h := range zbxHosts {
		for _, name := range all.Names() {
			assert.True(t, have[h.Name+" "+name], "%s: %s has no value", h.Name, name)
		}
	}
	for _, kind := range []string{"timer", "node", "account", "channel"} {
		assert.True(t, kinds[kind], "no %s was discovered", kind)
	}
}

// zbxProblems waits until the open problems are exactly those the direct
// answers call for, named with their summaries.
func zbxProblems(t *testing.T, z *zapi, ds []*daemon, hostIDs map[string]string, answers map[string]map[string]direct) {
	t.Helper()
	var want []string
	discoveredProblem := false
	for _, it := range zbxStates(t, z, hostIDs) {
		if _, name := zbxExpect(t, it, answers[it.HostID]); name != "" {
			want = append(want, hostName(hostIDs, it.HostID)+": "+name)
			discoveredProblem = discoveredProblem || it.Flags == "4"
		}
	}
	sort.Strings(want)
	require.True(t, discoveredProblem, "the broken hosts must have a discovered timer, node or account in trouble")
	// the discovered account of accounts-trouble whose objects failed to
	// be stored opens its own problem, named after it
	account := "sim-accounts: WEBIM ACCOUNTS account support WARNING: "
	require.True(t, slices.ContainsFunc(want, func(p string) bool { return strings.HasPrefix(p, account) }), "expected a problem %q...", account)
	var got []string
	check := func() bool {
		got = got[:0]
		for _, id := range hostIDs {
			var ps []struct{ Name string }
			z.must(t, "problem.get", map[string]any{"output": []string{"name"}, "hostids": []string{id}}, &ps)
			for _, p := range ps {
				got = append(got, hostName(hostIDs, id)+": "+p.Name)
			}
		}
		sort.Strings(got)
		return strings.Join(got, "\n") == strings.Join(want, "\n")
	}
	deadline := time.Now().Add(30 * time.Second)
	waitFor(t, 45*time.Second, "the problems", ds, func() bool { return check() || time.Now().After(deadline) })
	assert.Equal(t, want, got, "open problems")
	for _, p := range got {
		t.Logf("problem %s", p)
	}
}
